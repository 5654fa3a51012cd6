#include "store/PoolRepository.h"

#include "store/RowReaders.h"

#include <QMap>

namespace medq::store {
namespace {
constexpr const char* kColumns = "SELECT id, kind, modality, base, seed, attributes, image_id FROM pool_items ";
// Recipe items, and file items still registered (not gone, changed or unreadable). A
// correlated EXISTS is one primary-key lookup per row; an IN (SELECT ...) list would be
// rebuilt over every pool file on each page.
std::string usable() {
    return "(kind='" + key(PoolItemKind::Recipe).toStdString() +
           "' OR EXISTS (SELECT 1 FROM pool_files f WHERE f.pool_item_id = pool_items.id AND f.status='" +
           key(PoolFileStatus::Registered).toStdString() + "'))";
}

PoolItemRecord readRow(const Statement& s) {
    return {s.columnInt(0), rows::stored<PoolItemKind>(s.columnText(1), "pool_items.kind"), int(s.columnInt(2)),
            int(s.columnInt(3)), s.columnInt(4), s.columnText(5), s.columnOptionalInt(6)};
}
}  // namespace

void PoolRepository::append(const std::vector<PoolItemRecord>& items) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare("INSERT INTO pool_items(modality, base, seed, attributes) VALUES(?,?,?,?)");
    for (const auto& p : items) {
        s.bind(1, p.modality).bind(2, p.base).bind(3, p.seed).bind(4, p.attributes);
        s.run();
    }
    scope.commit();
}

std::optional<PoolItemRecord> PoolRepository::get(Id id) const {
    Statement s = m_db.prepare((std::string(kColumns) + "WHERE id=?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readRow(s);
}

std::vector<PoolItemRecord> PoolRepository::page(Id afterId, int limit) const {
    Statement s = m_db.prepare((std::string(kColumns) + "WHERE id>? AND " + usable() + " ORDER BY id LIMIT ?").c_str());
    s.bind(1, afterId).bind(2, limit);
    std::vector<PoolItemRecord> out;
    while (s.step()) out.push_back(readRow(s));
    return out;
}

void PoolRepository::setImage(Id poolItemId, Id imageId) {
    Statement s = m_db.prepare("UPDATE pool_items SET image_id=? WHERE id=?");
    s.bind(1, imageId).bind(2, poolItemId);
    s.run();
}

std::int64_t PoolRepository::count() const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM pool_items");
    return s.step() ? s.columnInt(0) : 0;
}

std::int64_t PoolRepository::count(PoolItemKind kind) const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM pool_items WHERE kind=?");
    s.bind(1, key(kind));
    return s.step() ? s.columnInt(0) : 0;
}

std::int64_t PoolRepository::usableCount() const {
    Statement s = m_db.prepare(("SELECT COUNT(*) FROM pool_items WHERE " + usable()).c_str());
    return s.step() ? s.columnInt(0) : 0;
}

QMap<int, std::int64_t> PoolRepository::countByModality(PoolItemKind kind) const {
    QMap<int, std::int64_t> out;
    Statement s = m_db.prepare("SELECT modality, COUNT(*) FROM pool_items WHERE kind=? GROUP BY modality");
    s.bind(1, key(kind));
    while (s.step()) out.insert(int(s.columnInt(0)), s.columnInt(1));
    return out;
}

QMap<int, std::int64_t> PoolRepository::countByModality() const {
    QMap<int, std::int64_t> out;
    Statement s = m_db.prepare("SELECT modality, COUNT(*) FROM pool_items GROUP BY modality");
    while (s.step()) out.insert(int(s.columnInt(0)), s.columnInt(1));
    return out;
}

}  // namespace medq::store
