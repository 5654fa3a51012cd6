#include "store/AuditLog.h"

#include "common/ThisProcess.h"

#include "store/Json.h"
#include "store/RowReaders.h"

namespace medq::store {

Id AuditLog::append(const QString& actor, const QString& action, const QString& entity, std::optional<Id> entityId,
                    const QJsonObject& details) {
    // BEGIN IMMEDIATE holds the write lock from reading the last hash to recording the new
    // head, so two writers cannot both chain onto the same row.
    WriteScope scope(m_db);
    const auto last = AuditChain::lastRow(m_db);
    const QString prev = last ? last->second : AuditChain::genesisHash();
    const QString at = nowIso();
    const QString detailsText = json::text(details);
    const QString hash = AuditChain::rowHash(prev, at, actor, action, entity, entityId, detailsText);
    Statement s = m_db.prepare(
        "INSERT INTO audit_log(at, actor, action, entity, entity_id, details, prev_hash, hash) VALUES(?,?,?,?,?,?,?,?)");
    s.bind(1, at).bind(2, actor).bind(3, action).bind(4, entity).bind(5, entityId).bind(6, detailsText);
    s.bind(7, prev).bind(8, hash);
    s.run();
    const Id id = m_db.lastInsertId();
    AuditChain::recordHead(m_db, id, hash);
    scope.commit();
    return id;
}

std::vector<AuditEntry> AuditLog::recent(int limit) const {
    Statement s = m_db.prepare(
        "SELECT id, at, actor, action, entity, entity_id, details FROM audit_log ORDER BY id DESC LIMIT ?");
    s.bind(1, limit);
    std::vector<AuditEntry> out;
    while (s.step()) {
        out.push_back({s.columnInt(0), s.columnText(1), s.columnText(2), s.columnText(3), s.columnText(4),
                       s.columnOptionalInt(5), json::object(s.columnText(6))});
    }
    return out;
}

int AuditLog::count() const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM audit_log");
    return s.step() ? int(s.columnInt(0)) : 0;
}

Id JobRepository::start(const QString& kind, const QJsonObject& params) {
    WriteScope scope(m_db);
    closeInterrupted();
    QJsonObject recorded = params;
    recorded.insert(QStringLiteral("pid"), thisProcessId());
    recorded.insert(QStringLiteral("host"), thisHostName());
    Statement s = m_db.prepare("INSERT INTO jobs(kind, params, status, started_at) VALUES(?,?,?,?)");
    s.bind(1, kind).bind(2, json::text(recorded)).bind(3, key(RunStatus::Running)).bind(4, nowIso());
    s.run();
    const Id id = m_db.lastInsertId();
    scope.commit();
    return id;
}

int JobRepository::closeInterrupted() {
    WriteScope scope(m_db);
    std::vector<std::pair<Id, qint64>> dead;
    {
        Statement s = m_db.prepare("SELECT id, params FROM jobs WHERE status = ?");
        s.bind(1, key(RunStatus::Running));
        const QString host = thisHostName();
        while (s.step()) {
            const QJsonObject params = json::object(s.columnText(1));
            const qint64 pid = qint64(params.value(QStringLiteral("pid")).toDouble());
            if (pid > 0 && params.value(QStringLiteral("host")).toString() == host && !processAlive(pid))
                dead.push_back({s.columnInt(0), pid});
        }
    }
    for (const auto& [id, pid] : dead)
        finish(id, RunStatus::Failed,
               QStringLiteral("interrupted: its process (%1) ended before the job finished").arg(pid));
    scope.commit();
    return int(dead.size());
}

void JobRepository::finish(Id id, RunStatus status, const QString& message) {
    Statement s = m_db.prepare("UPDATE jobs SET status=?, message=?, finished_at=? WHERE id=?");
    s.bind(1, key(status)).bind(2, message).bind(3, nowIso()).bind(4, id);
    s.run();
}

std::vector<JobRecord> JobRepository::recent(int limit) const {
    Statement s = m_db.prepare(
        "SELECT id, kind, params, status, message, started_at, COALESCE(finished_at, '') FROM jobs "
        "ORDER BY id DESC LIMIT ?");
    s.bind(1, limit);
    std::vector<JobRecord> out;
    while (s.step()) {
        out.push_back({s.columnInt(0), s.columnText(1), json::object(s.columnText(2)),
                       rows::stored<RunStatus>(s.columnText(3), "jobs.status"), s.columnText(4), s.columnText(5),
                       s.columnText(6)});
    }
    return out;
}

}  // namespace medq::store
