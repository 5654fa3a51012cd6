#pragma once
// Review queues (expert, verify, auto-accept spot checks) and autosaved drafts.
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <map>
#include <vector>

namespace medq::store {

class QueueRepository {
public:
    explicit QueueRepository(SqliteConnection& db) : m_db(db) {}

    std::vector<Id> enqueue(const std::vector<QueueItemRecord>& items);
    std::optional<QueueItemRecord> get(Id id) const;
    // Items a person should see in `queue`, oldest first: pending (and, for auto_accept,
    // only spot checks). `includeDone` adds finished ones for review.
    std::vector<QueueItemRecord> items(Queue queue, bool includeDone = false) const;
    void setStatus(Id id, ItemStatus status);
    // The oldest pending item (spot checks of auto_accept included) of any task of the image.
    std::optional<QueueItemRecord> pendingForImage(Id imageId) const;
    // Pending items a person must look at, per queue (every queue present).
    std::map<Queue, int> pendingCounts() const;

private:
    SqliteConnection& m_db;
};

class DraftRepository {
public:
    explicit DraftRepository(SqliteConnection& db) : m_db(db) {}

    void save(const DraftRecord& draft);
    std::optional<DraftRecord> get(Id taskId, const QString& annotator) const;
    void discard(Id taskId, const QString& annotator);

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
