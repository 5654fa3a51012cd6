#include "ingest/PoolFileScanner.h"

#include "ingest/FolderWalk.h"
#include "ingest/KnownFileRecheck.h"
#include "ingest/PixelTextCheck.h"
#include "ingest/PoolFileProbe.h"
#include "io/ReaderVersion.h"
#include "privacy/DeidentificationKeyStore.h"
#include "store/Workspace.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QtConcurrent/QtConcurrentMap>
#include <cerrno>
#include <cstring>

namespace medq::ingest {
namespace {

// Rows written between commits: large enough that SQLite's per-commit cost disappears,
// small enough that a kill loses little and the GUI sees progress within a second.
constexpr int kCommitEvery = 4096;
constexpr qint64 kCommitAfterMs = 1000;

std::int64_t mtimeNs(const struct stat& st) {
    return std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

int modalityIndex(Modality m) {
    for (std::size_t i = 0; i < kClinicalModalities.size(); ++i)
        if (kClinicalModalities[i] == m) return int(i);
    return -1;
}

// A file the walk met that must be read: new, changed, or a problem whose file changed.
struct Pending {
    std::string name;
    QString path;
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0;
    std::optional<store::KnownPath> known;
};

// One scan's writes, committed every kCommitEvery rows or kCommitAfterMs.
class BatchedWrites {
public:
    explicit BatchedWrites(store::SqliteConnection& db) : m_db(db) { m_clock.start(); }
    // Before a file's writes: they land in the open batch, never in autocommit, so a kill
    // keeps all of one file's rows or none.
    void begin() {
        if (!m_tx) m_tx.emplace(m_db);
    }
    // After a file's writes.
    void wrote() {
        if (++m_rows >= kCommitEvery || m_clock.elapsed() >= kCommitAfterMs) commit();
    }
    void commit() {
        if (m_tx) m_tx->commit();
        m_tx.reset();
        m_rows = 0;
        m_clock.restart();
    }

private:
    store::SqliteConnection& m_db;
    std::optional<store::Transaction> m_tx;
    int m_rows = 0;
    QElapsedTimer m_clock;
};

}  // namespace

QJsonObject PoolAddReport::toJson() const {
    QJsonArray listed;
    for (const auto& p : newProblems) listed.append(QJsonObject{{"path", p.path}, {"reason", p.reason}});
    return {{"seen", qint64(seen)},
            {"added", qint64(added)},
            {"unchanged", qint64(unchanged)},
            {"changed", qint64(changed)},
            {"reexamined", qint64(reexamined)},
            {"revived", qint64(revived)},
            {"vanished", qint64(vanished)},
            {"problems", qint64(problems)},
            {"duplicates", qint64(duplicates)},
            {"needModality", qint64(needModality)},
            {"textScanned", qint64(textScanned)},
            {"phiRisk", qint64(phiRisk)},
            {"seconds", seconds},
            {"newProblems", listed},
            {"failures", QJsonArray::fromStringList(failures)}};
}

QString PoolAddReport::summary() const {
    QString text = QStringLiteral("pool: %1 files seen in %2 s: %3 added, %4 unchanged")
                       .arg(seen)
                       .arg(seconds, 0, 'f', 1)
                       .arg(added)
                       .arg(unchanged);
    if (changed > 0) text += QStringLiteral(", %1 changed (registered anew)").arg(changed);
    if (reexamined > 0) text += QStringLiteral(", %1 refused before and read again").arg(reexamined);
    if (revived > 0) text += QStringLiteral(", %1 reappeared").arg(revived);
    if (vanished > 0) text += QStringLiteral(", %1 vanished").arg(vanished);
    text += QStringLiteral(", %1 not usable (medq pool status lists why)").arg(problems);
    if (textScanned > 0)
        text += QStringLiteral("; %1 scanned for burned-in text, %2 flagged as a PHI risk").arg(textScanned).arg(phiRisk);
    if (needModality > 0)
        text += QStringLiteral("; %1 of them only because no modality is known: add the folder again with a "
                               "modality chosen (--modality)")
                    .arg(needModality);
    return text;
}

PoolFileScanner::PoolFileScanner(store::Workspace& ws, PoolAddOptions options)
    : m_ws(ws), m_options(std::move(options)) {}

PoolAddReport PoolFileScanner::run(const jobs::Progress& progress) {
    QElapsedTimer clock;
    clock.start();
    PoolAddReport report;
    store::PoolFileRepository& files = m_ws.poolFiles();
    files.abandonRunningScans();

    // Roots: folders as they are, files through their folder (the same code path).
    struct Root {
        QString path;
        bool isFile = false;
    };
    std::vector<Root> roots;
    QStringList rootPaths;
    for (const QString& p : m_options.paths) {
        const QFileInfo info(p);
        if (!info.exists()) {
            report.failures << QStringLiteral("%1: no such file or folder").arg(p);
            continue;
        }
        roots.push_back({QDir::cleanPath(info.absoluteFilePath()), !info.isDir()});
        rootPaths << roots.back().path;
    }
    store::PoolScanRecord scanRecord;
    scanRecord.roots = rootPaths;
    scanRecord.recursive = m_options.recursive;
    scanRecord.modality = m_options.modality ? modalityKey(*m_options.modality) : QString();
    scanRecord.actor = m_options.actor;
    const store::Id scan = files.startScan(scanRecord);

    const privacy::Deidentifier uids(privacy::DeidentificationKeyStore::forWorkspace(m_ws));
    const PoolFileProbe probe(m_options.modality);
    store::PoolFileRegistry registry(m_ws.db());
    BatchedWrites writes(m_ws.db());

    const auto finish = [&](RunStatus status) {
        writes.commit();
        report.seconds = clock.elapsed() / 1000.0;
        files.finishScan(scan, status, report.toJson());
    };

    try {
        // A cheap first pass for the total that progress and the time left need.
        std::int64_t total = 0;
        progress.report(0.0, QStringLiteral("Counting files"));
        for (const Root& root : roots)
            total += root.isFile
                         ? 1
                         : FolderWalk::countFiles(root.path, m_options.recursive, [&] { progress.checkCancelled(); });

        const auto registerFolder = [&](const FolderFiles& folder) {
            progress.checkCancelled();
            std::vector<Pending> pending;
            for (const std::string& name : folder.names) {
                ++report.seen;
                struct stat st {};
                if (::fstatat(folder.dirFd, name.c_str(), &st, 0) != 0 || !S_ISREG(st.st_mode))
                    continue;  // gone meanwhile
                const QString path = folder.folder + QLatin1Char('/') + QString::fromStdString(name);
                Pending p{name, path, std::int64_t(st.st_size), mtimeNs(st), registry.lookup(path)};
                if (p.known && p.known->size == p.size && p.known->mtimeNs == p.mtimeNs &&
                    !KnownFileRecheck::readAgain(*p.known, m_options.modality.has_value())) {
                    writes.begin();
                    if (p.known->what == store::KnownPath::What::Problem) {
                        registry.touchProblem(p.path, scan);
                        ++report.problems;
                        if (p.known->needsModality) ++report.needModality;
                    } else if (p.known->status == PoolFileStatus::Unreadable) {
                        // Its pixels failed at first use; the same bytes would fail again.
                        registry.touchFile(p.known->poolItemId, PoolFileStatus::Unreadable, scan);
                        registry.touchProblem(p.path, scan);
                        ++report.problems;
                    } else {
                        if (p.known->status == PoolFileStatus::Vanished) ++report.revived;
                        else ++report.unchanged;
                        registry.touchFile(p.known->poolItemId, PoolFileStatus::Registered, scan);
                    }
                    writes.wrote();
                    continue;
                }
                pending.push_back(std::move(p));
            }
            // Reading headers dominates a first registration: every core reads (and remaps the
            // UIDs, so no original identifier reaches the workspace).
            const auto probed = QtConcurrent::blockingMapped<std::vector<ProbedPoolFile>>(
                pending, [&](const Pending& p) {
                    ProbedPoolFile r = probe.probe(folder.dirFd, p.name.c_str(), p.path);
                    if (!r.seriesUid.isEmpty()) r.seriesUid = uids.remapUid(r.seriesUid);
                    if (!r.sopInstanceUid.isEmpty()) r.sopInstanceUid = uids.remapUid(r.sopInstanceUid);
                    // Ultrasound, captures and photographs: burned-in text is looked for now, so
                    // the pool shows the flag before anyone opens the file. One detector per thread.
                    thread_local PixelTextCheck text;
                    if (r.usable()) r.pixelText = text.checkFile(p.path, r.dicomModality, *r.modality);
                    return r;
                });
            for (std::size_t i = 0; i < pending.size(); ++i) {
                const Pending& p = pending[i];
                const ProbedPoolFile& r = probed[i];
                const bool wasFile = p.known && p.known->what == store::KnownPath::What::File;
                const bool sameBytes = p.known && p.known->size == p.size && p.known->mtimeNs == p.mtimeNs;
                if (sameBytes) ++report.reexamined;
                writes.begin();
                if (wasFile) registry.retireFile(p.known->poolItemId);
                QString reason = r.problem;
                const QString& instanceKey = r.sopInstanceUid;
                if (reason.isEmpty() && !instanceKey.isEmpty()) {
                    if (const auto other = registry.registeredOf(instanceKey)) {
                        if (QFileInfo::exists(other->second)) {
                            reason = QStringLiteral("the same DICOM instance (SOP Instance UID) is registered as %1")
                                         .arg(other->second);
                            ++report.duplicates;
                        } else {  // moved or renamed: the old path is gone, this one takes over
                            registry.touchFile(other->first, PoolFileStatus::Vanished, scan);
                            ++report.vanished;
                        }
                    }
                }
                if (reason.isEmpty()) {
                    store::PoolFileRecord f;
                    f.path = p.path;
                    f.size = p.size;
                    f.mtimeNs = p.mtimeNs;
                    f.modality = modalityIndex(*r.modality);
                    f.seriesKey = r.seriesUid;
                    f.instanceKey = instanceKey;
                    f.lastScan = scan;
                    f.pixelText = r.pixelText;
                    registry.addFile(f);
                    if (r.pixelText) ++report.textScanned;
                    if (r.pixelText == PixelTextScan::PhiRisk) ++report.phiRisk;
                    // A problem of this path (refused before, or unreadable at first use) is history now.
                    if (p.known) registry.clearProblem(p.path);
                    ++report.added;
                    if (wasFile && !sameBytes) ++report.changed;
                } else {
                    const store::PoolFileProblem problem{p.path, p.size, p.mtimeNs, reason, io::kReaderVersion,
                                                         r.needsModality && r.problem == reason};
                    registry.recordProblem(problem, scan);
                    ++report.problems;
                    if (problem.needsModality) ++report.needModality;
                    if (int(report.newProblems.size()) < PoolAddReport::kMaxListed)
                        report.newProblems.push_back(problem);
                }
                writes.wrote();
            }
            const double seconds = std::max(1e-3, clock.elapsed() / 1000.0);
            const double rate = double(report.seen) / seconds;
            progress.report(total > 0 ? double(report.seen) / double(total) : 0.0,
                            QStringLiteral("Registered %1 of %2 files (%3 files/s, %4 s left)")
                                .arg(report.seen)
                                .arg(total)
                                .arg(rate, 0, 'f', 0)
                                .arg(qint64(double(std::max<std::int64_t>(0, total - report.seen)) /
                                            std::max(1.0, rate))));
        };

        for (const Root& root : roots) {
            bool complete = true;
            const auto failed = [&](const QString& folder, const QString& reason) {
                report.failures << QStringLiteral("%1: cannot read the folder: %2").arg(folder, reason);
                complete = false;
            };
            if (root.isFile) {
                const QFileInfo info(root.path);
                const int fd = ::open(QFile::encodeName(info.absolutePath()).constData(),
                                      O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (fd < 0) {
                    failed(info.absolutePath(), QString::fromLocal8Bit(std::strerror(errno)));
                    continue;
                }
                struct Closer {
                    int fd;
                    ~Closer() { ::close(fd); }
                } closer{fd};
                registerFolder({fd, info.absolutePath(), {QFile::encodeName(info.fileName()).toStdString()}});
            } else {
                FolderWalk::walk(root.path, m_options.recursive, registerFolder, failed);
            }
            writes.commit();
            // Only a walk that read every folder may say what is gone.
            if (complete) report.vanished += files.closeScan(root.path, m_options.recursive && !root.isFile, scan);
        }
    } catch (const jobs::JobCancelled&) {
        finish(RunStatus::Cancelled);
        throw;
    } catch (...) {
        finish(RunStatus::Failed);
        throw;
    }
    finish(RunStatus::Done);
    m_ws.audit().append(m_options.actor, QStringLiteral("pool.add"), QStringLiteral("pool_scans"), scan,
                        QJsonObject{{"roots", QJsonArray::fromStringList(rootPaths)},
                                    {"added", qint64(report.added)},
                                    {"changed", qint64(report.changed)},
                                    {"vanished", qint64(report.vanished)},
                                    {"problems", qint64(report.problems)}});
    return report;
}

}  // namespace medq::ingest
