#pragma once
// How rank 0 tells the other ranks what to do, through the group's store: task n is a JSON
// object {"task": NAME, ...} under "task/<n>"; each worker runs it (rank 0 runs its own part
// too) and reports under "task/<n>/result/<rank>": "ok", or "failed: " and its error.
// Tasks come one after another, in the same order on every rank.
#include "common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <chrono>
#include <functional>
#include <map>

namespace medq::dist {

class Group;

// The task that lets the workers go (`medq worker` exits 0).
inline const QString kEndTask = QStringLiteral("end");

// One rank's part of a task (the same function on every rank, as collectives need).
using TaskPart = std::function<Status(Group& group, const QJsonObject& task)>;

class TaskChannel {
public:
    explicit TaskChannel(Group& group) : m_group(group) {}

    // Rank 0: posts `task`, runs its own part, and collects the workers' reports (waiting up
    // to `timeout` after its own part). A failure of its own part returns at once: the
    // workers fail on their own when a collective breaks.
    Status lead(const QJsonObject& task, const TaskPart& ownPart, std::chrono::milliseconds timeout);
    // Workers: runs rank 0's tasks in order with the part registered for each name, until the
    // "end" task (returns success) or a failure (reported to rank 0, then returned). A task
    // with no part here fails: this worker cannot stay in step with the others.
    Status serve(const std::map<QString, TaskPart>& parts, std::chrono::milliseconds idleTimeout);

    // Rank 0: publishes the next task; returns its number.
    Result<int> post(const QJsonObject& task);
    // Rank 0: waits for every worker's report of task `number`; the error names each rank
    // that failed with its reason, or the ranks that did not report within `timeout`. Ranks
    // in `excused` (known to have stopped, their work redone) are not waited for.
    Status collect(int number, std::chrono::milliseconds timeout, const QList<int>& excused = {});

    // Workers: the next task, waiting up to `timeout` for rank 0 to post it.
    struct Task {
        int number = 0;
        QString name;
        QJsonObject body;
    };
    Result<Task> next(std::chrono::milliseconds timeout);
    Status report(int number, const Status& outcome);

private:
    Group& m_group;
    int m_next = 0;
};

}  // namespace medq::dist
