#pragma once
// The retrieval pool: up to millions of items, synthetic ones kept as compact recipes and a
// site's files kept by reference (their paths and states in PoolFileRepository).
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <QMap>
#include <functional>
#include <vector>

namespace medq::store {

struct PoolItemRecord {
    Id id = 0;
    PoolItemKind kind = PoolItemKind::Recipe;
    int modality = 0;  // index into kClinicalModalities
    // Recipe items only (a file item stores -1, 0 and ""):
    int base = -1;
    std::int64_t seed = 0;
    QString attributes;  // "index:severity,..."
    std::optional<Id> imageId;
};

class PoolRepository {
public:
    explicit PoolRepository(SqliteConnection& db) : m_db(db) {}

    // Appends recipe items (ids are assigned); the caller's transaction makes a batch atomic.
    void append(const std::vector<PoolItemRecord>& items);
    std::optional<PoolItemRecord> get(Id id) const;
    // Visits usable items (recipes, and files still registered) in id order from `afterId`,
    // `limit` at a time (for index building).
    std::vector<PoolItemRecord> page(Id afterId, int limit) const;
    void setImage(Id poolItemId, Id imageId);
    std::int64_t count() const;  // every item, whatever its kind and state
    std::int64_t count(PoolItemKind kind) const;
    std::int64_t usableCount() const;
    QMap<int, std::int64_t> countByModality() const;  // every kind
    QMap<int, std::int64_t> countByModality(PoolItemKind kind) const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
