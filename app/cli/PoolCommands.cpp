// `medq pool add|status`: a site's own files as the loop's pool, registered by reference.
#include "Commands.h"
#include "ConsoleJobRunner.h"
#include "PoolEmbedCommand.h"
#include "common/Log.h"
#include "ingest/PoolAddJob.h"
#include "jobs/WorkspaceJobLock.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QTextStream>

namespace medq::cli {
namespace {

int fail(const QString& message, int code = UserError) {
    QTextStream(stderr) << "medq pool: " << message << Qt::endl;
    return code;
}

int add(const QCommandLineParser& p, const GlobalOptions& g) {
    const QStringList pos = p.positionalArguments().mid(1);
    if (pos.size() < 2) return fail(QStringLiteral("add: expected WORKSPACE and at least one PATH"));
    if (!store::Workspace::exists(pos.front()))
        return fail(QStringLiteral("%1: no workspace here (run `medq init` first)").arg(pos.front()));
    ingest::PoolAddOptions options;
    options.paths = pos.mid(1);
    options.recursive = p.isSet(QStringLiteral("recursive"));
    options.actor = p.value(QStringLiteral("as"));
    if (p.isSet(QStringLiteral("modality"))) {
        options.modality = modalityFromString(p.value(QStringLiteral("modality")));
        if (!options.modality || *options.modality == Modality::Other)
            return fail(QStringLiteral("unknown modality '%1' (mri, ct, endoscopy, histopathology or fundus)")
                            .arg(p.value(QStringLiteral("modality"))));
    }
    log::attachWorkspace(pos.front());
    const auto outcome = runJobInConsole(std::make_unique<ingest::PoolAddJob>(pos.front(), options), g.quiet);
    if (outcome.status == jobs::JobOutcome::Status::Cancelled)
        return fail(
            QStringLiteral("cancelled; the files registered so far are kept, run the same command to continue"));
    // Another heavy job holding the workspace is the user's to resolve (exit 1), as elsewhere.
    if (!outcome.ok())
        return fail(outcome.message,
                    jobs::WorkspaceJobLock::isBusyMessage(outcome.message) ? UserError : InternalError);
    QTextStream err(stderr);
    for (const auto& v : outcome.result.value(QStringLiteral("newProblems")).toArray())
        err << "skipped: " << v[QStringLiteral("path")].toString() << ": " << v[QStringLiteral("reason")].toString()
            << Qt::endl;
    const QJsonArray failures = outcome.result.value(QStringLiteral("failures")).toArray();
    for (const auto& v : failures) err << "error: " << v.toString() << Qt::endl;
    QTextStream(stdout) << outcome.message << Qt::endl;
    return failures.isEmpty() ? Ok : UserError;
}

int status(const QCommandLineParser& p) {
    const QStringList pos = p.positionalArguments().mid(1);
    if (pos.size() != 1) return fail(QStringLiteral("status: expected one WORKSPACE"));
    auto opened = store::Workspace::open(pos.front());
    if (!opened) return fail(opened.error().message());
    store::Workspace& ws = *opened.value();
    QTextStream out(stdout);
    const auto recipes = ws.pool().countByModality(PoolItemKind::Recipe);
    const auto files = ws.poolFiles().countByModality();
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
               .arg("modality", -16)
               .arg("recipes", 9)
               .arg("files", 9)
               .arg("vanished", 9)
               .arg("changed", 9)
               .arg("unreadable", 11);
    for (std::size_t m = 0; m < kClinicalModalities.size(); ++m) {
        const auto f = files.value(int(m));
        out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                   .arg(modalityKey(kClinicalModalities[m]), -16)
                   .arg(recipes.value(int(m)), 9)
                   .arg(f.value(PoolFileStatus::Registered), 9)
                   .arg(f.value(PoolFileStatus::Vanished), 9)
                   .arg(f.value(PoolFileStatus::Changed), 9)
                   .arg(f.value(PoolFileStatus::Unreadable), 11);
    }
    if (const auto scan = ws.poolFiles().lastScan())
        out << "last scan: " << scan->startedAt << " " << key(scan->status) << " ("
            << scan->counts.value(QStringLiteral("seen")).toInteger() << " files seen) of "
            << scan->roots.join(QStringLiteral(", ")) << "\n";
    const std::int64_t problems = ws.poolFiles().problemCount();
    const int limit = p.value(QStringLiteral("problems")).toInt();
    out << "not usable: " << problems << (problems == 1 ? " file\n" : " files\n");
    for (const auto& problem : ws.poolFiles().problems(limit))
        out << "  " << problem.path << ": " << problem.reason << "\n";
    if (problems > limit) out << "  ... " << (problems - limit) << " more (--problems N lists more)\n";
    return Ok;
}

}  // namespace

int cmdPool(const QStringList& args, const GlobalOptions& g) {
    if (args.value(0) == QLatin1String("embed")) return cmdPoolEmbed(args.mid(1), g);  // options of its own
    QCommandLineParser p;
    p.addHelpOption();
    p.setApplicationDescription(QStringLiteral(
        "A site's own images as the loop's pool, registered by reference (never copied).\n"
        "  add WORKSPACE PATH... [-r] [--modality M]  register DICOM, NIfTI, PNG/JPEG/TIFF files and folders;\n"
        "      rerunning adds new and changed files only and marks vanished ones; a killed run continues\n"
        "  status WORKSPACE [--problems N]  pool items per modality and kind, files not usable and why\n"
        "  embed WORKSPACE [--world-size N --master HOST:PORT]  embed the pool and update its index, on this\n"
        "      process or with N-1 `medq worker`s (medq pool embed --help)"));
    p.addPositionalArgument(QStringLiteral("add|status|embed"), QStringLiteral("What to do."));
    p.addOption({{QStringLiteral("r"), QStringLiteral("recursive")}, QStringLiteral("Descend into sub-folders.")});
    p.addOption({{QStringLiteral("m"), QStringLiteral("modality")},
                 QStringLiteral("The modality of every file added: mri, ct, endoscopy, histopathology or fundus "
                                "(default: the DICOM Modality tag or words in the path)."),
                 QStringLiteral("M")});
    p.addOption({QStringLiteral("as"), QStringLiteral("Who adds (recorded in the audit log)."), QStringLiteral("NAME"),
                 QStringLiteral("system")});
    p.addOption({QStringLiteral("problems"), QStringLiteral("Files not usable to list (default 20)."),
                 QStringLiteral("N"), QStringLiteral("20")});
    if (!p.parse(QStringList{QStringLiteral("medq pool")} + args)) return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    const QString sub = p.positionalArguments().value(0);
    if (sub == QLatin1String("add")) return add(p, g);
    if (sub == QLatin1String("status")) return status(p);
    return fail(QStringLiteral("expected add, status or embed (medq pool --help)"));
}

}  // namespace medq::cli
