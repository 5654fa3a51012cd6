// `medq reference add`: expert labels of the site's images as a reference set.
#include "Commands.h"
#include "common/Log.h"
#include "dataset/ReferenceSet.h"
#include "jobs/WorkspaceJobLock.h"
#include "store/Permissions.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace medq::cli {
namespace {

int fail(const QString& message) {
    QTextStream(stderr) << "medq reference: " << message << Qt::endl;
    return UserError;
}

}  // namespace

int cmdReference(const QStringList& args, const GlobalOptions&) {
    QCommandLineParser p;
    p.addHelpOption();
    p.setApplicationDescription(QStringLiteral(
        "Reference sets from expert labels: the accepted annotations of your own images become a split the loop\n"
        "measures the model on (reference-test, never trained on) or validates with (reference-val).\n"
        "  add WORKSPACE --from-annotations --split test|val [--as NAME]\n"
        "Perception questions are derived from the annotated attributes and overall quality with the taxonomy's\n"
        "templates; the accepted description is the reference. Images whose annotators disagree are left out."));
    p.addPositionalArgument(QStringLiteral("add"), QStringLiteral("What to do."));
    p.addOption(
        {QStringLiteral("from-annotations"), QStringLiteral("Build the set from the workspace's annotations.")});
    p.addOption({QStringLiteral("split"), QStringLiteral("test or val."), QStringLiteral("S")});
    p.addOption({QStringLiteral("as"), QStringLiteral("Who defines the set (a lead; recorded in the audit log)."),
                 QStringLiteral("NAME"), QStringLiteral("system")});
    if (!p.parse(QStringList{QStringLiteral("medq reference")} + args)) return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.value(0) != QLatin1String("add") || pos.size() != 2)
        return fail(QStringLiteral("expected: add WORKSPACE --from-annotations --split test|val"));
    if (!p.isSet(QStringLiteral("from-annotations")))
        return fail(QStringLiteral("add: --from-annotations is the only source so far"));
    if (!p.isSet(QStringLiteral("split"))) return fail(QStringLiteral("add: --split test or --split val"));
    auto opened = store::Workspace::open(pos[1]);
    if (!opened) return fail(opened.error().message());
    store::Workspace& ws = *opened.value();
    const QString actor = p.value(QStringLiteral("as"));
    if (Status s = store::Permissions::requireFor(ws.annotations(), actor, store::Action::DefineReference);
        !s && actor != QLatin1String("system"))
        return fail(s.error().message());
    log::attachWorkspace(pos[1]);
    static const std::atomic<bool> never{false};
    const auto lock = jobs::WorkspaceJobLock::forJob(pos[1], QStringLiteral("Reference set from annotations"), false,
                                                     jobs::Progress(&never, {}));
    if (!lock) return fail(lock.error().message());
    const auto report = dataset::ReferenceSet::fromAnnotations(ws, p.value(QStringLiteral("split")), actor);
    if (!report) return fail(report.error().message());
    QTextStream(stdout) << report.value().summary(dataset::referenceSplit(p.value(QStringLiteral("split"))))
                        << Qt::endl;
    return Ok;
}

}  // namespace medq::cli
