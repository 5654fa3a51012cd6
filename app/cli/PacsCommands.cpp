// `medq pacs`: images in from a PACS or a modality over DICOM (listen, find, get), and the
// quality results back out as DICOM SR and Key Object Selection (send).
#include "Commands.h"
#include "common/Log.h"
#include "export/DicomSrExport.h"
#include "pacs/AeTitle.h"
#include "pacs/DicomReceiver.h"
#include "pacs/DicomSender.h"
#include "pacs/PacsNodeList.h"
#include "pacs/QueryRetrieve.h"
#include "pacs/StudyRetrieval.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonObject>
#include <QTextStream>
#include <atomic>
#include <csignal>
#include <optional>

namespace medq::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void requestStop(int) { g_stop.store(true); }

int fail(const QString& message, int code = UserError) {
    QTextStream(stderr) << "medq pacs: " << message << Qt::endl;
    return code;
}

// The one WORKSPACE argument of `sub` and the --to destination, or what is wrong with them.
std::optional<QString> workspaceAndDestination(const QCommandLineParser& p, const char* sub, QString& dir,
                                               ReceiveDestination& destination) {
    const QStringList pos = p.positionalArguments().mid(1);
    if (pos.size() != 1) return QStringLiteral("%1: expected one WORKSPACE").arg(QLatin1String(sub));
    if (!store::Workspace::exists(pos.front())) return QStringLiteral("%1: no workspace here (run `medq init` first)").arg(pos.front());
    dir = pos.front();
    const auto to = fromKey<ReceiveDestination>(p.value(QStringLiteral("to")));
    if (!to) return QStringLiteral("--to takes %1, not '%2'").arg(keyList<ReceiveDestination>(), p.value(QStringLiteral("to")));
    destination = *to;
    return std::nullopt;
}

// --port, when it is 1 to 65535.
std::optional<quint16> portOption(const QCommandLineParser& p) {
    bool ok = false;
    const int port = p.value(QStringLiteral("port")).toInt(&ok);
    if (!ok || port < 1 || port > 65535) return std::nullopt;
    return quint16(port);
}

QString badPort(const QCommandLineParser& p) { return QStringLiteral("--port takes 1 to 65535, not '%1'").arg(p.value(QStringLiteral("port"))); }

