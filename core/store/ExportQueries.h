#pragma once
// Read-only bulk queries the exporters need: every task (optionally of one split) and every
// annotation revision, in id order, without one query per task.
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <QHash>
#include <QSet>
#include <vector>

namespace medq::store {

class ExportQueries {
public:
    explicit ExportQueries(SqliteConnection& db) : m_db(db) {}

    // All tasks by id; with `split` only that split ("train", "val", "test", ...).
    std::vector<TaskRecord> tasks(const QString& split = {}) const;
    // All annotation revisions by id (oldest first), with `split` only those of its tasks.
    std::vector<AnnotationRecord> annotations(const QString& split = {}) const;
    // The annotation the quality gate accepted for each task (accepted_labels), by task id.
    QHash<Id, Id> acceptedAnnotationIds() const;
    // Tasks a loop round queued (queue_items with a round): their annotations count only
    // once the round's gate accepted them.
    QSet<Id> roundQueuedTaskIds() const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
