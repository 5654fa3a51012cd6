#include "Commands.h"

#include "ConsoleJobRunner.h"
#include "common/Log.h"
#include "ingest/ImportJob.h"
#include "ingest/DemoWorkspaceJob.h"
#include "loop/DemoLoopJob.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QTextStream>

namespace medq::cli {
namespace {

QTextStream& out() {
    static QTextStream s(stdout);
    return s;
}
QTextStream& err() {
    static QTextStream s(stderr);
    return s;
}

int userError(const QString& message) {
    err() << "medq: " << message << Qt::endl;
    return UserError;
}

// Parses `args` with `parser`; on --help prints and returns Ok, on bad usage returns UserError.
std::optional<int> parse(QCommandLineParser& parser, const QString& name, const QStringList& args) {
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("medq ") + name} + args)) return userError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText().replace(QStringLiteral("Usage: medq %1").arg(name),
                                           QStringLiteral("Usage: medq %1").arg(name));
        out().flush();
        return Ok;
    }
    return std::nullopt;
}

int runImport(const QString& dir, const ingest::ImportOptions& options, const GlobalOptions& g, bool printFailures) {
    auto outcome = runJobInConsole(std::make_unique<ingest::ImportJob>(dir, options), g.quiet);
    if (outcome.status == jobs::JobOutcome::Status::Cancelled) return userError(QStringLiteral("import cancelled, nothing was stored"));
    if (outcome.status == jobs::JobOutcome::Status::Failed) {
        err() << "medq: " << outcome.message << Qt::endl;
        return InternalError;
    }
    const QJsonObject imported = outcome.result.contains(QStringLiteral("imported")) && outcome.result.value(QStringLiteral("imported")).isObject()
                                     ? outcome.result.value(QStringLiteral("imported")).toObject() : outcome.result;
    const QJsonArray failures = imported.value(QStringLiteral("failures")).toArray();
    if (printFailures)
        for (const auto& f : failures)
            err() << "error: " << f[QStringLiteral("path")].toString() << ": " << f[QStringLiteral("reason")].toString() << Qt::endl;
    out() << outcome.message << Qt::endl;
    return failures.isEmpty() ? Ok : UserError;
}

}  // namespace

int cmdInit(const QStringList& args, const GlobalOptions&) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Create a new, empty workspace folder."));
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Folder to create the workspace in."));
    if (auto r = parse(p, QStringLiteral("init"), args)) return *r;
    if (p.positionalArguments().size() != 1) return userError(QStringLiteral("init: expected one WORKSPACE folder"));
    const QString dir = p.positionalArguments().front();
    auto ws = store::Workspace::create(dir);
    if (!ws) return userError(ws.error().message());
    log::attachWorkspace(ws.value()->dir().absolutePath());
    out() << "created workspace " << ws.value()->dir().absolutePath() << " (schema v" << ws.value()->schemaVersion()
          << ")" << Qt::endl;
    return Ok;
}

int cmdImport(const QStringList& args, const GlobalOptions& g) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Import DICOM (files, multi-frame, series folders), NIfTI and PNG/JPEG/TIFF images into a workspace.\n"
        "Duplicates (same content) are recognised and skipped. Nothing is stored if the import is cancelled."));
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder."));
    p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Files or folders to import."), QStringLiteral("PATH..."));
    p.addOption({{QStringLiteral("m"), QStringLiteral("modality")},
                 QStringLiteral("Force the modality: mri, ct, endoscopy, histopathology, fundus or other."),
                 QStringLiteral("M")});
    p.addOption({{QStringLiteral("r"), QStringLiteral("recursive")}, QStringLiteral("Descend into sub-folders.")});
    p.addOption({QStringLiteral("annotator"), QStringLiteral("Who imports (recorded in the audit log)."),
                 QStringLiteral("NAME"), QStringLiteral("system")});
    p.addOption({QStringLiteral("keep-identifiers"),
                 QStringLiteral("Store DICOM identifiers (names, IDs, dates, UIDs) as they are instead of de-identifying "
                                "them (docs/privacy.md). Recorded in the audit log.")});
    if (auto r = parse(p, QStringLiteral("import"), args)) return *r;
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 2) return userError(QStringLiteral("import: expected WORKSPACE and at least one PATH"));
    if (!store::Workspace::exists(pos.front()))
        return userError(QStringLiteral("%1: no workspace here (run `medq init` first)").arg(pos.front()));
    ingest::ImportOptions options;
    options.inputs = pos.mid(1);
    options.recursive = p.isSet(QStringLiteral("recursive"));
    options.actor = p.value(QStringLiteral("annotator"));
    options.deidentify = !p.isSet(QStringLiteral("keep-identifiers"));
    if (p.isSet(QStringLiteral("modality"))) {
        options.modality = modalityFromString(p.value(QStringLiteral("modality")));
        if (!options.modality) return userError(QStringLiteral("unknown modality '%1'").arg(p.value(QStringLiteral("modality"))));
    }
    log::attachWorkspace(pos.front());
    return runImport(pos.front(), options, g, true);
}

