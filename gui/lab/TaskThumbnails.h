#pragma once
// Thumbnails of tasks' images (images.thumbnail, relative to the workspace folder), read on
// first use and cached, so a gallery only touches the files of what it shows.
#include "store/Records.h"

#include <QHash>
#include <QPixmap>

namespace medq::store {
class Workspace;
}

namespace medq::gui {

class TaskThumbnails {
public:
    explicit TaskThumbnails(store::Workspace* ws = nullptr) : m_ws(ws) {}
    void setWorkspace(store::Workspace* ws);

    // The thumbnail of the task's (first) image scaled to fit `size`; a grey square when the
    // image has none or the file is missing.
    QPixmap forTask(store::Id taskId, int size);
    // How many thumbnail files were read so far (tests check lazy loading with it).
    int filesRead() const { return m_filesRead; }
    bool hasRead(store::Id taskId) const { return m_cache.contains(taskId); }

private:
    store::Workspace* m_ws;
    QHash<store::Id, QPixmap> m_cache;
    int m_filesRead = 0;
};

}  // namespace medq::gui