int listen(const QCommandLineParser& p) {
    pacs::ReceiverOptions options;
    if (auto problem = workspaceAndDestination(p, "listen", options.workspaceDir, options.destination)) return fail(*problem);
    options.aeTitle = p.value(QStringLiteral("aet"));
    const auto port = portOption(p);
    if (!port) return fail(badPort(p));
    options.port = *port;
    log::attachWorkspace(options.workspaceDir);
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

// The remote node of --pacs (AET@HOST:PORT, or the name of a node of the workspace at
// `workspaceDir`) and our own AE title of --aet, or a message saying what is wrong.
std::optional<QString> nodeOptions(const QCommandLineParser& p, const QString& workspaceDir, pacs::NamedPacsNode& node,
                                   QString& callingAe) {
    if (!p.isSet(QStringLiteral("pacs"))) return QStringLiteral("--pacs AET@HOST:PORT or --pacs NAME is required");
    const QString given = p.value(QStringLiteral("pacs"));
    if (given.contains(QLatin1Char('@'))) {
        auto parsed = pacs::PacsNode::parse(given);
        if (!parsed) return parsed.error().message();
        node = pacs::NamedPacsNode{QString(), parsed.take()};
    } else {
        if (!store::Workspace::exists(workspaceDir))
            return QStringLiteral("%1: no workspace here, so no PACS node named '%2'").arg(workspaceDir, given);
        auto opened = store::Workspace::open(workspaceDir);
        if (!opened) return opened.error().message();
        auto named = pacs::PacsNodeList(*opened.value()).resolve(given);
        if (!named) return named.error().message();
        node = named.take();
    }
    auto title = pacs::checkedAeTitle(p.value(QStringLiteral("aet")));
    if (!title) return title.error().message();
    callingAe = title.take();
    return std::nullopt;
}

// `nodes WORKSPACE`: lists the named nodes; --add NAME AET@HOST:PORT [--move-to AET [--port N]]
// adds or replaces one, --remove NAME removes one.
int nodes(const QCommandLineParser& p) {
    const QStringList pos = p.positionalArguments().mid(1);
    if (pos.isEmpty()) return fail(QStringLiteral("nodes: expected WORKSPACE"));
    auto opened = store::Workspace::open(pos.front());
    if (!opened) return fail(opened.error().message());
    pacs::PacsNodeList list(*opened.value());
    QTextStream out(stdout);
    if (p.isSet(QStringLiteral("add"))) {
        if (pos.size() != 2) return fail(QStringLiteral("nodes --add NAME: expected WORKSPACE AET@HOST:PORT"));
        auto address = pacs::PacsNode::parse(pos[1]);
        if (!address) return fail(QStringLiteral("PACS node '%1': %2").arg(p.value(QStringLiteral("add")), address.error().message()));
        pacs::NamedPacsNode node{p.value(QStringLiteral("add")), address.take()};
        if (p.isSet(QStringLiteral("move-to"))) {
            const auto port = portOption(p);
            if (!port) return fail(badPort(p));
            node.retrieve = RetrieveMethod::Move;
            node.moveDestination = p.value(QStringLiteral("move-to"));
            node.movePort = *port;
        }
        if (Status s = list.put(node); !s) return fail(s.error().message());
        out << "PACS node " << node.name << ": " << node.description() << Qt::endl;
        return Ok;
    }
    if (pos.size() != 1) return fail(QStringLiteral("nodes: expected one WORKSPACE"));
    if (p.isSet(QStringLiteral("remove"))) {
        if (Status s = list.remove(p.value(QStringLiteral("remove"))); !s) return fail(s.error().message());
        out << "removed PACS node " << p.value(QStringLiteral("remove")) << Qt::endl;
        return Ok;
    }
    const auto all = list.nodes();
    const QString last = list.lastUsed();
    for (const auto& n : all) out << (n.name == last ? "* " : "  ") << n.name << "  " << n.description() << "\n";
    out << all.size() << (all.size() == 1 ? " node" : " nodes") << Qt::endl;
    return Ok;
}

int find(const QCommandLineParser& p) {
    pacs::NamedPacsNode named;
    QString callingAe;
    if (auto problem = nodeOptions(p, p.positionalArguments().value(1), named, callingAe)) return fail(*problem);
    const pacs::PacsNode& node = named.node;
    pacs::StudyQuery query;
    query.modality = p.value(QStringLiteral("modality")).toUpper();
    query.studyDate = p.value(QStringLiteral("study-date"));
    auto studies = pacs::QueryRetrieve(callingAe, node).findStudies(query);
    if (!studies) return fail(studies.error().message());
    QTextStream out(stdout);
    out << QStringLiteral("%1  %2 %3 %4  %5\n").arg("study instance UID", -64).arg("date", -8).arg("modalities", -10).arg("images", 6).arg("description");
    for (const auto& s : studies.value())
        out << QStringLiteral("%1  %2 %3 %4  %5\n").arg(s.studyUid, -64).arg(s.date, -8).arg(s.modalities, -10)
                   .arg(s.instances >= 0 ? QString::number(s.instances) : QStringLiteral("?"), 6).arg(s.description);
    out << studies.value().size() << (studies.value().size() == 1 ? " study" : " studies") << " on " << node.text() << Qt::endl;
    return Ok;
}

int get(const QCommandLineParser& p) {
    QString dir;
    ReceiveDestination destination;
    if (auto problem = workspaceAndDestination(p, "get", dir, destination)) return fail(*problem);
    pacs::NamedPacsNode named;
    QString callingAe;
    if (auto problem = nodeOptions(p, dir, named, callingAe)) return fail(*problem);
    const pacs::PacsNode& node = named.node;
    if (p.value(QStringLiteral("study")).isEmpty()) return fail(QStringLiteral("get: --study UID is required (medq pacs find lists them)"));
    log::attachWorkspace(dir);
    const QString study = p.value(QStringLiteral("study"));
    Result<pacs::RetrievalReport> report = pacs::RetrievalReport{};
    if (p.isSet(QStringLiteral("move"))) {
        const auto port = portOption(p);
        if (!port) return fail(badPort(p));
        report = pacs::moveStudy(dir, callingAe, node, study, destination, *port);
    } else if (named.retrieve == RetrieveMethod::Move) {
        // A node that retrieves by C-MOVE: to its destination AE title, on its port unless --port says otherwise.
        const auto port = p.isSet(QStringLiteral("port")) ? portOption(p) : std::optional<quint16>(named.movePort);
        if (!port) return fail(badPort(p));
        report = pacs::moveStudy(dir, named.moveDestination, node, study, destination, *port);
    } else {
        report = pacs::retrieveStudy(dir, callingAe, node, study, destination);
    }
    if (!report) return fail(report.error().message());
    QTextStream(stdout) << report.value().summary() << " (" << key(destination) << ")" << Qt::endl;
    return report.value().failed ? UserError : Ok;
}

// Exports the quality SRs and Key Object Selections into --dicom-sr DIR and sends them.
int send(const QCommandLineParser& p) {
    const QStringList pos = p.positionalArguments().mid(1);
    if (pos.size() != 1) return fail(QStringLiteral("send: expected one WORKSPACE"));
    pacs::NamedPacsNode named;
    QString callingAe;
    if (auto problem = nodeOptions(p, pos.front(), named, callingAe)) return fail(*problem);
    const pacs::PacsNode& node = named.node;
    const QString dir = p.value(QStringLiteral("dicom-sr"));
    if (dir.isEmpty()) return fail(QStringLiteral("send: --dicom-sr DIR is required (the documents are written there, then sent)"));
    auto opened = store::Workspace::open(pos.front());
    if (!opened) return fail(opened.error().message());
    store::Workspace& ws = *opened.value();
    log::attachWorkspace(ws.dir().absolutePath());
    auto report = exports::DicomSrExport::run(ws, dir);
    if (!report) return fail(report.error().message());
    QTextStream out(stdout);
    QStringList files;
    for (const auto& f : report.value().files) files << f.path;
    if (files.isEmpty()) {
        out << "nothing to send: no accepted quality assessment of a DICOM image (" << report.value().summary.skippedNotDicom
            << " assessed images are not DICOM)" << Qt::endl;
        return Ok;
    }
    auto sent = pacs::DicomSender(callingAe, node).send(files);
    if (!sent) return fail(sent.error().message());
    int stored = 0;
    for (const auto& f : sent.value()) {
        stored += f.stored;
        out << "sent " << f.path << " (SOP Instance UID " << f.sopInstanceUid << "): " << f.status << Qt::endl;
    }
    const int failed = int(sent.value().size()) - stored;
    out << stored << " of " << sent.value().size() << " documents stored on " << node.text() << Qt::endl;
    ws.audit().append(QStringLiteral("system"), QStringLiteral("pacs.send"), {}, std::nullopt,
                      QJsonObject{{"pacs", node.text()}, {"dir", QFileInfo(dir).absoluteFilePath()},
                                  {"stored", stored}, {"failed", failed}});
    return failed ? UserError : Ok;
}

}  // namespace

