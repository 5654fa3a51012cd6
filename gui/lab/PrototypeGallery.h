#pragma once
// The failure prototypes of a round as cards, with a round selector and the comparison
// with the previous round (new / growing / shrinking / resolved).
#include "lab/TaskThumbnails.h"
#include "store/Records.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;

namespace medq::store {
class Workspace;
}

namespace medq::gui {

class PrototypeCard;

class PrototypeGallery : public QWidget {
    Q_OBJECT
public:
    explicit PrototypeGallery(QWidget* parent = nullptr);

    void setWorkspace(store::Workspace* ws);
    // Re-reads the rounds (keeps the selected round if it still exists, else the latest).
    void refresh();
    void showRound(int number);

    QComboBox* roundSelector() const { return m_rounds; }
    QCheckBox* compareBox() const { return m_compare; }
    const QList<PrototypeCard*>& cards() const { return m_cards; }
    QString summary() const;
    const TaskThumbnails& thumbnails() const { return m_thumbnails; }

signals:
    // A member was double-clicked: open this task's image in the viewer.
    void taskActivated(store::Id taskId);

private:
    void rebuildCards();

    store::Workspace* m_ws = nullptr;
    TaskThumbnails m_thumbnails;
    QComboBox* m_rounds;
    QCheckBox* m_compare;
    QLabel* m_summary;
    QWidget* m_grid;
    QGridLayout* m_gridLayout;
    QList<PrototypeCard*> m_cards;
};

}  // namespace medq::gui
