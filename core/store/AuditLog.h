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

    Id start(const QString& kind, const QJsonObject& params);
    void finish(Id id, RunStatus status, const QString& message);
    std::vector<JobRecord> recent(int limit) const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
