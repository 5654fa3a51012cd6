#include "store/SiteBaseRepository.h"

namespace medq::store {
namespace {
constexpr const char* kColumns = "SELECT id, modality, source, file, slice, split, added_at FROM site_bases ";

SiteBaseRecord readRow(const Statement& s) {
    return {s.columnInt(0), s.columnText(1), s.columnText(2), s.columnText(3), int(s.columnInt(4)), s.columnText(5),
            s.columnText(6)};
}
}  // namespace

Id SiteBaseRepository::add(const SiteBaseRecord& base) {
    Statement s = m_db.prepare("INSERT INTO site_bases(modality, source, file, slice, split, added_at) VALUES(?,?,?,?,?,?)");
    s.bind(1, base.modality).bind(2, base.source).bind(3, base.file).bind(4, base.slice).bind(5, base.split).bind(6, nowIso());
    s.run();
    return m_db.lastInsertId();
}

std::optional<SiteBaseRecord> SiteBaseRepository::get(Id id) const {
    Statement s = m_db.prepare((std::string(kColumns) + "WHERE id=?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readRow(s);
}

std::optional<SiteBaseRecord> SiteBaseRepository::find(const QString& file, int slice) const {
    Statement s = m_db.prepare((std::string(kColumns) + "WHERE file=? AND slice=?").c_str());
    s.bind(1, file).bind(2, slice);
    if (!s.step()) return std::nullopt;
    return readRow(s);
}

std::vector<SiteBaseRecord> SiteBaseRepository::all() const {
    Statement s = m_db.prepare((std::string(kColumns) + "ORDER BY id").c_str());
    std::vector<SiteBaseRecord> out;
    while (s.step()) out.push_back(readRow(s));
    return out;
}

std::int64_t SiteBaseRepository::count() const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM site_bases");
    return s.step() ? s.columnInt(0) : 0;
}

}  // namespace medq::store
