#include "store/PixelTextBacklog.h"

namespace medq::store {

std::vector<Id> PixelTextBacklog::images() const {
    Statement s = m_db.prepare("SELECT id FROM images WHERE pixel_text IS NULL ORDER BY id");
    std::vector<Id> out;
    while (s.step()) out.push_back(s.columnInt(0));
    return out;
}

std::vector<UnscannedPoolFile> PixelTextBacklog::poolFiles() const {
    Statement s = m_db.prepare(
        "SELECT f.pool_item_id, f.path, p.modality FROM pool_files f JOIN pool_items p ON p.id = f.pool_item_id "
        "WHERE f.pixel_text IS NULL AND f.status = ? ORDER BY f.pool_item_id");
    s.bind(1, key(PoolFileStatus::Registered));
    std::vector<UnscannedPoolFile> out;
    while (s.step()) out.push_back({s.columnInt(0), s.columnText(1), int(s.columnInt(2))});
    return out;
}

void PixelTextBacklog::setPoolFile(Id poolItemId, PixelTextScan finding) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare("UPDATE pool_files SET pixel_text=? WHERE pool_item_id=?");
    s.bind(1, key(finding)).bind(2, poolItemId);
    s.run();
    scope.commit();
}

}  // namespace medq::store
