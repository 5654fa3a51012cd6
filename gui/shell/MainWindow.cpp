#include "shell/MainWindow.h"

#include "annotation/AnnotationPanel.h"
#include "browser/ImageBrowser.h"
#include "common/ShortcutTable.h"
#include "ingest/DemoWorkspaceJob.h"
#include "ingest/ImportJob.h"
#include "lab/LabWorkbench.h"
#include "loop/DemoLoopJob.h"
#include "pacs/PacsMenu.h"
#include "pool/PoolMenu.h"
#include "queue/QueuePanel.h"
#include "queue/ThumbnailStrip.h"
#include "shell/EngineStatusBar.h"
#include "shell/PreferencesDialog.h"
#include "shell/ShortcutsDialog.h"
#include "shell/Theme.h"
#include "viewer/ComparisonView.h"
#include "viewer/SliceViewer.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUndoStack>

namespace medq::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_queues(new QueuePanel(this)), m_centre(new QStackedWidget(this)),
      m_viewer(new SliceViewer(this)), m_comparison(new ComparisonView(this)),
      m_strip(new ThumbnailStrip(m_queues->model(), this)),
      m_panel(new AnnotationPanel(this)), m_engineBar(new EngineStatusBar(m_engine, this)), m_cursor(new QLabel(this)),
      m_browser(new ImageBrowser(this)) {
    setWindowTitle(tr("MedQ-Engine Workstation"));
    setObjectName(QStringLiteral("MainWindow"));
    m_centre->addWidget(m_viewer);
    m_centre->addWidget(m_comparison);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_centre);
    splitter->addWidget(m_strip);
    splitter->setStretchFactor(0, 1);
    setCentralWidget(splitter);

    auto* queueDock = new QDockWidget(tr("Queues"), this);
    queueDock->setObjectName(QStringLiteral("QueuesDock"));
    queueDock->setWidget(m_queues);
    addDockWidget(Qt::LeftDockWidgetArea, queueDock);
    auto* imagesDock = new QDockWidget(tr("Images"), this);
    imagesDock->setObjectName(QStringLiteral("ImagesDock"));
    imagesDock->setWidget(m_browser);
    addDockWidget(Qt::LeftDockWidgetArea, imagesDock);
    tabifyDockWidget(queueDock, imagesDock);
    queueDock->raise();
    auto* panelDock = new QDockWidget(tr("Annotation"), this);
    panelDock->setObjectName(QStringLiteral("AnnotationDock"));
    panelDock->setWidget(m_panel);
    panelDock->setMinimumWidth(380);
    addDockWidget(Qt::RightDockWidgetArea, panelDock);
    statusBar()->addWidget(m_engineBar, 1);
    statusBar()->addPermanentWidget(m_cursor);

    connect(m_viewer, &SliceViewer::cursorInfoChanged, this, [this](const CursorInfo& info) { m_cursor->setText(info.text); });
    connect(m_queues, &QueuePanel::itemActivated, this, &MainWindow::openItem);
    connect(m_strip, &QListView::clicked, this, [this](const QModelIndex& i) {
        openItem(i.data(QueueListModel::QueueItemIdRole).toLongLong());
    });
    connect(m_panel, &AnnotationPanel::submitted, this, &MainWindow::afterSubmit);
    connect(m_panel, &AnnotationPanel::problem, this, &MainWindow::showProblem);
    connect(m_browser, &ImageBrowser::openRequested, this, &MainWindow::openCatalogEntry);
    connect(m_browser, &ImageBrowser::queueRequested, this, &MainWindow::queueEntries);
    // Draft and assessment jobs report in the annotation panel (quietJobFinished), not here.
    connect(&m_engine, &jobs::JobEngine::jobFinished, this, &MainWindow::quietJobFinished);
    connect(m_engineBar, &EngineStatusBar::jobEnded, this, [this](int id, const QString& title, bool ok, const QString& msg) {
        if (m_quietJobs.contains(id)) return;
        if (!ok) QMessageBox::warning(this, title, msg);
        if (m_ws) {
            m_queues->refresh();
            m_browser->refresh();
        }
    });
    m_lab = new LabWorkbench(this, m_engine);
    connect(m_lab, &LabWorkbench::taskActivated, this, &MainWindow::openTask);
    connect(m_lab, &LabWorkbench::problem, this, &MainWindow::showProblem);
    m_pool = new PoolMenu(this, m_engine);
    connect(m_pool, &PoolMenu::problem, this, &MainWindow::showProblem);
    m_pacs = new PacsMenu(this, m_engine);
    m_pacs->addStatus(statusBar());
    connect(m_pacs, &PacsMenu::problem, this, &MainWindow::showProblem);
    connect(m_pacs, &PacsMenu::imagesArrived, this, [this] {
        if (!m_ws) return;
        m_queues->refresh();
        m_browser->refresh();
    });
    buildMenus();
    bindShortcuts();
    restoreLayout();
}

