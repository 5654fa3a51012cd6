#pragma once
// Where a workspace keeps model checkpoints (blobs/checkpoints/<name>) and which one is
// current (settings "model.current"). Each checkpoint folder carries its own manifest.
#include "store/Workspace.h"

#include <QDateTime>
#include <QStringList>
#include <vector>

namespace medq::learn {

// One completed checkpoint as Lab > Models lists it.
struct CheckpointEntry {
    QString name;
    bool current = false;
    bool scripted = false;  // a site's TorchScript model (docs/own-model.md), else the built-in network
    QString summary;        // ModelConfig::summary
    QDateTime created;
    QString parent;         // the checkpoint it was trained from, or the file it was imported from
    QString problem;        // its manifest cannot be read: why (the other fields are empty)
};

class CheckpointRegistry {
public:
    explicit CheckpointRegistry(store::Workspace& ws) : m_ws(ws) {}

    QString root() const { return m_ws.blobPath(QStringLiteral("checkpoints")); }
    // Accepts a checkpoint name (folder under root) or a path; returns the folder path.
    QString resolve(const QString& nameOrPath) const;
    // A fresh, unused name with the prefix ("base-1", "base-2", ...).
    QString nextName(const QString& prefix) const;
    QStringList names() const;  // completed checkpoints (with a manifest), oldest first
    // names() with what their manifests say, oldest first.
    std::vector<CheckpointEntry> entries() const;
    // Training runs stopped before they finished (a resume point, no manifest), oldest first:
    // training again under the same name resumes them.
    QStringList interrupted() const;
    QString current() const;    // name of the current checkpoint, empty when none
    void setCurrent(const QString& name, const QString& actor);

private:
    store::Workspace& m_ws;
};

}  // namespace medq::learn
