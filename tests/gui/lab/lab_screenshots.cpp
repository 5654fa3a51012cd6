// Screenshots of the lab lead's views for the docs: docs/images/lab-gallery.png,
// lab-dashboard.png, lab-engine.png, lab-routing.png and lab-main-window.png. Works on a
// copy of WORKSPACE (never the original); without one it builds the small test workspace.
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/gui/lab/lab_screenshots [WORKSPACE] [OUTDIR]
#include "LabTestWorkspace.h"
#include "common/Log.h"
#include "lab/EnginePanel.h"
#include "lab/LabWorkbench.h"
#include "lab/PrototypeCard.h"
#include "lab/PrototypeMemberModel.h"
#include "lab/PrototypeGallery.h"
#include "lab/RoundsDashboard.h"
#include "lab/RoutingCalibrationView.h"
#include "shell/MainWindow.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

using namespace medq;

int main(int argc, char** argv) {
    gui::configureSurfaceFormat();
    QApplication app(argc, argv);
    const QString source = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const QString outDir = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("docs/images");
    QDir().mkpath(outDir);
    QTemporaryDir tmp;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, tmp.filePath("settings"));
    log::initConsole(0);
    const QString wsDir = tmp.filePath("ws");
    if (source.isEmpty()) {
        if (const QString failed = test::buildLabWorkspace(wsDir); !failed.isEmpty()) qFatal("%s", qPrintable(failed));
        loop::LoopRoundJob second(wsDir, test::smallLabRound());
        test::runJob(second);
    } else if (!test::copyWorkspace(source, wsDir)) {
        qFatal("cannot copy %s", qPrintable(source));
    }

    gui::MainWindow window;
    window.setAnnotator(QStringLiteral("dr.lead"), QStringLiteral("lead"));
    window.resize(1560, 980);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) return 1;
    if (!window.openWorkspace(wsDir)) return 1;
    gui::LabWorkbench* lab = window.lab();
    // The expert reference job scores the simulated annotator first.
    window.engine().waitForIdle(120000);
    QTest::qWait(300);

    auto shoot = [&](QWidget* view, const char* name, QSize size) {
        QDockWidget* dock = lab->dockOf(view);
        dock->setFloating(true);
        dock->resize(size);
        dock->show();
        dock->raise();
        QTest::qWait(400);
        view->grab().save(QDir(outDir).filePath(QString::fromLatin1(name)));
        dock->hide();
    };
    lab->refresh();
    shoot(lab->gallery(), "lab-gallery.png", QSize(1180, 760));
    shoot(lab->dashboard(), "lab-dashboard.png", QSize(1280, 860));
    gui::RoutingCalibrationView* routing = lab->routing();
    routing->autoSlider()->setValue(routing->autoSlider()->maximum() / 2);
    shoot(routing, "lab-routing.png", QSize(900, 640));

    // The engine panel while a round runs (on the copy), then the window with the docks.
    loop::RoundOptions next = lab->nextRoundDefaults();
    lab->queueRound(next);
    QTest::qWait(6000);
    shoot(lab->enginePanel(), "lab-engine.png", QSize(1000, 560));
    QDockWidget* dock = lab->dockOf(lab->gallery());
    dock->setFloating(false);
    dock->show();
    dock->raise();
    window.resizeDocks({dock}, {430}, Qt::Vertical);
    // A member opened in the viewer, as a double-click in the gallery does.
    if (const auto cards = lab->gallery()->cards(); !cards.isEmpty())
        emit lab->gallery()->taskActivated(cards.front()->members()->index(1).data(gui::PrototypeMemberModel::TaskIdRole).toLongLong());
    QTest::qWait(800);
    window.grab().save(QDir(outDir).filePath(QStringLiteral("lab-main-window.png")));
    std::printf("wrote lab screenshots to %s\n", qPrintable(outDir));
    // Leaving cancels the round on the copy (the engine joins its thread).
    return 0;
}
