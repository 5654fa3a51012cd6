#include "lab/PrototypeMemberModel.h"

#include "lab/TaskThumbnails.h"

#include <QIcon>
#include <algorithm>

namespace medq::gui {

PrototypeMemberModel::PrototypeMemberModel(TaskThumbnails& thumbnails, std::vector<store::PrototypeMember> members,
                                           int pageSize, QObject* parent)
    : QAbstractListModel(parent), m_thumbnails(thumbnails), m_members(std::move(members)), m_pageSize(std::max(1, pageSize)) {
    std::stable_sort(m_members.begin(), m_members.end(), [](const auto& a, const auto& b) { return a.distance < b.distance; });
}

int PrototypeMemberModel::pageCount() const {
    return std::max(1, (int(m_members.size()) + m_pageSize - 1) / m_pageSize);
}

void PrototypeMemberModel::setPage(int page) {
    page = std::clamp(page, 0, pageCount() - 1);
    if (page == m_page) return;
    beginResetModel();
    m_page = page;
    endResetModel();
    emit pageChanged(m_page);
}

int PrototypeMemberModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) return 0;
    const int start = m_page * m_pageSize;
    return std::clamp(int(m_members.size()) - start, 0, m_pageSize);
}

const store::PrototypeMember* PrototypeMemberModel::member(const QModelIndex& index) const {
    if (!index.isValid() || index.row() >= rowCount()) return nullptr;
    return &m_members[std::size_t(m_page * m_pageSize + index.row())];
}

QVariant PrototypeMemberModel::data(const QModelIndex& index, int role) const {
    const store::PrototypeMember* m = member(index);
    if (!m) return {};
    switch (role) {
    case Qt::DisplayRole: return tr("d %1").arg(std::max(0.0, m->distance), 0, 'f', 2);  // no "-0.00" for the medoid
    case Qt::DecorationRole: return QIcon(m_thumbnails.forTask(m->taskId, 56));
    case Qt::ToolTipRole:
        return tr("Task %1, distance %2 from the medoid; double-click to open it in the viewer").arg(m->taskId).arg(m->distance, 0, 'f', 3);
    case TaskIdRole: return qlonglong(m->taskId);
    case DistanceRole: return m->distance;
    default: return {};
    }
}

}  // namespace medq::gui
