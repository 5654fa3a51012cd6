#pragma once
// Instances received over DICOM (`medq pacs listen`): one row each, written before the
// sender is told the instance was stored, so an acknowledged instance is never lost; then
// imported or registered in the pool, and marked done or failed with the reason.
#include "common/Vocabulary.h"
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <QString>
#include <optional>
#include <vector>

namespace medq::store {

struct ReceivedInstanceRecord {
    Id id = 0;
    QString instanceHash;  // SHA-256 of the SOP Instance UID
    QString sopClassUid;
    QString callingAet;
    QString path;  // absolute, in the workspace's received/ folder
    ReceiveDestination destination = ReceiveDestination::Import;
    ReceivedState state = ReceivedState::Pending;
    QString detail;
    QString receivedAt;
};

class ReceivedInstanceRepository {
public:
    explicit ReceivedInstanceRepository(SqliteConnection& db) : m_db(db) {}

    Id add(const ReceivedInstanceRecord& instance);  // pending; returns the new id
    std::optional<ReceivedInstanceRecord> findByHash(const QString& instanceHash) const;
    std::vector<ReceivedInstanceRecord> inState(ReceivedState state) const;  // in id order
    void finish(Id id, ReceivedState state, const QString& detail);
    std::int64_t count(ReceivedState state) const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
