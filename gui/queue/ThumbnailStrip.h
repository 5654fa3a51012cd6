#pragma once
// The row of thumbnails under the viewer: the current queue at a glance, short captions.
#include <QListView>

namespace medq::gui {

class QueueListModel;

class ThumbnailStrip : public QListView {
    Q_OBJECT
public:
    ThumbnailStrip(QueueListModel* model, QWidget* parent = nullptr);
};

}  // namespace medq::gui
