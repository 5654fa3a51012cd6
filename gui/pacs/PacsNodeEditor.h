#pragma once
// Query PACS > Add… or Edit…: one named PACS node (name, AE title, host, port, and whether
// studies come by C-GET or by C-MOVE to our AE title and port). OK stores it in the
// workspace's node list (PacsNodeList); what is wrong shows under the form.
#include "pacs/PacsNodeList.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace medq::store {
class Workspace;
}

namespace medq::gui {

class PacsNodeEditor : public QDialog {
    Q_OBJECT
public:
    // With `existing`, edits that node (renaming it replaces it); else adds one.
    PacsNodeEditor(store::Workspace& ws, const std::optional<pacs::NamedPacsNode>& existing, QWidget* parent = nullptr);
    // After OK: the node as stored.
    pacs::NamedPacsNode node() const;

private:
    void save();
    void showMoveFields();

    store::Workspace& m_ws;
    QString m_oldName;
    QLineEdit* m_name;
    QLineEdit* m_aeTitle;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QComboBox* m_retrieve;
    QLineEdit* m_moveTo;
    QSpinBox* m_movePort;
    QLabel* m_problem;
};

}  // namespace medq::gui
