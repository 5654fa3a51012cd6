#pragma once
// What the kill soak compares after a run: a workspace's row counts, its checkpoint and index
// files, and the problems found in it (SQLite integrity and foreign keys, the audit hash
// chain, files under blobs/ that no row names, rows whose file is missing, leftovers of
// staged writes).
#include <QMap>
#include <QString>
#include <QStringList>

namespace medq::soak {

struct WorkspaceSnapshot {
    QStringList problems;          // each a sentence; empty for a sound workspace
    QMap<QString, qint64> counts;  // "images", "queue_items", "checkpoints", ...
    QStringList checkpointNames;   // folders under blobs/checkpoints, sorted
    QStringList indexFiles;        // files under blobs/indexes, sorted

    static WorkspaceSnapshot take(const QString& workspaceDir);
};

// The first way `after` differs from `reference` (its problems first, then counts, then
// files), or an empty string when it does not.
QString firstDifference(const WorkspaceSnapshot& reference, const WorkspaceSnapshot& after);

}  // namespace medq::soak
