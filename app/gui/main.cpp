// `medq-workstation`: the desktop application (argument parsing and wiring only).
#include "common/Log.h"
#include "shell/MainWindow.h"
#include "shell/Theme.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

int main(int argc, char** argv) {
    // VTK needs its OpenGL format set before the application exists.
    medq::gui::configureSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("medq-workstation"));
    QApplication::setOrganizationName(QStringLiteral("MedQ"));
    QApplication::setApplicationVersion(QStringLiteral(MEDQ_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("MedQ-Engine Workstation"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Medical image quality annotation workstation."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder to open."),
                                 QStringLiteral("[WORKSPACE]"));
    parser.addOption({QStringLiteral("demo"), QStringLiteral("Open the demo workspace (built on first use).")});
    parser.addOption({QStringLiteral("annotator"), QStringLiteral("Who is working (skips the start dialog)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("role"), QStringLiteral("annotator or lead (default annotator)."),
                      QStringLiteral("ROLE"), QStringLiteral("annotator")});
    parser.addOption({QStringLiteral("verbose"), QStringLiteral("More console logging.")});
    parser.process(app);
    medq::log::initConsole(parser.isSet(QStringLiteral("verbose")) ? 2 : 0);
    const QString role = parser.value(QStringLiteral("role"));
    if (role != QLatin1String("annotator") && role != QLatin1String("lead")) {
        std::fprintf(stderr, "medq-workstation: --role must be annotator or lead\n");
        return 1;
    }

    medq::gui::applyTheme(app, medq::gui::themeFromName(QSettings().value(QStringLiteral("ui/theme")).toString()));
    medq::gui::MainWindow window;
    if (parser.isSet(QStringLiteral("annotator"))) window.setAnnotator(parser.value(QStringLiteral("annotator")), role);
    window.show();
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("demo")))
        window.openDemoWorkspace(positional.value(0));
    else if (!positional.isEmpty())
        window.openWorkspace(positional.front());
    return app.exec();
}
