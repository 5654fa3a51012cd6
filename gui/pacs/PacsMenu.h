#pragma once
// The DICOM menu: Query PACS… (PacsQueryDialog, then a RetrieveStudyJob on the engine
// thread), Start Receiver… and Stop Receiver (ReceiverRunner), with the receiver's
// state in the status bar: its AE title and port, what it stored, refused and took in, and
// the last thing it said as the tooltip. Leads only, as imports are.
#include "pacs/DicomReceiver.h"

#include <QObject>

class QAction;
class QLabel;
class QMenu;
class QMenuBar;
class QStatusBar;
class QWidget;

namespace medq::jobs {
class JobEngine;
}
namespace medq::store {
class Workspace;
}

namespace medq::gui {

class ReceiverRunner;

class PacsMenu : public QObject {
    Q_OBJECT
public:
    PacsMenu(QWidget* window, jobs::JobEngine& engine);
    ~PacsMenu() override;
    QMenu* addMenu(QMenuBar* bar);
    void addStatus(QStatusBar* bar);
    // A new workspace (or none) stops the receiver of the old one.
    void setWorkspace(store::Workspace* ws, const QString& annotator);
    // Opens the dialog and starts the receiver; false when nothing was started.
    bool startReceiver();
    // Opens DICOM > Query PACS and submits the retrieval job; its id, or -1.
    int queryPacs();
    void stopReceiver();
    bool isReceiving() const;
    QLabel* statusLabel() const { return m_status; }

signals:
    void problem(const QString& message);
    // Received images were imported or registered: lists showing them should refresh.
    void imagesArrived();

private:
    void showCounts(const QString& line, const pacs::ReceiverCounts& counts);
    void receiverStopped(const QString& error);
    void updateActions();

    QWidget* m_window;
    jobs::JobEngine& m_engine;
    ReceiverRunner* m_runner;
    QLabel* m_status;
    QAction* m_start = nullptr;
    QAction* m_stop = nullptr;
    store::Workspace* m_ws = nullptr;
    QString m_annotator;
};

}  // namespace medq::gui
