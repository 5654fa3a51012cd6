#include "WorkspaceSnapshot.h"

#include "learn/CheckpointRegistry.h"
#include "store/Workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

namespace medq::soak {
namespace {

// Counted rows: what a killed-and-rerun job must leave exactly as a run never killed does.
const std::pair<const char*, const char*> kCounts[] = {
    {"images", "SELECT COUNT(*) FROM images"},
    {"tasks", "SELECT COUNT(*) FROM tasks"},
    {"annotations", "SELECT COUNT(*) FROM annotations"},
    {"rounds", "SELECT COUNT(*) FROM rounds"},
    {"rounds done", "SELECT COUNT(*) FROM rounds WHERE status = 'done'"},
    {"selections", "SELECT COUNT(*) FROM round_selections"},
    {"queue_items", "SELECT COUNT(*) FROM queue_items"},
    {"accepted_labels", "SELECT COUNT(*) FROM accepted_labels"},
    {"pool_items", "SELECT COUNT(*) FROM pool_items"},
    {"pool_files registered", "SELECT COUNT(*) FROM pool_files WHERE status = 'registered'"},
    {"pool_scans running", "SELECT COUNT(*) FROM pool_scans WHERE status = 'running'"},
    {"jobs running", "SELECT COUNT(*) FROM jobs WHERE status = 'running'"},
};

QStringList entriesUnder(const QString& dir, QDir::Filters filters) {
    QStringList out = QDir(dir).entryList(filters | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    return out;
}

// Files and folders a staged write leaves behind when its process dies before the rename.
void findLeftovers(const QString& blobs, QStringList& problems) {
    QDirIterator it(blobs, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = it.fileName();
        if (name.contains(QLatin1String(".staging-")) || name.contains(QLatin1String(".old-")) || name.endsWith(QLatin1String(".part")))
            problems << QStringLiteral("leftover of a staged write: %1").arg(QDir(blobs).relativeFilePath(path));
    }
}

}  // namespace

WorkspaceSnapshot WorkspaceSnapshot::take(const QString& dir) {
    WorkspaceSnapshot snap;
    auto opened = store::Workspace::open(dir);
    if (!opened) {
        snap.problems << QStringLiteral("cannot open: %1").arg(opened.error().message());
        return snap;
    }
    store::Workspace& ws = *opened.value();
    try {
        for (const QString& p : ws.checkIntegrity()) snap.problems << QStringLiteral("integrity: %1").arg(p);
        const auto audit = ws.audit().verify();
        if (!audit.intact) snap.problems << QStringLiteral("audit verify: %1").arg(audit.reason);
        for (const auto& [name, sql] : kCounts) {
            auto s = ws.db().prepare(sql);
            snap.counts.insert(QString::fromLatin1(name), s.step() ? s.columnInt(0) : -1);
        }
        // Thumbnails: every file is named by an image row, every row's file exists.
        QSet<QString> named;
        auto thumbs = ws.db().prepare("SELECT id, thumbnail FROM images WHERE thumbnail IS NOT NULL AND thumbnail != ''");
        while (thumbs.step()) {
            const QString rel = thumbs.columnText(1);
            named.insert(QFileInfo(rel).fileName());
            if (!QFileInfo::exists(QDir(dir).filePath(rel)))
                snap.problems << QStringLiteral("image %1 names a missing thumbnail %2").arg(thumbs.columnInt(0)).arg(rel);
        }
        for (const QString& file : entriesUnder(ws.thumbnailDir(), QDir::Files))
            if (!named.contains(file)) snap.problems << QStringLiteral("thumbnail no row names: %1").arg(file);
        // Checkpoints: every folder complete, the current and the embedder present.
        learn::CheckpointRegistry registry(ws);
        snap.checkpointNames = entriesUnder(registry.root(), QDir::Dirs);
        const QStringList complete = registry.names();
        for (const QString& name : snap.checkpointNames)
            if (!name.startsWith(QLatin1Char('.')) && !complete.contains(name))
                snap.problems << QStringLiteral("checkpoint without a manifest: %1").arg(name);
        const QString current = registry.current();
        if (!current.isEmpty() && !complete.contains(current))
            snap.problems << QStringLiteral("model.current names a missing checkpoint %1").arg(current);
        const QString embedder = ws.settings().get(QStringLiteral("loop.embedder")).value_or(QString());
        if (!embedder.isEmpty() && !complete.contains(embedder))
            snap.problems << QStringLiteral("loop.embedder names a missing checkpoint %1").arg(embedder);
        snap.counts.insert(QStringLiteral("checkpoints"), complete.size());
        snap.indexFiles = entriesUnder(ws.blobPath(QStringLiteral("indexes")), QDir::Files);
        findLeftovers(ws.blobPath(QString()), snap.problems);
    } catch (const std::exception& e) {
        snap.problems << QStringLiteral("reading the workspace failed: %1").arg(QString::fromUtf8(e.what()));
    }
    return snap;
}

QString firstDifference(const WorkspaceSnapshot& reference, const WorkspaceSnapshot& after) {
    if (!after.problems.isEmpty()) return after.problems.first();
    for (auto it = reference.counts.cbegin(); it != reference.counts.cend(); ++it)
        if (after.counts.value(it.key(), -1) != it.value())
            return QStringLiteral("%1: %2, never killed %3").arg(it.key()).arg(after.counts.value(it.key(), -1)).arg(it.value());
    if (after.checkpointNames != reference.checkpointNames)
        return QStringLiteral("checkpoint folders: %1, never killed %2")
            .arg(after.checkpointNames.join(QLatin1Char(',')), reference.checkpointNames.join(QLatin1Char(',')));
    if (after.indexFiles != reference.indexFiles)
        return QStringLiteral("index files: %1, never killed %2")
            .arg(after.indexFiles.join(QLatin1Char(',')), reference.indexFiles.join(QLatin1Char(',')));
    return {};
}

}  // namespace medq::soak
