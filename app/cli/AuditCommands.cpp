// `medq audit verify`: checks the audit log's hash chain (core/store AuditChain).
#include "Commands.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace medq::cli {

int cmdAudit(const QStringList& args, const GlobalOptions&) {
    QTextStream out(stdout), err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "verify WORKSPACE: walk the audit log's SHA-256 hash chain and report the first row that was edited,\n"
        "deleted, inserted or appended outside the workstation. Exit code 0 intact, 1 broken.\n"
        "The printed head hash, kept outside the workspace, lets --expect-head detect a rewritten chain."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("verify"), QStringLiteral("The only subcommand."));
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder."));
    p.addOption({QStringLiteral("expect-head"), QStringLiteral("Head hash recorded earlier; a different head fails."),
                 QStringLiteral("HASH")});
    if (!p.parse(QStringList{QStringLiteral("medq audit")} + args)) {
        err << "medq: " << p.errorText() << Qt::endl;
        return UserError;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out << p.helpText();
        return Ok;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2 || pos[0] != QLatin1String("verify")) {
        err << "medq: audit: expected `audit verify WORKSPACE`" << Qt::endl;
        return UserError;
    }
    auto opened = store::Workspace::open(pos[1]);
    if (!opened) {
        err << "medq: " << opened.error().message() << Qt::endl;
        return UserError;
    }
    const store::AuditVerification v = opened.value()->audit().verify();
    if (!v.intact) {
        err << "medq: audit log of " << pos[1] << " is broken at row " << *v.brokenRow << ": " << v.reason
            << " (" << v.rowsChecked << " rows before it are intact)" << Qt::endl;
        return UserError;
    }
    const QString expected = p.value(QStringLiteral("expect-head"));
    if (!expected.isEmpty() && expected.compare(v.headHash, Qt::CaseInsensitive) != 0) {
        err << "medq: audit log of " << pos[1] << " is internally consistent but its head " << v.headHash
            << " is not the expected " << expected << " (the chain was rewritten or rows were added)" << Qt::endl;
        return UserError;
    }
    out << "audit log intact: " << v.rowsChecked << " rows, head " << v.headHash << Qt::endl;
    return Ok;
}

}  // namespace medq::cli
