#include "lab/TaskThumbnails.h"

#include "store/Workspace.h"

#include <QFileInfo>

namespace medq::gui {

void TaskThumbnails::setWorkspace(store::Workspace* ws) {
    m_ws = ws;
    m_cache.clear();
}

QPixmap TaskThumbnails::forTask(store::Id taskId, int size) {
    auto it = m_cache.find(taskId);
    if (it == m_cache.end()) {
        QPixmap pixmap;
        if (m_ws) {
            if (const auto task = m_ws->tasks().get(taskId)) {
                if (const auto image = m_ws->images().get(task->imageId); image && !image->thumbnail.isEmpty()) {
                    const QString path = m_ws->dir().filePath(image->thumbnail);
                    if (QFileInfo::exists(path)) {
                        pixmap.load(path);
                        ++m_filesRead;
                    }
                }
            }
        }
        it = m_cache.insert(taskId, pixmap);
    }
    if (it->isNull()) {
        QPixmap empty(size, size);
        empty.fill(QColor(128, 128, 128));
        return empty;
    }
    return it->scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

}  // namespace medq::gui
