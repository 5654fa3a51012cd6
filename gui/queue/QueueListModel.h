#pragma once
// The items of one review queue, read from the workspace, with thumbnail, modality and the
// reason the item is there, as annotate::QueueItemDisclosure lets the viewer's role see it
// (the uncertainty and the gold mark for leads only).
#include "store/Workspace.h"

#include <QAbstractListModel>
#include <QIcon>

namespace medq::gui {

struct QueueRow {
    store::QueueItemRecord item;
    store::TaskRecord task;
    store::ImageRecord image;
    QIcon thumbnail;
};

class QueueListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { QueueItemIdRole = Qt::UserRole + 1, StatusRole, ShortLabelRole };

    explicit QueueListModel(QObject* parent = nullptr) : QAbstractListModel(parent) {}

    // Re-reads `queue` from the workspace.
    void load(store::Workspace* ws, Queue queue);
    // The role of who looks ("annotator" or "lead"); takes effect at the next load.
    void setViewerRole(const QString& role) { m_viewerRole = role; }
    void reload() { load(m_ws, m_queue); }
    Queue queue() const { return m_queue; }
    const QueueRow* row(int r) const { return r >= 0 && r < int(m_rows.size()) ? &m_rows[std::size_t(r)] : nullptr; }
    int rowOfItem(store::Id queueItemId) const;

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    QVariant data(const QModelIndex& index, int role) const override;

private:
    store::Workspace* m_ws = nullptr;
    Queue m_queue = Queue::Expert;
    QString m_viewerRole;
    std::vector<QueueRow> m_rows;
};

}  // namespace medq::gui
