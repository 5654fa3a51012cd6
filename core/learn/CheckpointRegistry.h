#pragma once
// Where a workspace keeps model checkpoints (blobs/checkpoints/<name>) and which one is
// current (settings "model.current"). Each checkpoint folder carries its own manifest.
#include "store/Workspace.h"

#include <QStringList>

namespace medq::learn {

class CheckpointRegistry {
public:
    explicit CheckpointRegistry(store::Workspace& ws) : m_ws(ws) {}

    QString root() const { return m_ws.blobPath(QStringLiteral("checkpoints")); }
    // Accepts a checkpoint name (folder under root) or a path; returns the folder path.
    QString resolve(const QString& nameOrPath) const;
    // A fresh, unused name with the prefix ("base-1", "base-2", ...).
    QString nextName(const QString& prefix) const;
    QStringList names() const;  // completed checkpoints (with a manifest), oldest first
    // Training runs stopped before they finished (a resume point, no manifest), oldest first:
    // training again under the same name resumes them.
    QStringList interrupted() const;
    QString current() const;    // name of the current checkpoint, empty when none
    void setCurrent(const QString& name, const QString& actor);

private:
    store::Workspace& m_ws;
};

}  // namespace medq::learn
