#pragma once
// The Pool menu: Add Folder (registers a folder of the site's images as a job on the engine
// thread, with progress, time left and Cancel in the status bar) and Pool Status.
#include "ingest/PoolFileScanner.h"
#include "jobs/Job.h"

#include <QObject>
#include <QString>

class QMenu;
class QMenuBar;
class QWidget;

namespace medq::jobs {
class JobEngine;
}
namespace medq::store {
class Workspace;
}

namespace medq::gui {

class PoolMenu : public QObject {
    Q_OBJECT
public:
    PoolMenu(QWidget* window, jobs::JobEngine& engine);
    QMenu* addMenu(QMenuBar* bar);
    void setWorkspace(store::Workspace* ws, const QString& annotator);

    // Opens the dialog (with `folder` filled in when given) and submits the job; returns its
    // id, or -1 when nothing was started. When the job finds files refused only for want of
    // a modality, the dialog opens again on the same folder and asks for one.
    int addFolder(const QString& folder = {});
    void showStatus();

signals:
    void problem(const QString& message);

private:
    int addFolder(const ingest::PoolAddOptions& previous, qint64 needModality);
    void jobFinished(int id, const jobs::JobOutcome& outcome);

    QWidget* m_window;
    jobs::JobEngine& m_engine;
    store::Workspace* m_ws = nullptr;
    QString m_annotator;
    // The Add Folder job running, and what it was asked (to ask again with a modality).
    int m_addJob = -1;
    ingest::PoolAddOptions m_addOptions;
};

}  // namespace medq::gui
