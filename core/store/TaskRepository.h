#pragma once
// Questions and description requests attached to images (benchmark, pool or user tasks).
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <QMap>
#include <vector>

namespace medq::store {

class TaskRepository {
public:
    explicit TaskRepository(SqliteConnection& db) : m_db(db) {}

    Id insert(const TaskRecord& task);
    // Inserts all tasks in one transaction; returns their ids in order.
    std::vector<Id> insertMany(const std::vector<TaskRecord>& tasks);
    std::optional<TaskRecord> get(Id id) const;
    std::vector<TaskRecord> forImage(Id imageId) const;
    // Every task of a split ("train", "val", "test"), by id.
    std::vector<TaskRecord> inSplit(const QString& split) const;
    // Description tasks of real (not synthetic) single images that someone other than
    // `exceptAnnotator` annotated, by image.
    std::vector<TaskRecord> annotatedRealDescriptions(const QString& exceptAnnotator) const;
    // "split/kind" -> count, e.g. "test/perception" -> 2600.
    QMap<QString, int> countBySplitAndKind() const;

private:
    SqliteConnection& m_db;
};

// Model drafts: answers with their distribution and entropy, descriptions with token entropies.
class ModelOutputRepository {
public:
    explicit ModelOutputRepository(SqliteConnection& db) : m_db(db) {}

    Id insert(const ModelOutputRecord& output);
    std::optional<ModelOutputRecord> latestForTask(Id taskId) const;
    int count() const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
