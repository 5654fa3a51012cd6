#pragma once
// How a process joins a group of processes (docs/scale-out.md): where rank 0's store
// listens, this process's rank, the group's size, the network interface and the timeouts.
#include "common/Result.h"

#include <QString>
#include <chrono>
#include <functional>

namespace medq::dist {

// "HOST:PORT" (an IPv6 address in brackets: "[::1]:29500").
struct HostPort {
    QString host;
    quint16 port = 0;

    static Result<HostPort> parse(const QString& text);
    QString toString() const;
    bool isLoopback() const;  // 127.0.0.0/8, ::1 or "localhost"
};

struct GroupOptions {
    // Rank 0's TCP store, HOST:PORT. Rank 0 listens there (port 0: the system picks a free
    // one, reported through onListening); the others connect to it.
    QString master;
    // Instead of `master`: a file-backed store on a path every rank reaches (a fresh
    // temporary folder in tests, or a shared filesystem). Left over from a crashed run it
    // must be removed before the next.
    QString storeFile;
    int rank = 0;
    int worldSize = 1;
    // The network interface Gloo sends and receives on (e.g. "eth0", "ib0"). Empty: the
    // address this machine uses to reach the master (127.0.0.1 for a loopback master).
    // GLOO_SOCKET_IFNAME is read only by torch's Python binding, not by C++.
    QString interfaceName;
    // Collectives and store operations; more than the longest time one rank may compute
    // while the others wait on it.
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};
    // Waiting for every rank to join (workers started by hand may come minutes apart).
    std::chrono::milliseconds joinTimeout{std::chrono::minutes(5)};
    int threads = 1;  // Gloo's threads for network work
    // Rank 0 with a TCP store: called with HOST:PORT once the store listens, before waiting
    // for the others (the port is known only then when `master` names port 0).
    std::function<void(const QString& address)> onListening;

    // What is wrong with these options (rank outside the group, no store, ...), if anything.
    Status validate() const;
};

// "3 s", "0.5 s": a duration as error messages give it.
QString secondsText(std::chrono::milliseconds duration);

}  // namespace medq::dist
