#pragma once
// The lab lead's views as docks of the main window (prototype gallery, rounds dashboard,
// engine and logs, routing calibration, models, strategy comparison) with a Lab menu and shortcuts, and the Start Round
// and Train Model flows (leads only). The main window hands it the workspace and who is working.
#include "learn/TrainModelJob.h"
#include "loop/RoundOptions.h"
#include "store/Records.h"

#include <QObject>

class QDockWidget;
class QMainWindow;
class QMenu;
class QMenuBar;

namespace medq::jobs {
class JobEngine;
}
namespace medq::store {
class Workspace;
}

namespace medq::gui {

class EnginePanel;
class ModelsView;
class PrototypeGallery;
class RoundsDashboard;
class RoutingCalibrationView;
class StrategyComparisonView;

class LabWorkbench : public QObject {
    Q_OBJECT
public:
    // Adds the six docks (hidden until asked for) to `window`.
    LabWorkbench(QMainWindow* window, jobs::JobEngine& engine);

    // Appends the Lab menu to `bar`.
    QMenu* addMenu(QMenuBar* bar);
    void setWorkspace(store::Workspace* ws, const QString& annotator);
    void refresh();

    // The next round's settings: the previous round's, else the defaults; actor = annotator.
    loop::RoundOptions nextRoundDefaults() const;
    // Opens the Start Round dialog and queues the round; returns the job id (0: not queued).
    int startRound();
    // Lab > Add Reference Set from Annotations (a lead's action): asks test or validation
    // unless `which` ("test" or "val") is given; returns the job id, 0 when nothing started.
    int addReferenceSet(const QString& which = {});
    // Queues a round with these settings if the annotator may start rounds; 0 and a message otherwise.
    int queueRound(loop::RoundOptions options);
    // Lab > Train Model (a lead's action): the dialog with the default recipe, then the job.
    int trainModel();
    // Queues training with these settings if the annotator may start rounds; 0 and a message otherwise.
    int queueTraining(learn::TrainOptions options);
    // Lab > Models > Add TorchScript Model (a lead's action): asks for the file and a name.
    int addTorchScriptModel();
    // Queues the registration of a site's TorchScript model (learn::AddOwnModelJob); returns
    // the job id, 0 and a message when the annotator may not change the model.
    int queueOwnModel(const QString& file, const QString& name, bool makeCurrent);
    // Makes a checkpoint current (leads only); false and a message otherwise.
    bool makeCurrent(const QString& name);

    PrototypeGallery* gallery() const { return m_gallery; }
    RoundsDashboard* dashboard() const { return m_dashboard; }
    EnginePanel* enginePanel() const { return m_engine; }
    RoutingCalibrationView* routing() const { return m_routing; }
    ModelsView* models() const { return m_models; }
    StrategyComparisonView* comparison() const { return m_comparison; }
    QDockWidget* dockOf(QWidget* view) const;

signals:
    // A prototype member was double-clicked.
    void taskActivated(store::Id taskId);
    void problem(const QString& message);

private:
    QDockWidget* addDock(QWidget* view, const QString& title, const QString& objectName);
    void show(QWidget* view);
    bool mayStartRounds(QString* why) const;

    QMainWindow* m_window;
    jobs::JobEngine& m_jobs;
    store::Workspace* m_ws = nullptr;
    QString m_annotator;
    PrototypeGallery* m_gallery;
    RoundsDashboard* m_dashboard;
    EnginePanel* m_engine;
    RoutingCalibrationView* m_routing;
    ModelsView* m_models;
    StrategyComparisonView* m_comparison;
    QList<QDockWidget*> m_docks;
};

}  // namespace medq::gui
