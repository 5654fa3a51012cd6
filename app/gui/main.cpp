// `medq-workstation`: the desktop application (argument parsing and wiring only).
#include "common/Log.h"
#include "shell/MainWindow.h"
#include "shell/Theme.h"
#include "shell/UiLanguage.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>

namespace {
// --lang is read before the parser exists so that --help is already translated.
QString requestedLanguage(const QStringList& arguments) {
    for (int i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        if (a == QLatin1String("--lang") && i + 1 < arguments.size()) return arguments.at(i + 1);
        if (a.startsWith(QLatin1String("--lang="))) return a.mid(7);
    }
    return medq::gui::storedUiLanguage();
}
}  // namespace

int main(int argc, char** argv) {
    // VTK needs its OpenGL format set before the application exists.
    medq::gui::configureSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("medq-workstation"));
    QApplication::setOrganizationName(QStringLiteral("MedQ"));
    QApplication::setApplicationVersion(QStringLiteral(MEDQ_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("MedQ-Engine Workstation"));
    // The installed desktop entry and icon (resources/); a build-tree run simply has no icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("medq-workstation"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("medq-workstation")));

    const QString language = requestedLanguage(QApplication::arguments());
    if (medq::Status st = medq::gui::installUiTranslators(app, language); !st) {
        std::fprintf(stderr, "medq-workstation: --lang %s\n", qPrintable(st.error().message()));
        return 1;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Medical image quality annotation workstation."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"), QApplication::translate("main", "Workspace folder to open."),
                                 QStringLiteral("[WORKSPACE]"));
    parser.addOption({QStringLiteral("demo"), QApplication::translate("main", "Open the demo workspace (built on first use).")});
    parser.addOption({QStringLiteral("annotator"), QApplication::translate("main", "Who is working (skips the start dialog)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("role"), QApplication::translate("main", "annotator or lead (default annotator)."),
                      QStringLiteral("ROLE"), QStringLiteral("annotator")});
    parser.addOption({QStringLiteral("lang"),
                      QApplication::translate("main", "Interface language for this run: en, de or zh_CN "
                                                      "(default: Edit ▸ Preferences, else the system language)."),
                      QStringLiteral("LANG")});
    parser.addOption({QStringLiteral("verbose"), QApplication::translate("main", "More console logging.")});
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
