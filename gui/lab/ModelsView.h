#pragma once
// Lab > Models: every checkpoint of the workspace, built-in and TorchScript
// (docs/own-model.md), with Make Current and Add TorchScript Model (leads only). The actions
// are signals: LabWorkbench checks the role, writes the setting or queues the job.
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace medq::store {
class Workspace;
}

namespace medq::gui {

class CheckpointTableModel;

class ModelsView : public QWidget {
    Q_OBJECT
public:
    explicit ModelsView(QWidget* parent = nullptr);

    void setWorkspace(store::Workspace* ws);
    // Whether the person may change the model; `why` explains a refusal on the buttons.
    void setAllowed(bool allowed, const QString& why);
    void refresh();

    CheckpointTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QPushButton* makeCurrentButton() const { return m_makeCurrent; }
    QPushButton* addButton() const { return m_add; }
    QString selectedName() const;
    void select(const QString& name);

signals:
    void makeCurrentRequested(const QString& name);
    void addTorchScriptRequested();

private:
    void updateButtons();

    store::Workspace* m_ws = nullptr;
    bool m_allowed = false;
    QString m_why;
    CheckpointTableModel* m_model;
    QTableView* m_table;
    QPushButton* m_makeCurrent;
    QPushButton* m_add;
    QLabel* m_hint;
};

}  // namespace medq::gui
