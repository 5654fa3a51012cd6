#include "queue/QueueListModel.h"

#include "annotate/QueueItemDisclosure.h"
#include "common/DisplayNames.h"

#include <QFileInfo>
#include <QPixmap>

namespace medq::gui {

void QueueListModel::load(store::Workspace* ws, Queue queue) {
    beginResetModel();
    m_ws = ws;
    m_queue = queue;
    m_rows.clear();
    if (ws) {
        // Pending first (the work), then finished ones greyed out for review.
        for (const auto& item : ws->queues().items(queue, true)) {
            auto task = ws->tasks().get(item.taskId);
            if (!task) continue;
            auto image = ws->images().get(task->imageId);
            if (!image) continue;
            QueueRow row{item, *task, *image, {}};
            const QString thumb = ws->dir().filePath(image->thumbnail);
            if (!image->thumbnail.isEmpty() && QFileInfo::exists(thumb)) row.thumbnail = QIcon(QPixmap(thumb));
            m_rows.push_back(std::move(row));
        }
        std::stable_sort(m_rows.begin(), m_rows.end(), [](const QueueRow& a, const QueueRow& b) {
            return (a.item.status == ItemStatus::Pending) > (b.item.status == ItemStatus::Pending);
        });
    }
    endResetModel();
}

int QueueListModel::rowOfItem(store::Id queueItemId) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].item.id == queueItemId) return int(i);
    return -1;
}

QVariant QueueListModel::data(const QModelIndex& index, int role) const {
    const QueueRow* r = row(index.row());
    if (!r) return {};
    const QString modality = modalityName(r->image.modality);
    const auto shown = annotate::QueueItemDisclosure::of(r->item, m_viewerRole);
    switch (role) {
    case Qt::DisplayRole: {
        QString line = QStringLiteral("%1 · %2").arg(modality, questionTypeName(r->task.questionType));
        if (shown.uncertainty) line += tr(" · uncertainty %1").arg(*shown.uncertainty, 0, 'f', 2);
        if (shown.gold) line += tr(" · gold");
        if (r->item.status != ItemStatus::Pending) line += QStringLiteral(" · ") + statusName(r->item.status);
        return line + QLatin1Char('\n') + shown.reason;
    }
    case Qt::DecorationRole: return r->thumbnail;
    case Qt::ToolTipRole:
        return tr("%1\n%2x%3x%4 %5\nWhy here: %6")
            .arg(imageLocationName(r->image.path)).arg(r->image.width).arg(r->image.height).arg(r->image.depth).arg(modality)
            .arg(shown.reason.isEmpty() ? tr("(not recorded)") : shown.reason);
    case Qt::ForegroundRole:
        if (r->item.status != ItemStatus::Pending) return QColor(Qt::gray);
        return {};
    case ShortLabelRole: return QStringLiteral("%1 %2").arg(r->image.modality.toUpper().left(5)).arg(index.row() + 1);
    case QueueItemIdRole: return qlonglong(r->item.id);
    case StatusRole: return key(r->item.status);
    default: return {};
    }
}

}  // namespace medq::gui
