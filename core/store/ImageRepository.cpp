#include "store/ImageRepository.h"

#include "store/Json.h"

namespace medq::store {
namespace {
constexpr const char* kColumns =
    "id, content_hash, path, source, modality, format, width, height, depth, channels, "
    "spacing_x, spacing_y, spacing_z, metadata, thumbnail, created_at, created_by, pixel_text";

ImageRecord readRow(const Statement& s) {
    ImageRecord r;
    r.id = s.columnInt(0);
    r.contentHash = s.columnText(1);
    r.path = s.columnText(2);
    r.source = s.columnText(3);
    r.modality = s.columnText(4);
    r.format = s.columnText(5);
    r.width = int(s.columnInt(6));
    r.height = int(s.columnInt(7));
    r.depth = int(s.columnInt(8));
    r.channels = int(s.columnInt(9));
    r.spacingX = s.columnDouble(10);
    r.spacingY = s.columnDouble(11);
    r.spacingZ = s.columnDouble(12);
    r.metadata = json::object(s.columnText(13));
    r.thumbnail = s.columnText(14);
    r.createdAt = s.columnText(15);
    r.createdBy = s.columnText(16);
    if (!s.columnIsNull(17)) r.pixelText = fromKey<PixelTextScan>(s.columnText(17));
    return r;
}
}  // namespace

Id ImageRepository::insert(const ImageRecord& im, const std::vector<ImageFileRecord>& files) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare(
        "INSERT INTO images(content_hash, path, source, modality, format, width, height, depth, channels, "
        "spacing_x, spacing_y, spacing_z, metadata, thumbnail, created_at, created_by, pixel_text) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, im.contentHash).bind(2, im.path).bind(3, im.source).bind(4, im.modality).bind(5, im.format);
    s.bind(6, im.width).bind(7, im.height).bind(8, im.depth).bind(9, im.channels);
    s.bind(10, im.spacingX).bind(11, im.spacingY).bind(12, im.spacingZ);
    s.bind(13, json::text(im.metadata));
    if (im.thumbnail.isEmpty()) s.bind(14, std::nullopt); else s.bind(14, im.thumbnail);
    s.bind(15, im.createdAt.isEmpty() ? nowIso() : im.createdAt).bind(16, im.createdBy);
    if (im.pixelText) s.bind(17, key(*im.pixelText)); else s.bind(17, std::nullopt);
    s.run();
    const Id id = m_db.lastInsertId();
    Statement f = m_db.prepare("INSERT INTO image_files(image_id, path, file_hash) VALUES(?,?,?)");
    for (const auto& file : files) {
        f.bind(1, id).bind(2, file.path).bind(3, file.fileHash);
        f.run();
    }
    scope.commit();
    return id;
}

void ImageRepository::setPixelText(Id id, PixelTextScan finding) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare("UPDATE images SET pixel_text=? WHERE id=?");
    s.bind(1, key(finding)).bind(2, id);
    s.run();
    scope.commit();
}

int ImageRepository::countPixelText(PixelTextScan finding) const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM images WHERE pixel_text=?");
    s.bind(1, key(finding));
    return s.step() ? int(s.columnInt(0)) : 0;
}

std::optional<ImageRecord> ImageRepository::get(Id id) const {
    Statement s = m_db.prepare((std::string("SELECT ") + kColumns + " FROM images WHERE id=?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readRow(s);
}

std::optional<Id> ImageRepository::findByContentHash(const QString& hash) const {
    Statement s = m_db.prepare("SELECT id FROM images WHERE content_hash=?");
    s.bind(1, hash);
    if (!s.step()) return std::nullopt;
    return s.columnInt(0);
}

QSet<QString> ImageRepository::allHashes() const {
    QSet<QString> out;
    Statement s = m_db.prepare("SELECT content_hash FROM images UNION SELECT file_hash FROM image_files");
    while (s.step()) out.insert(s.columnText(0));
    return out;
}

std::vector<ImageRecord> ImageRepository::list(int offset, int limit, const QString& modality) const {
    const std::string sql = std::string("SELECT ") + kColumns + " FROM images " +
                            (modality.isEmpty() ? "" : "WHERE modality=?3 ") + "ORDER BY id LIMIT ?1 OFFSET ?2";
    Statement s = m_db.prepare(sql.c_str());
    s.bind(1, limit).bind(2, offset);
    if (!modality.isEmpty()) s.bind(3, modality);
    std::vector<ImageRecord> out;
    while (s.step()) out.push_back(readRow(s));
    return out;
}

std::vector<ImageFileRecord> ImageRepository::files(Id imageId) const {
    Statement s = m_db.prepare("SELECT path, file_hash FROM image_files WHERE image_id=? ORDER BY path");
    s.bind(1, imageId);
    std::vector<ImageFileRecord> out;
    while (s.step()) out.push_back({s.columnText(0), s.columnText(1)});
    return out;
}

QMap<QString, int> ImageRepository::countByModality() const {
    QMap<QString, int> out;
    Statement s = m_db.prepare("SELECT modality, COUNT(*) FROM images GROUP BY modality");
    while (s.step()) out.insert(s.columnText(0), int(s.columnInt(1)));
    return out;
}

int ImageRepository::count() const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM images");
    return s.step() ? int(s.columnInt(0)) : 0;
}

}  // namespace medq::store
