#include "dist/TaskChannel.h"

#include "dist/Group.h"

#include <QJsonDocument>

namespace medq::dist {
namespace {

QString taskKey(int number) { return QStringLiteral("task/%1").arg(number); }
QString resultKey(int number, int rank) { return QStringLiteral("task/%1/result/%2").arg(number).arg(rank); }
const QByteArray kSucceeded = QByteArrayLiteral("ok");
const QByteArray kFailedPrefix = QByteArrayLiteral("failed: ");

}  // namespace

Result<int> TaskChannel::post(const QJsonObject& task) {
    const int number = m_next;
    if (const Status s = m_group.set(taskKey(number), QJsonDocument(task).toJson(QJsonDocument::Compact)); !s)
        return s.error();
    ++m_next;
    return number;
}

Status TaskChannel::collect(int number, std::chrono::milliseconds timeout, const QList<int>& excused) {
    QStringList keys;
    for (int r = 1; r < m_group.worldSize(); ++r)
        if (!excused.contains(r)) keys << resultKey(number, r);
    if (const Status s = keys.isEmpty() ? Status{} : m_group.wait(keys, timeout); !s)
        return Error{m_group.who(), QStringLiteral("task %1: not every worker reported: %2").arg(number).arg(s.error().reason)};
    QStringList failures;
    for (int r = 1; r < m_group.worldSize(); ++r) {
        if (excused.contains(r)) continue;
        const auto value = m_group.get(resultKey(number, r));
        if (!value) return value.error();
        if (value.value() == kSucceeded) continue;
        const QString why = QString::fromUtf8(value.value().mid(kFailedPrefix.size()));
        const QString rank = QStringLiteral("rank %1").arg(r);
        failures << (why.startsWith(rank + QLatin1String(" of ")) ? why : QStringLiteral("%1: %2").arg(rank, why));
    }
    if (failures.isEmpty()) return {};
    return Error{m_group.who(), QStringLiteral("task %1 failed: %2").arg(number).arg(failures.join(QLatin1String("; ")))};
}

Result<TaskChannel::Task> TaskChannel::next(std::chrono::milliseconds timeout) {
    const int number = m_next;
    if (const Status s = m_group.wait({taskKey(number)}, timeout); !s)
        return Error{m_group.who(), QStringLiteral("no task from rank 0 within %1").arg(secondsText(timeout))};
    const auto value = m_group.get(taskKey(number));
    if (!value) return value.error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(value.value(), &parseError);
    if (!doc.isObject() || !doc.object().value(QLatin1String("task")).isString())
        return Error{m_group.who(), QStringLiteral("task %1 from rank 0 is not a JSON object with a \"task\" name").arg(number)};
    ++m_next;
    return Task{number, doc.object().value(QLatin1String("task")).toString(), doc.object()};
}

Status TaskChannel::lead(const QJsonObject& task, const TaskPart& ownPart, std::chrono::milliseconds timeout) {
    const auto number = post(task);
    if (!number) return number.error();
    if (ownPart)
        if (const Status own = ownPart(m_group, task); !own) return own;
    return collect(number.value(), timeout);
}

Status TaskChannel::serve(const std::map<QString, TaskPart>& parts, std::chrono::milliseconds idleTimeout) {
    while (true) {
        const auto task = next(idleTimeout);
        if (!task) return task.error();
        const Task& t = task.value();
        if (t.name == kEndTask) return report(t.number, {});
        const auto part = parts.find(t.name);
        const Status outcome =
            part != parts.end()
                ? part->second(m_group, t.body)
                : Status(Error{m_group.who(), QStringLiteral("this worker does not know the task '%1' (is it an older medq than "
                                                             "rank 0's?)")
                                                  .arg(t.name)});
        if (const Status sent = report(t.number, outcome); !sent) return outcome ? sent : outcome;
        if (!outcome) return outcome;
    }
}

Status TaskChannel::report(int number, const Status& outcome) {
    return m_group.set(resultKey(number, m_group.rank()),
                       outcome ? kSucceeded : kFailedPrefix + outcome.error().message().toUtf8());
}

}  // namespace medq::dist
