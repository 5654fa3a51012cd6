#pragma once
// DICOM > Query PACS…: one of the workspace's named PACS nodes (PacsNodeList; Add…, Edit…
// and Remove beside the list, the one used last chosen again), our AE title, a modality and a
// date range; Find lists the studies (C-FIND off the GUI thread), Retrieve closes so that the
// menu submits a RetrieveStudyJob for the selected ones (C-GET or C-MOVE, as the node says).
#include "common/Vocabulary.h"
#include "pacs/PacsNodeList.h"
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
    const pacs::NamedPacsNode& node() const { return m_node; }
    QString callingAe() const;
    QStringList chosenStudies() const;
    ReceiveDestination destination() const;

private:
    void find();
    void loadNodes(const QString& select);
    std::optional<pacs::NamedPacsNode> selectedNode();
    void addNode();
    void editNode();
    void removeNode();
    void showStudies();
    void retrieve();

    store::Workspace& m_ws;
    QComboBox* m_nodes;
    QPushButton* m_editNode;
    QPushButton* m_removeNode;
    QLineEdit* m_callingAe;
    QComboBox* m_modality;
    QLineEdit* m_dates;
    DestinationCombo* m_destination;
    QPushButton* m_find;
    QPushButton* m_retrieve;
    QTableWidget* m_table;
    QLabel* m_message;
    pacs::NamedPacsNode m_node;
    QFutureWatcher<Result<std::vector<pacs::StudyMatch>>> m_watcher;
};

}  // namespace medq::gui