MainWindow::~MainWindow() { m_engine.cancelAll(); }

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Workspace…"), shortcutFor("open"), this, &MainWindow::chooseWorkspace);
    m_recent = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open &Demo Workspace"), this, [this] { openDemoWorkspace(); });
    file->addSeparator();
    file->addAction(tr("&Import Images…"), shortcutFor("import"), this, &MainWindow::importImages);
    file->addAction(tr("Import &Folder…"), shortcutFor("import_folder"), this, [this] { importFolder(); });
    file->addSeparator();
    file->addAction(tr("&Quit"), shortcutFor("quit"), this, &QWidget::close);
    rebuildRecentMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_panel->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(shortcutFor("undo"));
    QAction* redo = m_panel->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(shortcutFor("redo"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* preferences = edit->addAction(tr("&Preferences…"), shortcutFor("preferences"), this,
                                           [this] { PreferencesDialog(this).exec(); });
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Images"), shortcutFor("images"), this, [this] {
        if (auto* dock = qobject_cast<QDockWidget*>(m_browser->parentWidget())) {
            dock->show();
            dock->raise();
        }
        m_browser->searchField()->setFocus();
    });
    view->addSeparator();
    auto* themes = new QActionGroup(this);
    const QString current = QSettings().value(QStringLiteral("ui/theme"), QStringLiteral("light")).toString();
    for (const auto& [name, label] : {std::pair{QStringLiteral("light"), tr("&Light Theme")},
                                      std::pair{QStringLiteral("dark"), tr("&Dark Theme")}}) {
        QAction* a = view->addAction(label);
        a->setCheckable(true);
        a->setChecked(name == current);
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [name] {
            QSettings().setValue(QStringLiteral("ui/theme"), name);
            applyTheme(*qApp, themeFromName(name));
        });
    }

    m_pool->addMenu(menuBar());
    m_pacs->addMenu(menuBar());
    m_lab->addMenu(menuBar());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence(Qt::Key_F1), this, [this] { ShortcutsDialog(this).exec(); });
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About MedQ-Engine Workstation"),
                           tr("MedQ-Engine Workstation %1\nMedical image quality annotation with a closed data loop.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::bindShortcuts() {
    auto bind = [this](const QString& id, auto slot) {
        auto* s = new QShortcut(shortcutFor(id), this);
        s->setContext(Qt::WindowShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    bind("submit", [this] { m_panel->submit(); });
    bind("submit_enter", [this] { m_panel->submit(); });
    bind("accept", [this] { m_panel->acceptDraft(); });
    bind("quality_good", [this] { m_panel->setQuality(QualityLevel::Good); });
    bind("quality_usable", [this] { m_panel->setQuality(QualityLevel::Usable); });
    bind("quality_reject", [this] { m_panel->setQuality(QualityLevel::Reject); });
    bind("flag_unreadable", [this] { m_panel->toggleFlag("unreadable"); });
    bind("flag_modality", [this] { m_panel->toggleFlag("wrong_modality"); });
    bind("flag_phi", [this] { m_panel->toggleFlag("phi_visible"); });
    bind("edit_text", [this] { m_panel->descriptionEditor()->setFocus(); });
    bind("next", [this] { moveToNext(+1); });
    bind("previous", [this] { moveToNext(-1); });
    bind("skip", [this] { moveToNext(+1); });
    bind("queue_expert", [this] { m_queues->setQueue(Queue::Expert); });
    bind("queue_verify", [this] { m_queues->setQueue(Queue::Verify); });
    bind("queue_spot", [this] { m_queues->setQueue(Queue::AutoAccept); });
    bind("help", [this] { ShortcutsDialog(this).exec(); });
    for (int i = 1; i <= 9; ++i) bind(QStringLiteral("key_%1").arg(i), [this, i] { handleKey(i); });
    // Esc leaves the description editor so single-key shortcuts work again.
    auto* esc = new QShortcut(QKeySequence(Qt::Key_Escape), m_panel->descriptionEditor());
    esc->setContext(Qt::WidgetShortcut);
    connect(esc, &QShortcut::activated, this, [this] { m_viewer->setFocus(); });
}

void MainWindow::handleKey(int n) {
    if (!m_session || !m_session->current()) return;
    if (m_session->current()->task.kind == TaskKind::Perception && n <= 4) m_panel->setAnswerIndex(n - 1);
    else
        m_panel->cycleAttribute(n - 1);
}

void MainWindow::restoreLayout() {
    QSettings s;
    // The lab's docks were laid out before they were hidden, and the window keeps the minimum
    // size of that layout (about 2500 x 1220) until the layout runs again: without this a
    // first start opened wider than the screen, the annotation panel and progress off it.
    layout()->activate();
    if (!restoreGeometry(s.value(QStringLiteral("ui/geometry")).toByteArray())) {
        // First start: a comfortable size, but never more than the screen offers.
        const QSize room = screen() ? screen()->availableGeometry().size() : QSize(1500, 920);
        resize(QSize(1500, 920).boundedTo(room));
    }
    restoreState(s.value(QStringLiteral("ui/state")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_panel->flushAutosave();
    QSettings s;
    s.setValue(QStringLiteral("ui/geometry"), saveGeometry());
    s.setValue(QStringLiteral("ui/state"), saveState());
    if (m_engine.pendingCount() > 0) {
        const auto answer = QMessageBox::question(
            this, tr("A job is running"), tr("Cancel the running job and quit? Its partial work is discarded."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_engine.cancelAll();
    }
    event->accept();
}

void MainWindow::showProblem(const QString& message) { statusBar()->showMessage(message, 8000); }

void MainWindow::rememberRecent(const QString& dir) {
    QSettings s;
    QStringList recent = s.value(QStringLiteral("workspaces/recent")).toStringList();
    recent.removeAll(dir);
    recent.prepend(dir);
    s.setValue(QStringLiteral("workspaces/recent"), recent.mid(0, 8));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    m_recent->clear();
    const QStringList recent = QSettings().value(QStringLiteral("workspaces/recent")).toStringList();
    for (const QString& dir : recent) m_recent->addAction(dir, this, [this, dir] { openWorkspace(dir); });
    m_recent->setEnabled(!recent.isEmpty());
}

void MainWindow::chooseWorkspace() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open workspace"));
    if (!dir.isEmpty()) openWorkspace(dir);
}

void MainWindow::importImages() {
    if (!m_ws) {
        showProblem(tr("Open a workspace first."));
        return;
    }
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import images"), QString(),
                                                            tr("Images (*.dcm *.nii *.nii.gz *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"));
    if (files.isEmpty()) return;
    ingest::ImportOptions options;
    options.inputs = files;
    options.actor = m_annotator;
    m_engine.submit(std::make_unique<ingest::ImportJob>(m_ws->dir().absolutePath(), options));
}

void MainWindow::openDemoWorkspace(const QString& requested) {
    const QString dir = requested.isEmpty() ? ingest::DemoWorkspaceJob::defaultLocation() : requested;
    const int id = m_engine.submit(std::make_unique<loop::DemoLoopJob>(dir));
    connect(&m_engine, &jobs::JobEngine::jobFinished, this, [this, id, dir](int done, const jobs::JobOutcome& outcome) {
        if (done == id && outcome.ok()) openWorkspace(dir);
    });
}

}  // namespace medq::gui