int cmdPacs(const QStringList& args, const GlobalOptions&) {
    QCommandLineParser p;
    p.addHelpOption();
    p.setApplicationDescription(QStringLiteral(
        "DICOM networking with a PACS or a modality.\n"
        "  listen WORKSPACE [--aet MEDQ] [--port 11112] [--to import|pool]  receive images (C-STORE, C-ECHO)\n"
        "      until interrupted; each instance is recorded before it is acknowledged, then imported (de-identified)\n"
        "      or registered in the pool after its association; instances that are no images are refused\n"
        "  find WORKSPACE --pacs AET@HOST:PORT|NAME [--modality CT] [--study-date 20240101-20240131]  list studies (C-FIND)\n"
        "  get WORKSPACE --pacs AET@HOST:PORT|NAME --study UID [--to import|pool] [--move [--port 11112]]  retrieve a\n"
        "      study (C-GET, or C-MOVE to a receiver this command runs: with --move, or for a node added with --move-to)\n"
        "      and take it in\n"
        "  send WORKSPACE --pacs AET@HOST:PORT|NAME --dicom-sr DIR  export the quality SRs and \"Quality Issue\" Key\n"
        "      Object Selections into DIR (as medq export --dicom-sr does) and store them on the PACS (C-STORE)\n"
        "  nodes WORKSPACE  list the workspace's named PACS nodes (* marks the one used last)\n"
        "  nodes WORKSPACE --add NAME AET@HOST:PORT [--move-to AET [--port 11112]]  add or replace a node (retrieved\n"
        "      by C-GET, or by C-MOVE to AET listening on --port); nodes WORKSPACE --remove NAME  remove one"));
    p.addPositionalArgument(QStringLiteral("listen|find|get|send|nodes"), QStringLiteral("What to do."));
    p.addOption({QStringLiteral("pacs"), QStringLiteral("The PACS: its AE title, host and port, or the name of a node (medq pacs nodes)."),
                 QStringLiteral("AET@HOST:PORT|NAME")});
    p.addOption({QStringLiteral("add"), QStringLiteral("nodes: add or replace the node of this name."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("remove"), QStringLiteral("nodes: remove the node of this name."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("move-to"), QStringLiteral("nodes --add: retrieve by C-MOVE to this AE title of ours."), QStringLiteral("AET")});
    p.addOption({QStringLiteral("modality"), QStringLiteral("find: studies with this modality (CT, MR, ...)."), QStringLiteral("M")});
    p.addOption({QStringLiteral("study-date"), QStringLiteral("find: a DICOM date or range (YYYYMMDD-YYYYMMDD)."), QStringLiteral("RANGE")});
    p.addOption({QStringLiteral("study"), QStringLiteral("get: the Study Instance UID."), QStringLiteral("UID")});
    p.addOption({QStringLiteral("move"), QStringLiteral("get: by C-MOVE to this AE title (--aet) listening on --port, for a PACS "
                                                         "without C-GET; the PACS must know the AE title, host and port.")});
    p.addOption({QStringLiteral("dicom-sr"), QStringLiteral("send: the folder the documents are exported to and sent from."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("aet"), QStringLiteral("Our AE title (default MEDQ)."), QStringLiteral("AET"), QStringLiteral("MEDQ")});
    p.addOption({QStringLiteral("port"), QStringLiteral("TCP port to listen on (listen, get --move; default 11112)."), QStringLiteral("PORT"), QStringLiteral("11112")});
    p.addOption({QStringLiteral("to"), QStringLiteral("import (default) or pool."), QStringLiteral("WHERE"), QStringLiteral("import")});
    if (!p.parse(QStringList{QStringLiteral("medq pacs")} + args)) return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    const QString sub = p.positionalArguments().value(0);
    if (sub == QLatin1String("listen")) return listen(p);
    if (sub == QLatin1String("find")) return find(p);
    if (sub == QLatin1String("get")) return get(p);
    if (sub == QLatin1String("send")) return send(p);
    if (sub == QLatin1String("nodes")) return nodes(p);
    return fail(QStringLiteral("expected listen, find, get, send or nodes (medq pacs --help)"));
}

}  // namespace medq::cli