int cmdInfo(const QStringList& args, const GlobalOptions&) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Show what a workspace holds: images per modality and table sizes."));
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder."));
    if (auto r = parse(p, QStringLiteral("info"), args)) return *r;
    if (p.positionalArguments().size() != 1) return userError(QStringLiteral("info: expected one WORKSPACE folder"));
    auto opened = store::Workspace::open(p.positionalArguments().front());
    if (!opened) return userError(opened.error().message());
    store::Workspace& ws = *opened.value();
    out() << "workspace " << ws.dir().absolutePath() << " (schema v" << ws.schemaVersion() << ")\n";
    const auto perModality = ws.images().countByModality();
    out() << "images: " << ws.images().count() << "\n";
    for (Modality m : {Modality::MRI, Modality::CT, Modality::Endoscopy, Modality::Histopathology, Modality::Fundus,
                       Modality::Other})
        out() << QStringLiteral("  %1 %2\n").arg(modalityDisplayName(m), -20).arg(perModality.value(modalityKey(m)));
    const auto tasks = ws.tasks().countBySplitAndKind();
    if (!tasks.isEmpty()) {
        out() << "tasks:\n";
        for (auto it = tasks.begin(); it != tasks.end(); ++it)
            out() << QStringLiteral("  %1 %2\n").arg(it.key(), -20).arg(it.value());
    }
    out() << "tables:\n";
    const auto sizes = ws.tableSizes();
    for (auto it = sizes.begin(); it != sizes.end(); ++it)
        out() << QStringLiteral("  %1 %2\n").arg(it.key(), -20).arg(it.value());
    out().flush();
    return Ok;
}

int cmdDemo(const QStringList& args, const GlobalOptions& g) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Create (or refresh) the demo workspace: the real sample images Debian packages ship (pydicom, "
        "nibabel, scikit-image test data) queued for review, a small synthetic benchmark and pool, a small "
        "base model and one loop round whose routed queues wait for you; then show what it holds."));
    p.addOption({QStringLiteral("samples-only"), QStringLiteral("Only import and queue the sample images.")});
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Folder (default: the user's data folder)."),
                            QStringLiteral("[WORKSPACE]"));
    if (auto r = parse(p, QStringLiteral("demo"), args)) return *r;
    const QString dir = p.positionalArguments().value(0, ingest::DemoWorkspaceJob::defaultLocation());
    log::attachWorkspace(dir);
    std::unique_ptr<jobs::Job> job;
    if (p.isSet(QStringLiteral("samples-only"))) job = std::make_unique<ingest::DemoWorkspaceJob>(dir);
    else job = std::make_unique<loop::DemoLoopJob>(dir);
    const auto outcome = runJobInConsole(std::move(job), g.quiet);
    if (outcome.status == jobs::JobOutcome::Status::Cancelled) return userError(QStringLiteral("demo cancelled"));
    if (outcome.status == jobs::JobOutcome::Status::Failed) return userError(outcome.message);
    const QJsonObject imported = outcome.result.contains(QStringLiteral("imported")) && outcome.result.value(QStringLiteral("imported")).isObject()
                                     ? outcome.result.value(QStringLiteral("imported")).toObject() : outcome.result;
    const QJsonArray failures = imported.value(QStringLiteral("failures")).toArray();
    for (const auto& f : failures)
        err() << "error: " << f[QStringLiteral("path")].toString() << ": " << f[QStringLiteral("reason")].toString() << Qt::endl;
    out() << outcome.message << Qt::endl;
    const int code = cmdInfo({dir}, g);
    return failures.isEmpty() ? code : UserError;
}

}  // namespace medq::cli
