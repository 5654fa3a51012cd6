#pragma once
// One page of a prototype's members (nearest the medoid first) for an icon view; each
// thumbnail is read only when the view first asks for it.
#include "store/RoundRepository.h"

#include <QAbstractListModel>

namespace medq::gui {

class TaskThumbnails;

class PrototypeMemberModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { TaskIdRole = Qt::UserRole + 1, DistanceRole };

    PrototypeMemberModel(TaskThumbnails& thumbnails, std::vector<store::PrototypeMember> members, int pageSize,
                         QObject* parent = nullptr);

    int pageCount() const;
    int page() const { return m_page; }
    void setPage(int page);  // clamped to 0..pageCount()-1
    int memberCount() const { return int(m_members.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

signals:
    void pageChanged(int page);

private:
    const store::PrototypeMember* member(const QModelIndex& index) const;

    TaskThumbnails& m_thumbnails;
    std::vector<store::PrototypeMember> m_members;
    int m_pageSize;
    int m_page = 0;
};

}  // namespace medq::gui
