#include "lab/LabWorkbench.h"

#include "common/ShortcutTable.h"
#include "dataset/ReferenceSet.h"
#include "jobs/JobEngine.h"
#include "jobs/WorkspaceJobLock.h"
#include "lab/EnginePanel.h"
#include "lab/ModelsView.h"
#include "lab/PrototypeGallery.h"
#include "lab/RoundsDashboard.h"
#include "lab/RoutingCalibrationView.h"
#include "lab/StartRoundDialog.h"
#include "lab/StrategyComparisonView.h"
#include "lab/TrainModelDialog.h"
#include "learn/AddOwnModelJob.h"
#include "learn/CheckpointRegistry.h"
#include "learn/TrainRecipe.h"
#include "model/CheckpointManifest.h"
#include "loop/RoundMetrics.h"
#include "loop/RoundRunner.h"
#include "store/Permissions.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>

namespace medq::gui {

LabWorkbench::LabWorkbench(QMainWindow* window, jobs::JobEngine& engine)
    : QObject(window), m_window(window), m_jobs(engine), m_gallery(new PrototypeGallery(window)),
      m_dashboard(new RoundsDashboard(engine, window)), m_engine(new EnginePanel(engine, window)),
      m_routing(new RoutingCalibrationView(window)), m_models(new ModelsView(window)),
      m_comparison(new StrategyComparisonView(window)) {
    addDock(m_gallery, tr("Prototype Gallery"), QStringLiteral("LabGalleryDock"));
    addDock(m_dashboard, tr("Rounds Dashboard"), QStringLiteral("LabDashboardDock"));
    addDock(m_engine, tr("Engine"), QStringLiteral("LabEngineDock"));
    addDock(m_routing, tr("Routing Calibration"), QStringLiteral("LabRoutingDock"));
    addDock(m_models, tr("Models"), QStringLiteral("LabModelsDock"));
    addDock(m_comparison, tr("Strategy Comparison"), QStringLiteral("LabComparisonDock"));
    for (int i = 1; i < m_docks.size(); ++i) m_window->tabifyDockWidget(m_docks.front(), m_docks[i]);
    for (QDockWidget* d : m_docks) d->hide();

    connect(m_gallery, &PrototypeGallery::taskActivated, this, &LabWorkbench::taskActivated);
    connect(m_engine, &EnginePanel::startRoundRequested, this, &LabWorkbench::startRound);
    connect(m_models, &ModelsView::makeCurrentRequested, this, &LabWorkbench::makeCurrent);
    connect(m_models, &ModelsView::addTorchScriptRequested, this, &LabWorkbench::addTorchScriptModel);
    connect(&engine, &jobs::JobEngine::jobFinished, this, [this] { refresh(); });
    setWorkspace(nullptr, {});
}

QDockWidget* LabWorkbench::addDock(QWidget* view, const QString& title, const QString& objectName) {
    auto* dock = new QDockWidget(title, m_window);
    dock->setObjectName(objectName);
    dock->setWidget(view);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    m_docks.append(dock);
    return dock;
}

QDockWidget* LabWorkbench::dockOf(QWidget* view) const {
    for (QDockWidget* d : m_docks)
        if (d->widget() == view) return d;
    return nullptr;
}

void LabWorkbench::show(QWidget* view) {
    QDockWidget* dock = dockOf(view);
    dock->show();
    dock->raise();
    view->setFocus();
}

QMenu* LabWorkbench::addMenu(QMenuBar* bar) {
    QMenu* lab = bar->addMenu(tr("&Lab"));
    lab->addAction(tr("Prototype &Gallery"), shortcutFor("lab_gallery"), this, [this] { show(m_gallery); });
    lab->addAction(tr("Rounds &Dashboard"), shortcutFor("lab_dashboard"), this, [this] { show(m_dashboard); });
    lab->addAction(tr("&Engine and Logs"), shortcutFor("lab_engine"), this, [this] { show(m_engine); });
    lab->addAction(tr("Routing &Calibration"), shortcutFor("lab_routing"), this, [this] { show(m_routing); });
    lab->addAction(tr("&Models"), shortcutFor("lab_models"), this, [this] { show(m_models); });
    lab->addAction(tr("Strategy Com&parison"), shortcutFor("lab_comparison"), this, [this] { show(m_comparison); });
    lab->addSeparator();
    lab->addAction(tr("&Start Round…"), shortcutFor("lab_start_round"), this, [this] { startRound(); });
    lab->addAction(tr("Add Reference Set from &Annotations…"), this, [this] { addReferenceSet(); });
    lab->addAction(tr("&Train Model…"), this, [this] { trainModel(); });
    lab->addAction(tr("Add &TorchScript Model…"), this, [this] { addTorchScriptModel(); });
    lab->addAction(tr("&Refresh Lab Views"), shortcutFor("lab_refresh"), this, &LabWorkbench::refresh);
    return lab;
}

bool LabWorkbench::mayStartRounds(QString* why) const {
    if (!m_ws) {
        *why = tr("Open a workspace first.");
        return false;
    }
    const Status s = store::Permissions::requireFor(m_ws->annotations(), m_annotator, store::Action::StartRound);
    if (!s) *why = s.error().message();
    return s.ok();
}

void LabWorkbench::setWorkspace(store::Workspace* ws, const QString& annotator) {
    m_ws = ws;
    m_annotator = annotator;
    QString why;
    const bool mayStart = mayStartRounds(&why);
    m_engine->setStartRoundAllowed(mayStart, why);
    m_models->setAllowed(mayStart, why);
    bool maySave = false;
    QString whyNot = tr("Open a workspace first.");
    if (ws) {
        const Status s = store::Permissions::requireFor(ws->annotations(), annotator, store::Action::ChangeThresholds);
        maySave = s.ok();
        if (!s) whyNot = s.error().message();
    }
    m_routing->setUser(annotator, maySave, whyNot);
    m_gallery->setWorkspace(ws);
    m_dashboard->setWorkspace(ws);
    m_routing->setWorkspace(ws);
    m_models->setWorkspace(ws);
}

void LabWorkbench::refresh() {
    if (!m_ws) return;
    m_gallery->refresh();
    m_dashboard->refresh();
    m_routing->refresh();
    m_models->refresh();
}

loop::RoundOptions LabWorkbench::nextRoundDefaults() const {
    loop::RoundOptions options;
    if (m_ws) {
        const auto rounds = m_ws->rounds().all();
        if (!rounds.empty())
            if (auto previous = loop::RoundOptions::fromJson(
                    loop::RoundMetrics::fromJson(rounds.back().metrics).options))
                options = previous.take();
    }
    options.actor = m_annotator;
    return options;
}

int LabWorkbench::addReferenceSet(const QString& which) {
    if (!m_ws) {
        emit problem(tr("Open a workspace first."));
        return 0;
    }
    if (const Status s = store::Permissions::requireFor(m_ws->annotations(), m_annotator,
                                                        store::Action::DefineReference);
        !s) {
        emit problem(tr("Cannot define a reference set: %1").arg(s.error().message()));
        return 0;
    }
    QString split = which;
    if (split.isEmpty()) {
        const QStringList choices{tr("Test: measure the model on it (never trained on)"),
                                  tr("Validation: calibrate routing and gate checkpoints with it")};
        bool ok = false;
        const QString chosen = QInputDialog::getItem(
            m_window, tr("Reference Set from Annotations"),
            tr("The annotated images of your site whose annotators agree become a reference set: their "
               "descriptions, and questions derived from their quality and attributes. Use it as:"),
            choices, 0, false, &ok);
        if (!ok) return 0;
        split = chosen == choices.front() ? QStringLiteral("test") : QStringLiteral("val");
    }
    return m_jobs.submit(std::make_unique<dataset::ReferenceSetJob>(m_ws->dir().absolutePath(), split, m_annotator));
}

int LabWorkbench::startRound() {
    QString why;
    if (!mayStartRounds(&why)) {
        emit problem(tr("Cannot start a round: %1").arg(why));
        return 0;
    }
    StartRoundDialog dialog(nextRoundDefaults(), m_window);
    if (dialog.exec() != QDialog::Accepted) return 0;
    return queueRound(dialog.options().value());
}

int LabWorkbench::trainModel() {
    QString why;
    if (!mayStartRounds(&why)) {
        emit problem(tr("Cannot train the model: %1").arg(why));
        return 0;
    }
    learn::CheckpointRegistry registry(*m_ws);
    learn::TrainOptions defaults = learn::TrainRecipe::defaults();
    TrainModelDialog dialog(defaults, registry.current(), registry.interrupted(), m_window);
    if (!registry.current().isEmpty())
        if (const auto manifest = model::CheckpointManifest::read(registry.resolve(registry.current())))
            dialog.setCurrentInputs(manifest.value().config);
    if (dialog.exec() != QDialog::Accepted) return 0;
    return queueTraining(dialog.options());
}

int LabWorkbench::queueTraining(learn::TrainOptions options) {
    QString why;
    if (!mayStartRounds(&why)) {
        emit problem(tr("Cannot train the model: %1").arg(why));
        return 0;
    }
    if (const Status s = options.config.validate(); !s) {
        emit problem(tr("Training settings: %1").arg(s.error().message()));
        return 0;
    }
    options.actor = m_annotator;
    const int id = m_jobs.submit(std::make_unique<learn::TrainModelJob>(m_ws->dir().absolutePath(), options));
    show(m_engine);
    return id;
}

int LabWorkbench::addTorchScriptModel() {
    QString why;
    if (!mayStartRounds(&why)) {
        emit problem(tr("Cannot add a model: %1").arg(why));
        return 0;
    }
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Add a TorchScript Model"), {},
                                                      tr("TorchScript modules (*.pt *.pth *.ts);;All files (*)"));
    if (file.isEmpty()) return 0;
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, tr("Add a TorchScript Model"), tr("Checkpoint name:"), QLineEdit::Normal,
                                               QFileInfo(file).completeBaseName(), &ok);
    if (!ok || name.trimmed().isEmpty()) return 0;
    return queueOwnModel(file, name.trimmed(), false);
}

