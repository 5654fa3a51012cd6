#pragma once
// The command-line options a process of a group takes (--master, --world-size, --interface,
// --threads, --timeout, --join-timeout), shared by `medq worker`, `medq dist selftest` and
// `medq pool embed`, `medq model train` and `medq loop run`.
#include "common/Result.h"
#include "dist/Group.h"
#include "dist/GroupOptions.h"
#include "dist/TaskChannel.h"

#include <QCommandLineParser>
#include <QString>
#include <memory>
#include <optional>

namespace medq::cli {

// `worker`: the wording for a worker (where rank 0 listens), else for rank 0. A command that
// also runs alone gives --world-size the default "1"; one that has its own --threads
// (`medq loop run`) passes addThreads false, and groupOptions reads that one.
void addGroupOptions(QCommandLineParser& p, bool worker, const QString& defaultWorldSize = QString(), bool addThreads = true);
// The group options from the command line, or what is wrong with them.
std::optional<QString> groupOptions(const QCommandLineParser& p, dist::GroupOptions& o);
// Rank 0's line once its store listens: how to start each worker.
void announceListening(const QString& address, int worldSize);

// Rank 0 of a group that `medq model train` and `medq loop run` lead: joined, announced, with
// the channel that hands out its tasks.
struct LeadGroup {
    std::unique_ptr<dist::Group> group;
    std::unique_ptr<dist::TaskChannel> channel;
    // Lets the workers go; waits for their reports only after a run that went well (after a
    // failure they may have stopped already), not for the `excused` ranks.
    Status end(bool runWentWell, std::chrono::milliseconds timeout, const QList<int>& excused = {});
};
// Joins as rank 0 (prints the workers' command line, then "all N ranks joined").
Result<LeadGroup> leadGroup(dist::GroupOptions options);

}  // namespace medq::cli
