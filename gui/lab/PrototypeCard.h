#pragma once
// One failure prototype as a card: medoid thumbnail, a paged strip of member thumbnails,
// size, modality, dominant attributes, failure rate, retrieved count, status and reason,
// and how it changed since the previous round. Dropped and resolved prototypes are dimmed.
#include "lab/PrototypeComparison.h"
#include "store/RoundRepository.h"

#include <QFrame>

class QLabel;
class QListView;
class QToolButton;

namespace medq::gui {

class PrototypeMemberModel;
class TaskThumbnails;

class PrototypeCard : public QFrame {
    Q_OBJECT
public:
    static constexpr int kPageSize = 8;

    PrototypeCard(const store::PrototypeRecord& prototype, std::vector<store::PrototypeMember> members,
                  PrototypeTrend trend, TaskThumbnails& thumbnails, QWidget* parent = nullptr);

    const store::PrototypeRecord& prototype() const { return m_prototype; }
    PrototypeTrend trend() const { return m_trend; }
    bool isDimmed() const;
    PrototypeMemberModel* members() const { return m_members; }
    QListView* memberView() const { return m_view; }
    QToolButton* nextPageButton() const { return m_next; }
    QToolButton* previousPageButton() const { return m_previous; }
    QString summaryText() const;  // what the card says, for tests and accessibility

signals:
    void memberActivated(store::Id taskId);

private:
    void updatePager();

    store::PrototypeRecord m_prototype;
    PrototypeTrend m_trend;
    PrototypeMemberModel* m_members;
    QListView* m_view;
    QToolButton* m_previous;
    QToolButton* m_next;
    QLabel* m_pageLabel;
    QLabel* m_details;
};

}  // namespace medq::gui
