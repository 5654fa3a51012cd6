#pragma once
// Loopback ports for tests that start servers (a PACS, a receiver, a rendezvous). Fixed
// ports derived from the pid collided: Linux hands out 32768-60999 to outgoing connections
// (curl, DCMTK associations, c10d peers of tests running beside), so a block there could be
// taken between two tests. portBlock() picks below that range and checks every port binds.
#include <QRandomGenerator>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace medq::test {

namespace detail {
// Binds `port` (0: any) on INADDR_ANY the way servers do; returns the bound port or -1.
inline int bindOnce(int port, bool loopback) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(quint16(port));
    a.sin_addr.s_addr = htonl(loopback ? INADDR_LOOPBACK : INADDR_ANY);
    socklen_t length = sizeof(a);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length) == 0;
    ::close(fd);
    return ok ? ntohs(a.sin_port) : -1;
}
}  // namespace detail

// A loopback port that was free a moment ago, so nobody listens there.
inline int unusedPort() { return detail::bindOnce(0, true); }

// The first of `count` consecutive ports, all free a moment ago, in 20000-32699: below the
// kernel's range for outgoing connections, chosen at random so tests running side by side
// do not meet.
inline quint16 portBlock(int count) {
    for (int attempt = 0; attempt < 200; ++attempt) {
        const int first = 20000 + int(QRandomGenerator::global()->bounded(12700 - count));
        bool free = true;
        for (int p = first; free && p < first + count; ++p) free = detail::bindOnce(p, false) == p;
        if (free) return quint16(first);
    }
    return 0;
}

}  // namespace medq::test
