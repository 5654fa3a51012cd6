#pragma once
// Left dock: the three review queues as tabs with pending counts, and the selected
// queue's items. Activating an item opens it for annotation.
#include "queue/QueueListModel.h"

#include <QWidget>

class QTabBar;
class QListView;
class QLabel;

namespace medq::gui {

class QueuePanel : public QWidget {
    Q_OBJECT
public:
    explicit QueuePanel(QWidget* parent = nullptr);

    // `viewerRole` ("annotator" or "lead") decides what the list tells of each item.
    void setWorkspace(store::Workspace* ws, const QString& viewerRole = {});
    // Re-reads counts and items, keeping the selection where possible.
    void refresh();
    QueueListModel* model() const { return m_model; }
    QListView* list() const { return m_list; }
    // The next pending item after `queueItemId` (wrapping), or 0 when none is left.
    store::Id nextPending(store::Id queueItemId, int direction = +1) const;
    void select(store::Id queueItemId);
    void setQueue(Queue queue);

signals:
    void itemActivated(medq::store::Id queueItemId);

private:
    void updateCounts();

    store::Workspace* m_ws = nullptr;
    QTabBar* m_tabs;
    QListView* m_list;
    QLabel* m_empty;
    QueueListModel* m_model;
};

}  // namespace medq::gui
