// `medq`: the command-line front end of MedQ-Engine Workstation (wiring only).
#include "Commands.h"
#include "common/Log.h"
#include "store/SqliteConnection.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <cstring>
#include <memory>
#include <QTextStream>
#include <cstdio>
#include <exception>
#include <functional>
#include <map>

namespace {

const char* kUsage =
    "Usage: medq [--verbose|-v ...] [--quiet|-q] COMMAND [ARGS]\n"
    "\n"
    "MedQ-Engine Workstation command line: workspaces of medical images for quality assessment.\n"
    "\n"
    "Commands:\n"
    "  init WORKSPACE                     create an empty workspace\n"
    "  import WORKSPACE PATH... [-r] [-m M] import DICOM/NIfTI/PNG/JPEG/TIFF files and folders\n"
    "  info WORKSPACE                     images per modality and table sizes\n"
    "  demo [WORKSPACE]                   build the demo workspace from installed sample images\n"
    "  synth bench WORKSPACE [--per-modality N]  benchmark with exact ground truth (train/val/test)\n"
    "  synth pool WORKSPACE [--size N]    add N recipe items to the retrieval pool\n"
    "  synth sheet OUT.png [--modality M] contact sheet of every attribute at three severities\n"
    "  synth bases [--sheet OUT.png]      the real clean bases: sources, packages, splits, installed or not\n"
    "  pool add WORKSPACE PATH... [-r] [-m M]  register your own images as pool items (not copied)\n"
    "  pool embed WORKSPACE [--world-size N --master HOST:PORT]  embed the pool and update its index\n"
    "  pool status WORKSPACE              pool items per modality and kind, files not usable and why\n"
    "  reference add WORKSPACE --from-annotations --split test|val  expert labels as a reference set\n"
    "  assess WORKSPACE|--checkpoint C PATH... [-r] [--jsonl F] [--fail-at usable|reject]  quality of any images\n"
    "  pacs listen WORKSPACE [--aet MEDQ] [--port 11112] [--to import|pool]  receive images over DICOM\n"
    "  pacs find|get WORKSPACE --pacs AET@HOST:PORT|NAME [--modality CT] [--study UID]  query and retrieve from a PACS\n"
    "  pacs nodes WORKSPACE [--add NAME AET@HOST:PORT [--move-to AET]] [--remove NAME]  the workspace's named PACS nodes\n"
    "  scan-text WORKSPACE                burned-in text scan of images and pool files without a finding yet\n"
    "  export WORKSPACE --jsonl F --csv F training conversations (JSONL) and annotations (CSV)\n"
    "  audit verify WORKSPACE             check the audit log's hash chain (exit 1 names the first bad row)\n"
    "  model train WORKSPACE [--from-scratch|--from C]  train the quality model on the benchmark\n"
    "  model eval WORKSPACE [--checkpoint C] evaluate next to the simulated expert\n"
    "  model list WORKSPACE               checkpoints; * marks the current one\n"
    "  loop run WORKSPACE [--rounds R] [--budget B] [--strategy S]  closed-loop rounds (resumable)\n"
    "  loop status WORKSPACE              rounds, scores, annotations, checkpoints\n"
    "  loop report WORKSPACE --out F.html per-round metrics, prototypes, cost and curves\n"
    "  worker --master HOST:PORT --rank R --world-size N [--interface IF]  join a group that rank 0 leads\n"
    "  dist selftest --world-size N --master HOST:PORT  rank 0: check the group's network, time all-reduces\n"
    "\n"
    "`medq COMMAND --help` describes a command. Exit codes: 0 ok, 1 user error, 2 internal error.\n";

}  // namespace

int main(int argc, char** argv) {
    // Drawing text (contact sheets) needs a QGuiApplication; everything else runs headless.
    bool needsGui = false;
    for (int i = 1; i < argc; ++i) needsGui |= std::strcmp(argv[i], "sheet") == 0 || std::strcmp(argv[i], "report") == 0 ||
                    std::strcmp(argv[i], "--sheet") == 0 || std::strcmp(argv[i], "--augmentations") == 0 ||
                    std::strcmp(argv[i], "--phantoms") == 0;
    if (needsGui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application =
        needsGui ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication& app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("medq"));
    QCoreApplication::setOrganizationName(QStringLiteral("MedQ"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MEDQ_VERSION));

    QStringList args = app.arguments().mid(1);
    medq::cli::GlobalOptions global;
    while (!args.isEmpty() && args.front().startsWith(QLatin1Char('-'))) {
        const QString a = args.takeFirst();
        if (a == QLatin1String("-v") || a == QLatin1String("--verbose")) ++global.verbosity;
        else if (a == QLatin1String("-vv")) global.verbosity += 2;
        else if (a == QLatin1String("-q") || a == QLatin1String("--quiet")) global.quiet = true;
        else if (a == QLatin1String("-h") || a == QLatin1String("--help")) { std::fputs(kUsage, stdout); return 0; }
        else if (a == QLatin1String("--version")) { std::printf("medq %s\n", MEDQ_VERSION); return 0; }
        else { std::fprintf(stderr, "medq: unknown option %s\n\n%s", qPrintable(a), kUsage); return 1; }
    }
    if (args.isEmpty()) {
        std::fputs(kUsage, stderr);
        return 1;
    }
    medq::log::initConsole(global.verbosity);

    using Command = std::function<int(const QStringList&, const medq::cli::GlobalOptions&)>;
    const std::map<QString, Command> commands = {
        {QStringLiteral("init"), medq::cli::cmdInit},
        {QStringLiteral("import"), medq::cli::cmdImport},
        {QStringLiteral("info"), medq::cli::cmdInfo},
        {QStringLiteral("demo"), medq::cli::cmdDemo},
        {QStringLiteral("synth"), medq::cli::cmdSynth},
        {QStringLiteral("export"), medq::cli::cmdExport},
        {QStringLiteral("audit"), medq::cli::cmdAudit},
        {QStringLiteral("model"), medq::cli::cmdModel},
        {QStringLiteral("loop"), medq::cli::cmdLoop},
        {QStringLiteral("pool"), medq::cli::cmdPool},
        {QStringLiteral("reference"), medq::cli::cmdReference},
        {QStringLiteral("assess"), medq::cli::cmdAssess},
        {QStringLiteral("pacs"), medq::cli::cmdPacs},
        {QStringLiteral("scan-text"), medq::cli::cmdScanText},
        {QStringLiteral("worker"), medq::cli::cmdWorker},
        {QStringLiteral("dist"), medq::cli::cmdDist},
    };
    const QString name = args.takeFirst();
    const auto it = commands.find(name);
    if (it == commands.end()) {
        std::fprintf(stderr, "medq: unknown command '%s'\n\n%s", qPrintable(name), kUsage);
        return 1;
    }
    try {
        return it->second(args, global);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "medq: internal error: %s\n", e.what());
        return 2;
    }
}
