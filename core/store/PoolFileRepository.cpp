#include "store/PoolFileRepository.h"

#include "store/Json.h"
#include "store/RowReaders.h"

#include <QJsonArray>

namespace medq::store {
namespace {

// Rows under `root`: the root itself (a file named directly), or below it; with
// `recursive` false only its direct children. Compared by prefix, never with LIKE, so
// '%' and '_' in folder names mean themselves.
constexpr const char* kUnderRoot =
    "(path = :root OR (substr(path, 1, length(:root) + 1) = :root || '/' "
    "AND (:recursive OR instr(substr(path, length(:root) + 2), '/') = 0)))";

Statement prepareUnderRoot(SqliteConnection& db, const char* head, const char* tail = "") {
    return db.prepare((std::string(head) + kUnderRoot + tail).c_str());
}

}  // namespace

PoolFileRegistry::PoolFileRegistry(SqliteConnection& db)
    : m_db(db),
      // The literal 'changed' (PoolFileStatus::Changed) lets SQLite use the partial index
      // pool_files_path; a bound value would not.
      m_lookupFile(db.prepare("SELECT f.pool_item_id, f.status, f.size, f.mtime_ns, "
                              "(SELECT reader_version FROM pool_file_problems p WHERE p.path = f.path) "
                              "FROM pool_files f WHERE f.path=? AND f.status != 'changed'")),
      m_lookupProblem(db.prepare("SELECT size, mtime_ns, reader_version, needs_modality FROM pool_file_problems "
                                 "WHERE path=?")),
      m_insertItem(db.prepare("INSERT INTO pool_items(kind, modality, base, seed, attributes) VALUES(?,?,-1,0,'')")),
      m_insertFile(db.prepare("INSERT INTO pool_files(pool_item_id, path, size, mtime_ns, series_key, instance_key, "
                              "status, last_scan, pixel_text) VALUES(?,?,?,?,?,?,?,?,?)")),
      m_touchFile(db.prepare("UPDATE pool_files SET status=?, last_scan=? WHERE pool_item_id=?")),
      m_retireFile(db.prepare("UPDATE pool_files SET status=? WHERE pool_item_id=?")),
      m_instance(db.prepare("SELECT pool_item_id, path FROM pool_files WHERE instance_key=? AND status=? LIMIT 1")),
      m_upsertProblem(db.prepare("INSERT INTO pool_file_problems(path, size, mtime_ns, reason, last_scan, "
                                 "reader_version, needs_modality) VALUES(?,?,?,?,?,?,?) ON CONFLICT(path) DO UPDATE "
                                 "SET size=excluded.size, mtime_ns=excluded.mtime_ns, reason=excluded.reason, "
                                 "last_scan=excluded.last_scan, reader_version=excluded.reader_version, "
                                 "needs_modality=excluded.needs_modality")),
      m_touchProblem(db.prepare("UPDATE pool_file_problems SET last_scan=? WHERE path=?")),
      m_clearProblem(db.prepare("DELETE FROM pool_file_problems WHERE path=?")) {}

std::optional<KnownPath> PoolFileRegistry::lookup(const QString& path) {
    m_lookupFile.bind(1, path);
    if (m_lookupFile.step()) {
        KnownPath k;
        k.what = KnownPath::What::File;
        k.poolItemId = m_lookupFile.columnInt(0);
        k.status = rows::stored<PoolFileStatus>(m_lookupFile.columnText(1), "pool_files.status");
        k.size = m_lookupFile.columnInt(2);
        k.mtimeNs = m_lookupFile.columnInt(3);
        k.readerVersion = int(m_lookupFile.columnInt(4));
        m_lookupFile.reset();
        return k;
    }
    m_lookupFile.reset();
    m_lookupProblem.bind(1, path);
    std::optional<KnownPath> out;
    if (m_lookupProblem.step()) {
        out = KnownPath{KnownPath::What::Problem, 0, PoolFileStatus::Registered, m_lookupProblem.columnInt(0),
                        m_lookupProblem.columnInt(1), int(m_lookupProblem.columnInt(2)),
                        m_lookupProblem.columnInt(3) != 0};
    }
    m_lookupProblem.reset();
    return out;
}

Id PoolFileRegistry::addFile(const PoolFileRecord& f) {
    m_insertItem.bind(1, key(PoolItemKind::File)).bind(2, f.modality);
    m_insertItem.run();
    const Id id = m_db.lastInsertId();
    m_insertFile.bind(1, id).bind(2, f.path).bind(3, f.size).bind(4, f.mtimeNs).bind(5, f.seriesKey);
    if (f.instanceKey.isEmpty()) m_insertFile.bind(6, std::nullopt);
    else m_insertFile.bind(6, f.instanceKey);
    m_insertFile.bind(7, key(f.status)).bind(8, f.lastScan);
    if (f.pixelText) m_insertFile.bind(9, key(*f.pixelText)); else m_insertFile.bind(9, std::nullopt);
    m_insertFile.run();
    return id;
}

void PoolFileRegistry::touchFile(Id poolItemId, PoolFileStatus status, Id scan) {
    m_touchFile.bind(1, key(status)).bind(2, scan).bind(3, poolItemId);
    m_touchFile.run();
}

void PoolFileRegistry::retireFile(Id poolItemId) {
    m_retireFile.bind(1, key(PoolFileStatus::Changed)).bind(2, poolItemId);
    m_retireFile.run();
}

std::optional<std::pair<Id, QString>> PoolFileRegistry::registeredOf(const QString& instanceKey) {
    m_instance.bind(1, instanceKey).bind(2, key(PoolFileStatus::Registered));
    std::optional<std::pair<Id, QString>> out;
    if (m_instance.step()) out = std::pair(m_instance.columnInt(0), m_instance.columnText(1));
    m_instance.reset();
    return out;
}

void PoolFileRegistry::recordProblem(const PoolFileProblem& p, Id scan) {
    m_upsertProblem.bind(1, p.path).bind(2, p.size).bind(3, p.mtimeNs).bind(4, p.reason).bind(5, scan);
    m_upsertProblem.bind(6, p.readerVersion).bind(7, int(p.needsModality));
    m_upsertProblem.run();
}

void PoolFileRegistry::touchProblem(const QString& path, Id scan) {
    m_touchProblem.bind(1, scan).bind(2, path);
    m_touchProblem.run();
}

void PoolFileRegistry::clearProblem(const QString& path) {
    m_clearProblem.bind(1, path);
    m_clearProblem.run();
}

Id PoolFileRepository::startScan(const PoolScanRecord& scan) {
    WriteScope w(m_db);
    Statement s = m_db.prepare(
        "INSERT INTO pool_scans(roots, recursive, modality, status, actor, started_at) "
        "VALUES(?,?,?,?,?,?)");
    s.bind(1, json::text(QJsonArray::fromStringList(scan.roots))).bind(2, int(scan.recursive));
    if (scan.modality.isEmpty()) s.bind(3, std::nullopt);
    else s.bind(3, scan.modality);
    s.bind(4, key(RunStatus::Running)).bind(5, scan.actor).bind(6, nowIso());
    s.run();
    const Id id = m_db.lastInsertId();
    w.commit();
    return id;
}

void PoolFileRepository::finishScan(Id scan, RunStatus status, const QJsonObject& counts) {
    Statement s = m_db.prepare("UPDATE pool_scans SET status=?, counts=?, finished_at=? WHERE id=?");
    s.bind(1, key(status)).bind(2, json::text(counts)).bind(3, nowIso()).bind(4, scan);
    s.run();
}

int PoolFileRepository::abandonRunningScans() {
    Statement s = m_db.prepare("UPDATE pool_scans SET status=?, finished_at=? WHERE status=?");
    s.bind(1, key(RunStatus::Failed)).bind(2, nowIso()).bind(3, key(RunStatus::Running));
    s.run();
    return m_db.changes();
}

std::optional<PoolScanRecord> PoolFileRepository::lastScan() const {
    Statement s = m_db.prepare(
        "SELECT id, roots, recursive, modality, status, counts, actor, started_at, finished_at "
        "FROM pool_scans ORDER BY id DESC LIMIT 1");
    if (!s.step()) return std::nullopt;
    PoolScanRecord r;
    r.id = s.columnInt(0);
    for (const auto& v : json::array(s.columnText(1))) r.roots << v.toString();
    r.recursive = s.columnInt(2) != 0;
    r.modality = s.columnText(3);
    r.status = rows::stored<RunStatus>(s.columnText(4), "pool_scans.status");
    r.counts = json::object(s.columnText(5));
    r.actor = s.columnText(6);
    r.startedAt = s.columnText(7);
    r.finishedAt = s.columnText(8);
    return r;
}

int PoolFileRepository::closeScan(const QString& root, bool recursive, Id scan) {
    WriteScope w(m_db);
    Statement vanish = prepareUnderRoot(m_db,
                                        "UPDATE pool_files SET status=:vanished WHERE status=:registered "
                                        "AND last_scan < :scan AND ");
    vanish.bind(1, key(PoolFileStatus::Vanished)).bind(2, key(PoolFileStatus::Registered));
    vanish.bind(3, scan).bind(4, root).bind(5, int(recursive));
    vanish.run();
    const int vanished = m_db.changes();
    Statement forget = prepareUnderRoot(m_db, "DELETE FROM pool_file_problems WHERE last_scan < :scan AND ");
    forget.bind(1, scan).bind(2, root).bind(3, int(recursive));
    forget.run();
    w.commit();
    return vanished;
}

std::optional<PoolFileRecord> PoolFileRepository::get(Id poolItemId) const {
    Statement s = m_db.prepare(
        "SELECT f.pool_item_id, f.path, f.size, f.mtime_ns, i.modality, f.series_key, "
        "f.instance_key, f.status, f.content_hash, f.last_scan, f.pixel_text "
        "FROM pool_files f JOIN pool_items i ON i.id = f.pool_item_id WHERE f.pool_item_id=?");
    s.bind(1, poolItemId);
    if (!s.step()) return std::nullopt;
    PoolFileRecord r;
    r.poolItemId = s.columnInt(0);
    r.path = s.columnText(1);
    r.size = s.columnInt(2);
    r.mtimeNs = s.columnInt(3);
    r.modality = int(s.columnInt(4));
    r.seriesKey = s.columnText(5);
    r.instanceKey = s.columnText(6);
    r.status = rows::stored<PoolFileStatus>(s.columnText(7), "pool_files.status");
    r.contentHash = s.columnText(8);
    r.lastScan = s.columnInt(9);
    if (!s.columnIsNull(10)) r.pixelText = fromKey<PixelTextScan>(s.columnText(10));
    return r;
}

void PoolFileRepository::markUnusable(Id poolItemId, PoolFileStatus status, const QString& reason, int readerVersion) {
    WriteScope w(m_db);
    // Only a registered row changes: an older row of the same path (changed) stays history,
    // and marking it would clash with the path's current registration.
    Statement s = m_db.prepare("UPDATE pool_files SET status=? WHERE pool_item_id=? AND status=?");
    s.bind(1, key(status)).bind(2, poolItemId).bind(3, key(PoolFileStatus::Registered));
    s.run();
    if (m_db.changes() == 0) return;
    if (status == PoolFileStatus::Unreadable) {
        Statement p = m_db.prepare(
            "INSERT INTO pool_file_problems(path, size, mtime_ns, reason, last_scan, reader_version) "
            "SELECT path, size, mtime_ns, ?, last_scan, ? FROM pool_files WHERE pool_item_id=? "
            "ON CONFLICT(path) DO UPDATE SET reason=excluded.reason, reader_version=excluded.reader_version");
        p.bind(1, reason).bind(2, readerVersion).bind(3, poolItemId);
        p.run();
    }
    w.commit();
}

void PoolFileRepository::setContentHash(Id poolItemId, const QString& hash) {
    Statement s = m_db.prepare("UPDATE pool_files SET content_hash=? WHERE pool_item_id=?");
    s.bind(1, hash).bind(2, poolItemId);
    s.run();
}

QMap<int, QMap<PoolFileStatus, std::int64_t>> PoolFileRepository::countByModality() const {
    QMap<int, QMap<PoolFileStatus, std::int64_t>> out;
    Statement s = m_db.prepare(
        "SELECT i.modality, f.status, COUNT(*) FROM pool_files f "
        "JOIN pool_items i ON i.id = f.pool_item_id GROUP BY i.modality, f.status");
    while (s.step())
        out[int(s.columnInt(0))][rows::stored<PoolFileStatus>(s.columnText(1), "pool_files.status")] = s.columnInt(2);
    return out;
}

std::int64_t PoolFileRepository::problemCount() const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM pool_file_problems");
    return s.step() ? s.columnInt(0) : 0;
}

std::vector<PoolFileProblem> PoolFileRepository::problems(int limit) const {
    Statement s = m_db.prepare("SELECT path, size, mtime_ns, reason, reader_version, needs_modality "
                               "FROM pool_file_problems ORDER BY path LIMIT ?");
    s.bind(1, limit);
    std::vector<PoolFileProblem> out;
    while (s.step())
        out.push_back({s.columnText(0), s.columnInt(1), s.columnInt(2), s.columnText(3), int(s.columnInt(4)),
                       s.columnInt(5) != 0});
    return out;
}

}  // namespace medq::store
