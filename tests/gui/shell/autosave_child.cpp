// Child process for tst_autosave_kill: opens the workstation on a workspace, types into the
// description editor like a person, waits one second, says so, and waits to be killed.
#include "annotation/AnnotationPanel.h"
#include "shell/MainWindow.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QTest>
#include <cstdio>

int main(int argc, char** argv) {
    medq::gui::configureSurfaceFormat();
    QApplication app(argc, argv);
    if (argc < 3) return 2;
    medq::gui::MainWindow window;
    window.setAnnotator(QStringLiteral("dr.kill"), QStringLiteral("annotator"));
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openWorkspace(QString::fromLocal8Bit(argv[1]))) return 3;
    QPlainTextEdit* editor = window.annotationPanel()->descriptionEditor();
    editor->setFocus();
    QTest::keyClicks(editor, QString::fromLocal8Bit(argv[2]), Qt::NoModifier, 5);
    QTest::qWait(1000);  // the promise: every edit reaches SQLite within a second
    std::printf("TYPED\n");
    std::fflush(stdout);
    return app.exec();
}
