#include "queue/QueuePanel.h"

#include "common/DisplayNames.h"

#include <QLabel>
#include <QListView>
#include <QTabBar>
#include <QVBoxLayout>
#include <algorithm>

namespace medq::gui {
namespace {
// The tabs, in the order the queues are declared: expert, verify, spot checks.
Queue queueAt(int tab) {
    return allValues<Queue>()[std::size_t(std::clamp(tab, 0, int(allValues<Queue>().size()) - 1))];
}
}  // namespace

QueuePanel::QueuePanel(QWidget* parent)
    : QWidget(parent), m_tabs(new QTabBar(this)), m_list(new QListView(this)), m_empty(new QLabel(this)),
      m_model(new QueueListModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty);
    for (Queue q : allValues<Queue>()) m_tabs->addTab(queueName(q));
    m_tabs->setTabToolTip(0, tr("Model was lost: write the full description"));
    m_tabs->setTabToolTip(1, tr("Model was unsure: confirm or edit its draft"));
    m_tabs->setTabToolTip(2, tr("Auto-accepted drafts drawn for a spot check"));
    m_list->setModel(m_model);
    m_list->setIconSize(QSize(56, 56));
    m_list->setUniformItemSizes(true);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setVisible(false);
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int i) {
        m_model->load(m_ws, queueAt(i));
        m_empty->setVisible(m_model->rowCount() == 0);
    });
    connect(m_list, &QListView::activated, this, [this](const QModelIndex& idx) {
        emit itemActivated(idx.data(QueueListModel::QueueItemIdRole).toLongLong());
    });
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex& idx) {
        emit itemActivated(idx.data(QueueListModel::QueueItemIdRole).toLongLong());
    });
}

void QueuePanel::setWorkspace(store::Workspace* ws, const QString& viewerRole) {
    m_ws = ws;
    m_model->setViewerRole(viewerRole);
    refresh();
}

void QueuePanel::setQueue(Queue queue) {
    for (int i = 0; i < m_tabs->count(); ++i)
        if (queueAt(i) == queue) m_tabs->setCurrentIndex(i);
}

void QueuePanel::refresh() {
    const QModelIndex current = m_list->currentIndex();
    const store::Id selected = current.isValid() ? current.data(QueueListModel::QueueItemIdRole).toLongLong() : 0;
    m_model->load(m_ws, queueAt(m_tabs->currentIndex()));
    updateCounts();
    if (selected) select(selected);
    m_empty->setText(m_ws ? tr("This queue is empty. Items arrive here when a loop round routes model drafts.")
                          : tr("No workspace is open. Use File ▸ Open Workspace… or File ▸ Open Demo Workspace."));
    m_empty->setVisible(m_model->rowCount() == 0);
}

void QueuePanel::updateCounts() {
    const auto counts = m_ws ? m_ws->queues().pendingCounts() : std::map<Queue, int>{};
    for (int i = 0; i < m_tabs->count(); ++i) {
        const auto it = counts.find(queueAt(i));
        m_tabs->setTabText(
            i, QStringLiteral("%1 (%2)").arg(queueName(queueAt(i))).arg(it == counts.end() ? 0 : it->second));
    }
}

store::Id QueuePanel::nextPending(store::Id queueItemId, int direction) const {
    const int n = m_model->rowCount();
    if (n == 0) return 0;
    const int start = m_model->rowOfItem(queueItemId);
    for (int step = 1; step <= n; ++step) {
        const int r = ((start < 0 ? (direction > 0 ? -1 : 0) : start) + direction * step + n * 2) % n;
        const QueueRow* row = m_model->row(r);
        if (row && row->item.status == ItemStatus::Pending && row->item.id != queueItemId) return row->item.id;
    }
    return 0;
}

void QueuePanel::select(store::Id queueItemId) {
    const int r = m_model->rowOfItem(queueItemId);
    if (r >= 0) m_list->setCurrentIndex(m_model->index(r));
}

}  // namespace medq::gui
