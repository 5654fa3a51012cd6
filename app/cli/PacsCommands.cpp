// `medq pacs listen`: images in from a PACS or a modality over DICOM.
#include "Commands.h"
#include "common/Log.h"
#include "pacs/DicomReceiver.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <atomic>
#include <csignal>

namespace medq::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void requestStop(int) { g_stop.store(true); }

int fail(const QString& message, int code = UserError) {
    QTextStream(stderr) << "medq pacs: " << message << Qt::endl;
    return code;
}

int listen(const QCommandLineParser& p) {
    const QStringList pos = p.positionalArguments().mid(1);
    if (pos.size() != 1) return fail(QStringLiteral("listen: expected one WORKSPACE"));
    if (!store::Workspace::exists(pos.front()))
        return fail(QStringLiteral("%1: no workspace here (run `medq init` first)").arg(pos.front()));
    pacs::ReceiverOptions options;
    options.workspaceDir = pos.front();
    options.aeTitle = p.value(QStringLiteral("aet"));
    bool ok = false;
    const int port = p.value(QStringLiteral("port")).toInt(&ok);
    if (!ok || port < 1 || port > 65535) return fail(QStringLiteral("--port takes 1 to 65535, not '%1'").arg(p.value(QStringLiteral("port"))));
    options.port = quint16(port);
    const auto destination = fromKey<ReceiveDestination>(p.value(QStringLiteral("to")));
    if (!destination) return fail(QStringLiteral("--to takes %1, not '%2'").arg(keyList<ReceiveDestination>(), p.value(QStringLiteral("to"))));
    options.destination = *destination;
    log::attachWorkspace(pos.front());
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    pacs::DicomReceiver receiver(options, [](const QString& line) { QTextStream(stdout) << line << Qt::endl; });
    const Status s = receiver.run(g_stop);
    const pacs::ReceiverCounts& c = receiver.counts();
    QTextStream(stdout) << QStringLiteral("stopped: %1 stored, %2 duplicates, %3 refused; %4 taken in, %5 failed")
                               .arg(c.stored).arg(c.duplicates).arg(c.refused).arg(c.takenIn).arg(c.failed)
                        << Qt::endl;
    if (!s) return fail(s.error().message());
    return Ok;
}

}  // namespace

int cmdPacs(const QStringList& args, const GlobalOptions&) {
    QCommandLineParser p;
    p.addHelpOption();
    p.setApplicationDescription(QStringLiteral(
        "DICOM networking with a PACS or a modality.\n"
        "  listen WORKSPACE [--aet MEDQ] [--port 11112] [--to import|pool]  receive images (C-STORE, C-ECHO)\n"
        "      until interrupted; each instance is recorded before it is acknowledged, then imported (de-identified)\n"
        "      or registered in the pool after its association; instances that are no images are refused"));
    p.addPositionalArgument(QStringLiteral("listen"), QStringLiteral("What to do."));
    p.addOption({QStringLiteral("aet"), QStringLiteral("This receiver's AE title (default MEDQ)."), QStringLiteral("AET"), QStringLiteral("MEDQ")});
    p.addOption({QStringLiteral("port"), QStringLiteral("TCP port to listen on (default 11112)."), QStringLiteral("PORT"), QStringLiteral("11112")});
    p.addOption({QStringLiteral("to"), QStringLiteral("import (default) or pool."), QStringLiteral("WHERE"), QStringLiteral("import")});
    if (!p.parse(QStringList{QStringLiteral("medq pacs")} + args)) return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    const QString sub = p.positionalArguments().value(0);
    if (sub == QLatin1String("listen")) return listen(p);
    return fail(QStringLiteral("expected listen (medq pacs --help)"));
}

}  // namespace medq::cli
