// `medq scan-text WORKSPACE`: the burned-in text scan over the images and pool files that
// have no finding yet (imported or registered before the scan existed), as a job with
// progress; Ctrl+C cancels and keeps what was scanned.
#include "Commands.h"
#include "ConsoleJobRunner.h"
#include "common/Log.h"
#include "ingest/PixelTextBackfillJob.h"
#include "jobs/WorkspaceJobLock.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace medq::cli {
namespace {

int fail(const QString& message, int code = UserError) {
    QTextStream(stderr) << "medq scan-text: " << message << Qt::endl;
    return code;
}

}  // namespace

int cmdScanText(const QStringList& args, const GlobalOptions& g) {
    QCommandLineParser p;
    p.addHelpOption();
    p.setApplicationDescription(QStringLiteral(
        "Scans the images and pool files that have no burned-in text finding yet (imported or registered before\n"
        "the scan existed) for text in their pixels, where their kind makes it likely (ultrasound, secondary\n"
        "captures, photographs); found text flags them as a PHI risk (docs/privacy.md). Run again after a cancel:\n"
        "it goes on where it stopped."));
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("The workspace."));
    if (!p.parse(QStringList{QStringLiteral("medq scan-text")} + args)) return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 1) return fail(QStringLiteral("expected one WORKSPACE"));
    if (!store::Workspace::exists(pos.front()))
        return fail(QStringLiteral("%1: no workspace here (run `medq init` first)").arg(pos.front()));
    log::attachWorkspace(pos.front());
    const auto outcome = runJobInConsole(std::make_unique<ingest::PixelTextBackfillJob>(pos.front()), g.quiet);
    if (outcome.status == jobs::JobOutcome::Status::Cancelled) return fail(outcome.message);
    if (!outcome.ok())
        return fail(outcome.message, jobs::WorkspaceJobLock::isBusyMessage(outcome.message) ||
                                             outcome.message.startsWith(QLatin1String("burned-in text cannot be scanned"))
                                         ? UserError
                                         : InternalError);
    QTextStream(stdout) << outcome.message << Qt::endl;
    return Ok;
}

}  // namespace medq::cli
