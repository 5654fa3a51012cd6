#pragma once
// Pool > Pool Status: the pool's items per modality and kind (recipes, registered files,
// vanished and changed ones), the last scan, and the files that could not be used with
// their reason, as `medq pool status` prints them.
#include <QDialog>

class QTableWidget;
class QLabel;

namespace medq::store {
class Workspace;
}

namespace medq::gui {

class PoolStatusDialog : public QDialog {
    Q_OBJECT
public:
    PoolStatusDialog(store::Workspace& ws, QWidget* parent = nullptr);
    QTableWidget* countsTable() const { return m_counts; }
    QTableWidget* problemsTable() const { return m_problems; }

private:
    QTableWidget* m_counts;
    QTableWidget* m_problems;
    QLabel* m_summary;
};

}  // namespace medq::gui