int LabWorkbench::queueOwnModel(const QString& file, const QString& name, bool makeCurrentToo) {
    QString why;
    if (!mayStartRounds(&why)) {
        emit problem(tr("Cannot add a model: %1").arg(why));
        return 0;
    }
    learn::OwnModelRequest request;
    request.import.file = file;
    request.name = name;
    request.makeCurrent = makeCurrentToo;
    request.actor = m_annotator;
    const int id = m_jobs.submit(std::make_unique<learn::AddOwnModelJob>(m_ws->dir().absolutePath(), request));
    show(m_engine);
    return id;
}

bool LabWorkbench::makeCurrent(const QString& name) {
    QString why;
    if (!mayStartRounds(&why)) {
        emit problem(tr("Cannot change the model: %1").arg(why));
        return false;
    }
    learn::CheckpointRegistry(*m_ws).setCurrent(name, m_annotator);
    m_models->refresh();
    m_models->select(name);
    return true;
}

int LabWorkbench::queueRound(loop::RoundOptions options) {
    QString why;
    if (!mayStartRounds(&why)) {
        emit problem(tr("Cannot start a round: %1").arg(why));
        return 0;
    }
    options.actor = m_annotator;
    if (const Status s = options.validate(); !s) {
        emit problem(tr("Round settings: %1").arg(s.error().message()));
        return 0;
    }
    // One round at a time per workspace (jobs::WorkspaceJobLock): another process's job holds it.
    const auto holder = jobs::WorkspaceJobLock::holder(m_ws->dir().absolutePath());
    if (holder && holder->pid != QCoreApplication::applicationPid()) {
        QMessageBox ask(QMessageBox::Question, tr("Workspace busy"),
                        tr("Another job holds this workspace: %1.\n\nWait for it and start the round when it "
                           "finishes? The status bar shows the wait, and Cancel stops it.")
                            .arg(holder->describe()),
                        QMessageBox::NoButton, m_window);
        QPushButton* wait = ask.addButton(tr("&Wait"), QMessageBox::AcceptRole);
        ask.addButton(QMessageBox::Cancel);
        ask.setDefaultButton(wait);
        ask.exec();
        if (ask.clickedButton() != wait) return 0;
        options.waitForLock = true;
    }
    const int id = m_jobs.submit(std::make_unique<loop::LoopRoundJob>(m_ws->dir().absolutePath(), options));
    show(m_engine);
    return id;
}

}  // namespace medq::gui
