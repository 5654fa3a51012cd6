#pragma once
// A site's files in the pool, registered by reference: where each file is, the size and
// modification time it had when registered, its DICOM keys, its state; the files a scan
// could not use with their reason; and the scans themselves (docs/pool.md).
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <vector>

namespace medq::store {

struct PoolFileRecord {
    Id poolItemId = 0;
    QString path;  // absolute
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0;
    int modality = 0;     // index into kClinicalModalities
    QString seriesKey;    // DICOM: the remapped SeriesInstanceUID; else empty
    QString instanceKey;  // DICOM: the remapped SOPInstanceUID; else empty
    PoolFileStatus status = PoolFileStatus::Registered;
    QString contentHash;  // empty until first use
    Id lastScan = 0;
    std::optional<PixelTextScan> pixelText;  // the burned-in text scan at registration; none: not scanned
};

struct PoolFileProblem {
    QString path;
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0;
    QString reason;
    // The readers' version that refused it (io::kReaderVersion): a later version reads it again.
    int readerVersion = 0;
    // Refused only because no modality was known: a scan that names one reads it again.
    bool needsModality = false;
};

struct PoolScanRecord {
    Id id = 0;
    QStringList roots;
    bool recursive = false;
    QString modality;  // the override's modalityKey(), empty for none
    RunStatus status = RunStatus::Running;
    QJsonObject counts;
    QString actor;
    QString startedAt;
    QString finishedAt;
};

// What the workspace already knows of a path a scan meets.
struct KnownPath {
    enum class What { File, Problem } what = What::File;
    Id poolItemId = 0;  // File only
    PoolFileStatus status = PoolFileStatus::Registered;
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0;
    // A problem, or a file unreadable at first use: what PoolFileProblem says of it.
    int readerVersion = 0;
    bool needsModality = false;
};

// Per-file reads and writes of one scan, with statements prepared once: a scan visits
// hundreds of thousands of files. The caller batches the writes in its transactions.
class PoolFileRegistry {
public:
    explicit PoolFileRegistry(SqliteConnection& db);

    // The current registration of `path` (a changed file's old rows are history), else a
    // recorded problem, else nothing.
    std::optional<KnownPath> lookup(const QString& path);
    // A new file item: a pool item of kind file and its file row. Returns the pool item id.
    Id addFile(const PoolFileRecord& file);
    void touchFile(Id poolItemId, PoolFileStatus status, Id scan);
    // The file's content changed: its row becomes history (status changed).
    void retireFile(Id poolItemId);
    // The registered item and path holding this DICOM instance, if any.
    std::optional<std::pair<Id, QString>> registeredOf(const QString& instanceKey);
    void recordProblem(const PoolFileProblem& problem, Id scan);
    void touchProblem(const QString& path, Id scan);
    void clearProblem(const QString& path);

private:
    SqliteConnection& m_db;
    Statement m_lookupFile, m_lookupProblem, m_insertItem, m_insertFile, m_touchFile, m_retireFile, m_instance,
        m_upsertProblem, m_touchProblem, m_clearProblem;
};

class PoolFileRepository {
public:
    explicit PoolFileRepository(SqliteConnection& db) : m_db(db) {}

    Id startScan(const PoolScanRecord& scan);
    void finishScan(Id scan, RunStatus status, const QJsonObject& counts);
    // Scans left running by a process that died: marked failed. Returns how many.
    int abandonRunningScans();
    std::optional<PoolScanRecord> lastScan() const;

    // After a complete scan of `root`: registered files under it that the scan did not see
    // become vanished, and problems it did not meet again are forgotten. Returns the number
    // of files that vanished.
    int closeScan(const QString& root, bool recursive, Id scan);

    std::optional<PoolFileRecord> get(Id poolItemId) const;
    // A registered file found unusable at first use: gone, changed, or its pixels unreadable
    // (then `reason` is kept with the problems, which pool status lists).
    // `readerVersion` is the readers' version that failed (io::kReaderVersion).
    void markUnusable(Id poolItemId, PoolFileStatus status, const QString& reason, int readerVersion);
    void setContentHash(Id poolItemId, const QString& hash);
    // File items per modality index and status.
    QMap<int, QMap<PoolFileStatus, std::int64_t>> countByModality() const;
    std::int64_t problemCount() const;
    std::vector<PoolFileProblem> problems(int limit) const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
