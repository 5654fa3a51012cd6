#include "GroupArguments.h"

#include "learn/ThreadCount.h"

#include <QTextStream>
#include <cmath>

namespace medq::cli {
namespace {
std::optional<double> positiveSeconds(const QCommandLineParser& p, const QString& name) {
    bool ok = false;
    const double s = p.value(name).toDouble(&ok);
    if (!ok || !(s > 0) || s > 1e6) return std::nullopt;
    return s;
}

}  // namespace

void addGroupOptions(QCommandLineParser& p, bool worker, const QString& defaultWorldSize, bool addThreads) {
    p.addOption({QStringLiteral("master"),
                 worker ? QStringLiteral("Where rank 0 listens, HOST:PORT.")
                        : QStringLiteral("HOST:PORT the workers reach this machine at; port 0 lets the system pick one "
                                         "(printed). Not needed for --world-size 1."),
                 QStringLiteral("HOST:PORT")});
    p.addOption({QStringLiteral("world-size"), QStringLiteral("Processes in the group, rank 0 included."), QStringLiteral("N"),
                 defaultWorldSize});
    p.addOption({QStringLiteral("interface"),
                 QStringLiteral("Network interface for the group's traffic, e.g. eth0 (default: the one that reaches "
                                "the master)."),
                 QStringLiteral("IF")});
    if (addThreads)
        p.addOption({QStringLiteral("threads"),
                     QStringLiteral("Threads for computing and for Gloo's network work (default: all cores when the "
                                    "machine is idle, else 1)."),
                     QStringLiteral("T")});
    p.addOption({QStringLiteral("timeout"),
                 QStringLiteral("Seconds a collective or store operation may wait for the other ranks (default 60)."),
                 QStringLiteral("S"), QStringLiteral("60")});
    p.addOption({QStringLiteral("join-timeout"),
                 QStringLiteral("Seconds to wait for every rank to join%1 (default 300).")
                     .arg(worker ? QStringLiteral(", and between tasks for rank 0's next one") : QString()),
                 QStringLiteral("S"), QStringLiteral("300")});
}

// The group options from the command line, or what is wrong with them.
std::optional<QString> groupOptions(const QCommandLineParser& p, dist::GroupOptions& o) {
    bool ok = false;
    o.worldSize = p.value(QStringLiteral("world-size")).toInt(&ok);
    if (!ok || o.worldSize < 1) return QStringLiteral("--world-size takes a positive integer");
    o.master = p.value(QStringLiteral("master"));
    o.interfaceName = p.value(QStringLiteral("interface"));
    const auto timeout = positiveSeconds(p, QStringLiteral("timeout"));
    const auto joinTimeout = positiveSeconds(p, QStringLiteral("join-timeout"));
    if (!timeout || !joinTimeout) return QStringLiteral("--timeout and --join-timeout take a positive number of seconds");
    o.timeout = std::chrono::milliseconds(std::llround(*timeout * 1000));
    o.joinTimeout = std::chrono::milliseconds(std::llround(*joinTimeout * 1000));
    int threads = learn::suggestedThreadCount();
    if (p.isSet(QStringLiteral("threads"))) {
        threads = p.value(QStringLiteral("threads")).toInt(&ok);
        if (!ok || threads < 1) return QStringLiteral("--threads takes a positive integer");
    }
    o.threads = threads;
    return std::nullopt;
}

void announceListening(const QString& address, int worldSize) {
    QTextStream(stdout) << QStringLiteral("rank 0 listening on %1; start each worker with: medq worker --master %1 --rank R "
                                          "--world-size %2 (R from 1 to %3)")
                               .arg(address)
                               .arg(worldSize)
                               .arg(worldSize - 1)
                        << Qt::endl;
}

Status LeadGroup::end(bool runWentWell, std::chrono::milliseconds timeout, const QList<int>& excused) {
    auto number = channel->post({{QStringLiteral("task"), dist::kEndTask}});
    if (!number) return number.error();
    return runWentWell ? channel->collect(number.value(), timeout, excused) : Status{};
}

Result<LeadGroup> leadGroup(dist::GroupOptions options) {
    options.rank = 0;
    const int worldSize = options.worldSize;
    options.onListening = [worldSize](const QString& address) { announceListening(address, worldSize); };
    auto joined = dist::join(options);
    if (!joined) return joined.error();
    LeadGroup lead;
    lead.group = joined.take();
    QTextStream(stdout) << QStringLiteral("all %1 ranks joined").arg(worldSize) << Qt::endl;
    lead.channel = std::make_unique<dist::TaskChannel>(*lead.group);
    return lead;
}

}  // namespace medq::cli
