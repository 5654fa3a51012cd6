#pragma once
// The append-only record of who changed what and when, hash-chained (see AuditChain).
#include "store/AuditChain.h"
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <vector>

namespace medq::store {

class AuditLog {
public:
    explicit AuditLog(SqliteConnection& db) : m_db(db) {}

    // Appends a row whose hash covers the previous row's hash, in one transaction (joins the
    // caller's if open).
    Id append(const QString& actor, const QString& action, const QString& entity = {},
              std::optional<Id> entityId = std::nullopt, const QJsonObject& details = {});
    // Walks the hash chain; reports the first row that was edited, deleted, inserted or appended
    // behind AuditLog's back.
    AuditVerification verify() const { return AuditChain::verify(m_db); }
    // Newest first.
    std::vector<AuditEntry> recent(int limit) const;
    int count() const;

private:
    SqliteConnection& m_db;
};

// Job runs: what ran, with which parameters, and how it ended.
class JobRepository {
public:
    explicit JobRepository(SqliteConnection& db) : m_db(db) {}

    // Records a running job of this process (its id and host join `params`), first closing
    // the rows of jobs whose process died before they finished (closeInterrupted).
    Id start(const QString& kind, const QJsonObject& params);
    // Marks 'running' rows of this host whose process no longer exists as failed
    // ("interrupted"): a kill -9 or a crash never leaves a job running for ever. Returns how many.
    int closeInterrupted();
    void finish(Id id, RunStatus status, const QString& message);
    std::vector<JobRecord> recent(int limit) const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
