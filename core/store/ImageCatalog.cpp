#include "store/ImageCatalog.h"

#include "store/RowReaders.h"
#include "store/Workspace.h"

#include <set>
#include <variant>

namespace medq::store {
namespace {

std::string literal(const QString& word) { return "'" + word.toStdString() + "'"; }

// An image's state, one correlated EXISTS each: tasks_image, then queue_items_task or the
// (task_id, annotator, revision) key of annotations, so a page of 200 rows costs 400 lookups.
std::string queuedSql() {
    return "EXISTS (SELECT 1 FROM tasks t JOIN queue_items q ON q.task_id = t.id WHERE t.image_id = i.id "
           "AND q.status = " +
           literal(key(ItemStatus::Pending)) + ")";
}
constexpr const char* kAnnotatedSql =
    "EXISTS (SELECT 1 FROM tasks t JOIN annotations a ON a.task_id = t.id WHERE t.image_id = i.id)";

// A changed row is history once a rescan registered the path again; until then it is the only
// row of its file and stays listed. The literal 'changed' lets SQLite use the partial index
// pool_files_path (as PoolFileRegistry does).
std::string currentPoolFileSql() {
    const std::string changed = literal(key(PoolFileStatus::Changed));
    return "(f.status != " + changed + " OR NOT EXISTS (SELECT 1 FROM pool_files g WHERE g.path = f.path AND " +
           "g.status != " + changed + "))";
}

// SQL text with numbered parameters (?1, ?2, ...) and their values, bound in one go.
class Query {
public:
    std::string sql;
    std::string arg(std::variant<std::int64_t, QString> value) {
        m_values.push_back(std::move(value));
        return "?" + std::to_string(m_values.size());
    }
    Statement prepare(SqliteConnection& db) const {
        Statement s = db.prepare(sql.c_str());
        for (std::size_t i = 0; i < m_values.size(); ++i) {
            if (const auto* n = std::get_if<std::int64_t>(&m_values[i])) s.bind(int(i + 1), *n);
            else s.bind(int(i + 1), std::get<QString>(m_values[i]));
        }
        return s;
    }

private:
    std::vector<std::variant<std::int64_t, QString>> m_values;
};

QString likePattern(const QString& search) {
    QString escaped = search;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

std::string like(const std::string& column, const std::string& param) {
    return column + " LIKE " + param + " ESCAPE '\\'";
}

// The metadata fields that name an image's series; guarded so one malformed row cannot fail
// the whole listing.
std::string metadataField(const char* field) {
    return std::string("CASE WHEN json_valid(i.metadata) THEN json_extract(i.metadata, '$.") + field +
           "') END";
}

QString folderName(const QString& path) { return path.section(QLatin1Char('/'), -2, -2); }

const char* sourceKey(CatalogSource source) {
    switch (source) {
    case CatalogSource::Synth: return "synth";
    case CatalogSource::Pool: return "pool";
    case CatalogSource::Import:
    case CatalogSource::PoolFile: break;
    }
    return "import";
}

// images.source has no CHECK: a word this version does not know is shown as imported.
CatalogSource sourceOf(const QString& stored) {
    if (stored == QLatin1String("synth")) return CatalogSource::Synth;
    if (stored == QLatin1String("pool")) return CatalogSource::Pool;
    return CatalogSource::Import;
}

CatalogStatus statusOf(PoolFileStatus status) {
    switch (status) {
    case PoolFileStatus::Registered: return CatalogStatus::InPool;
    case PoolFileStatus::Changed: return CatalogStatus::Changed;
    case PoolFileStatus::Vanished: return CatalogStatus::Vanished;
    case PoolFileStatus::Unreadable: return CatalogStatus::Unreadable;
    }
    return CatalogStatus::InPool;
}

std::optional<PoolFileStatus> poolFileStatusOf(CatalogStatus status) {
    switch (status) {
    case CatalogStatus::InPool: return PoolFileStatus::Registered;
    case CatalogStatus::Changed: return PoolFileStatus::Changed;
    case CatalogStatus::Vanished: return PoolFileStatus::Vanished;
    case CatalogStatus::Unreadable: return PoolFileStatus::Unreadable;
    case CatalogStatus::NotQueued:
    case CatalogStatus::Queued:
    case CatalogStatus::Annotated: break;
    }
    return std::nullopt;
}

// WHERE conditions of images `i` matching `filter` (wantsImages() already checked).
std::string imageConditions(const CatalogFilter& filter, Query& q) {
    std::string where;
    if (filter.modality) where += " AND i.modality = " + q.arg(*filter.modality);
    if (filter.source == CatalogSource::Import) where += " AND i.source NOT IN ('synth', 'pool')";
    else if (filter.source) where += " AND i.source = " + q.arg(QString::fromLatin1(sourceKey(*filter.source)));
    if (filter.status == CatalogStatus::Queued) where += " AND " + queuedSql();
    else if (filter.status == CatalogStatus::Annotated)
        where += " AND NOT " + queuedSql() + " AND " + kAnnotatedSql;
    else if (filter.status == CatalogStatus::NotQueued)
        where += " AND NOT " + queuedSql() + " AND NOT " + kAnnotatedSql;
    if (!filter.search.isEmpty()) {
        const std::string p = q.arg(likePattern(filter.search));
        where += " AND (" + like("i.path", p) + " OR " + like(metadataField("series_description"), p) + " OR " +
                 like(metadataField("series_uid"), p) + ")";
    }
    return where;
}

// WHERE conditions of pool files `f` with items `p` matching `filter`, given the modality index.
std::string poolFileConditions(const CatalogFilter& filter, int modalityIndex, Query& q) {
    std::string where = " AND p.image_id IS NULL AND " + currentPoolFileSql();
    // Unary + keeps SQLite off pool_items_modality, which also walks every recipe of the modality.
    if (filter.modality) where += " AND +p.modality = " + q.arg(std::int64_t(modalityIndex));
    if (filter.status) where += " AND f.status = " + q.arg(key(*poolFileStatusOf(*filter.status)));
    if (!filter.search.isEmpty()) {
        const std::string p = q.arg(likePattern(filter.search));
        where += " AND (" + like("f.path", p) + " OR " + like("f.series_key", p) + ")";
    }
    return where;
}

// CROSS JOIN fixes pool_files as the outer loop (SQLite keeps that order): the pool's items
// also hold every recipe, which can outnumber the files a hundred to one.
constexpr const char* kPoolFileFrom = " FROM pool_files f CROSS JOIN pool_items p ON p.id = f.pool_item_id WHERE 1";

}  // namespace

ImageCatalog::ImageCatalog(Workspace& ws, QStringList poolModalityKeys)
    : m_ws(ws), m_db(ws.db()), m_poolModalityKeys(std::move(poolModalityKeys)) {}

bool ImageCatalog::wantsImages(const CatalogFilter& filter) const {
    return filter.source != CatalogSource::PoolFile && !(filter.status && poolFileStatusOf(*filter.status));
}

bool ImageCatalog::wantsPoolFiles(const CatalogFilter& filter) const {
    if (filter.source && filter.source != CatalogSource::PoolFile) return false;
    if (filter.status && !poolFileStatusOf(*filter.status)) return false;
    return !filter.modality || m_poolModalityKeys.contains(*filter.modality);
}

std::vector<CatalogEntry> ImageCatalog::page(const CatalogFilter& filter, const CatalogCursor& after,
                                             int limit) const {
    std::vector<CatalogEntry> out;
    if (limit <= 0) return out;
    // Images come first, then pool files: each part is read in its own rowid order.
    if (after.kind == CatalogEntryKind::Image && wantsImages(filter)) out = imagePage(filter, after.id, limit);
    if (int(out.size()) < limit && wantsPoolFiles(filter)) {
        const Id from = after.kind == CatalogEntryKind::PoolFile ? after.id : 0;
        auto files = poolFilePage(filter, from, limit - int(out.size()));
        out.insert(out.end(), std::make_move_iterator(files.begin()), std::make_move_iterator(files.end()));
    }
    return out;
}

std::vector<CatalogEntry> ImageCatalog::imagePage(const CatalogFilter& filter, Id afterId, int limit) const {
    Query q;
    q.sql = "SELECT i.id, i.path, i.source, i.modality, i.width, i.height, i.depth, i.thumbnail, " +
            metadataField("series_description") + ", " + metadataField("series_uid") + ", " + queuedSql() + ", " +
            kAnnotatedSql + ", i.pixel_text FROM images i WHERE i.id > " + q.arg(afterId);
    q.sql += imageConditions(filter, q);
    q.sql += " ORDER BY i.id LIMIT " + q.arg(std::int64_t(limit));
    Statement s = q.prepare(m_db);
    std::vector<CatalogEntry> out;
    while (s.step()) {
        CatalogEntry e;
        e.kind = CatalogEntryKind::Image;
        e.id = s.columnInt(0);
        e.path = s.columnText(1);
        e.source = sourceOf(s.columnText(2));
        e.modality = s.columnText(3);
        e.width = int(s.columnInt(4));
        e.height = int(s.columnInt(5));
        e.depth = int(s.columnInt(6));
        const QString thumbnail = s.columnText(7);
        if (!thumbnail.isEmpty()) e.thumbnail = m_ws.dir().filePath(thumbnail);
        e.series = s.columnText(8);
        if (e.series.isEmpty()) e.series = s.columnText(9);
        if (e.series.isEmpty() && e.source != CatalogSource::Synth) e.series = folderName(e.path);
        e.status = s.columnInt(10) ? CatalogStatus::Queued
                   : s.columnInt(11) ? CatalogStatus::Annotated
                                     : CatalogStatus::NotQueued;
        if (!s.columnIsNull(12)) e.pixelText = fromKey<PixelTextScan>(s.columnText(12));
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<CatalogEntry> ImageCatalog::poolFilePage(const CatalogFilter& filter, Id afterId, int limit) const {
    Query q;
    q.sql = std::string("SELECT f.pool_item_id, f.path, p.modality, f.series_key, f.status, f.pixel_text") + kPoolFileFrom +
            " AND f.pool_item_id > " + q.arg(afterId);
    q.sql += poolFileConditions(filter, int(m_poolModalityKeys.indexOf(filter.modality.value_or(QString()))), q);
    q.sql += " ORDER BY f.pool_item_id LIMIT " + q.arg(std::int64_t(limit));
    Statement s = q.prepare(m_db);
    std::vector<CatalogEntry> out;
    while (s.step()) {
        CatalogEntry e;
        e.kind = CatalogEntryKind::PoolFile;
        e.id = s.columnInt(0);
        e.path = s.columnText(1);
        e.modality = m_poolModalityKeys.value(int(s.columnInt(2)));
        e.source = CatalogSource::PoolFile;
        e.series = s.columnText(3);
        if (e.series.isEmpty()) e.series = folderName(e.path);
        e.status = statusOf(rows::stored<PoolFileStatus>(s.columnText(4), "pool_files.status"));
        if (!s.columnIsNull(5)) e.pixelText = fromKey<PixelTextScan>(s.columnText(5));
        out.push_back(std::move(e));
    }
    return out;
}

int ImageCatalog::count(const CatalogFilter& filter) const {
    std::int64_t total = 0;
    if (wantsImages(filter)) {
        Query q;
        q.sql = "SELECT COUNT(*) FROM images i WHERE 1";
        q.sql += imageConditions(filter, q);
        Statement s = q.prepare(m_db);
        if (s.step()) total += s.columnInt(0);
    }
    if (wantsPoolFiles(filter)) {
        Query q;
        q.sql = std::string("SELECT COUNT(*)") + kPoolFileFrom;
        q.sql += poolFileConditions(filter, int(m_poolModalityKeys.indexOf(filter.modality.value_or(QString()))), q);
        Statement s = q.prepare(m_db);
        if (s.step()) total += s.columnInt(0);
    }
    return int(total);
}

std::vector<QString> ImageCatalog::modalities() const {
    std::set<QString> keys;
    Statement images = m_db.prepare("SELECT DISTINCT modality FROM images");
    while (images.step()) keys.insert(images.columnText(0));
    Statement files = m_db.prepare(
        "SELECT DISTINCT p.modality FROM pool_files f CROSS JOIN pool_items p ON p.id = f.pool_item_id "
        "WHERE p.image_id IS NULL");
    while (files.step()) {
        const QString k = m_poolModalityKeys.value(int(files.columnInt(0)));
        if (!k.isEmpty()) keys.insert(k);
    }
    return {keys.begin(), keys.end()};
}

}  // namespace medq::store
