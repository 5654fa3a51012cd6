#pragma once
// DICOM > Query PACS…: a PACS node (remembered in the workspace's settings), our AE title,
// a modality and a date range; Find lists the studies (C-FIND off the GUI thread), Retrieve
// submits a RetrieveStudyJob for the selected ones and closes.
#include "common/Vocabulary.h"
#include "pacs/QueryRetrieve.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace medq::store {
class Workspace;
}

namespace medq::gui {

class DestinationCombo;

class PacsQueryDialog : public QDialog {
    Q_OBJECT
public:
    PacsQueryDialog(store::Workspace& ws, QWidget* parent = nullptr);
    // After Retrieve: the node, our AE title and the chosen studies.
    pacs::PacsNode node() const { return m_node; }
    QString callingAe() const;
    QStringList chosenStudies() const;
    ReceiveDestination destination() const;

    static constexpr const char* kNodeSetting = "pacs.query_node";

private:
    void find();
    void showStudies();
    void retrieve();

    store::Workspace& m_ws;
    QLineEdit* m_nodeText;
    QLineEdit* m_callingAe;
    QComboBox* m_modality;
    QLineEdit* m_dates;
    DestinationCombo* m_destination;
    QPushButton* m_find;
    QPushButton* m_retrieve;
    QTableWidget* m_table;
    QLabel* m_message;
    pacs::PacsNode m_node;
    QFutureWatcher<Result<std::vector<pacs::StudyMatch>>> m_watcher;
};

}  // namespace medq::gui
