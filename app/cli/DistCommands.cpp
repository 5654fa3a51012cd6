// `medq worker` joins a group that rank 0 leads and does the tasks rank 0 posts until it
// ends the run; `medq dist selftest` is a rank 0 that checks the group's collectives and
// measures all-reduce latency and bandwidth (docs/scale-out.md).
#include "Commands.h"
#include "GroupArguments.h"
#include "dist/Group.h"
#include "dist/SelfTest.h"
#include "dist/TaskChannel.h"
#include "learn/DistributedTraining.h"
#include "learn/ThreadCount.h"
#include "loop/DistributedEmbedding.h"
#include "loop/RoundGroup.h"
#include "model/ComputeDevice.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTextStream>
#include <QThreadPool>
#include <cmath>
#include <optional>

namespace medq::cli {
namespace {

int fail(const char* command, const QString& message, int code = UserError) {
    QTextStream(stderr) << "medq " << command << ": " << message << Qt::endl;
    return code;
}

void say(const QString& line) { QTextStream(stdout) << line << Qt::endl; }

// A worker's part of the self-test: the same checks and timed all-reduces as rank 0's.
Status selfTestPart(dist::Group& group, const QJsonObject& task) {
    const auto settings = dist::SelfTestSettings::fromTask(task);
    if (!settings) return settings.error();
    const auto report = dist::runSelfTest(group, settings.value());
    if (!report) return report.error();
    say(QStringLiteral("%1: selftest passed").arg(group.who()));
    return {};
}

}  // namespace

int cmdWorker(const QStringList& args, const GlobalOptions&) {
    QCommandLineParser p;
    p.addHelpOption();
    p.setApplicationDescription(QStringLiteral(
        "Joins a group of processes that rank 0 leads (on this machine or another: `medq dist selftest`, or\n"
        "`medq pool embed`, `medq model train` or `medq loop run` with --world-size N, whose workspace and checkpoint it reads at\n"
        "the same paths as rank 0) and does the tasks rank 0 hands out until it ends the run; exit 0 then, 1 when the group fails (a rank\n"
        "that stops, a timeout), naming the rank and the operation. Every rank needs its own --rank from 1 to N-1\n"
        "and the same --world-size; rank 0's machine must accept connections on the master port, and every\n"
        "machine on the ports Gloo picks (docs/scale-out.md)."));
    addGroupOptions(p, true);
    p.addOption({QStringLiteral("rank"), QStringLiteral("This process's rank, 1 to N-1."), QStringLiteral("R")});
    if (!p.parse(QStringList{QStringLiteral("medq worker")} + args)) return fail("worker", p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    if (!p.positionalArguments().isEmpty()) return fail("worker", QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().front()));
    dist::GroupOptions options;
    if (auto problem = groupOptions(p, options)) return fail("worker", *problem);
    bool ok = false;
    options.rank = p.value(QStringLiteral("rank")).toInt(&ok);
    if (!ok || options.rank < 1) return fail("worker", QStringLiteral("--rank takes 1 to N-1 (rank 0 leads the run)"));
    if (options.master.isEmpty()) return fail("worker", QStringLiteral("--master HOST:PORT is needed"));
    model::setComputeThreads(options.threads);
    // Reading and rendering pool items runs on Qt's pool: --threads bounds it too.
    QThreadPool::globalInstance()->setMaxThreadCount(options.threads);

    auto group = dist::join(options);
    if (!group) return fail("worker", group.error().message());
    say(QStringLiteral("%1 joined the group at %2").arg(group.value()->who(), options.master));
    dist::TaskChannel channel(*group.value());
    // Training steps, a line at most every 30 s.
    static const std::atomic<bool> never{false};
    QElapsedTimer shown;
    shown.start();
    const QString who = group.value()->who();
    const jobs::Progress progress(&never, [&shown, who](double, const QString& phrase) {
        if (shown.elapsed() < 30000) return;
        shown.restart();
        say(QStringLiteral("%1: %2").arg(who, phrase));
    });
    const auto trainPart = [&progress](dist::Group& own, const QJsonObject& task) {
        const Status trained = learn::trainPart(own, task, progress);
        if (trained) say(QStringLiteral("%1: training done").arg(own.who()));
        return trained;
    };
    const auto roundFinetunePart = [&progress](dist::Group& own, const QJsonObject& task) {
        const Status trained = loop::roundFinetunePart(own, task, progress);
        if (trained) say(QStringLiteral("%1: round %2 fine-tuning done").arg(own.who()).arg(task.value("source").toObject().value("round").toInt()));
        return trained;
    };
    const Status served = channel.serve({{dist::kSelfTestTask, selfTestPart},
                                         {loop::kEmbedTask, loop::embedPoolPart},
                                         {learn::kTrainTask, trainPart},
                                         {loop::kRoundFinetuneTask, roundFinetunePart}},
                                        options.joinTimeout);
    if (!served) return fail("worker", served.error().message());
    say(QStringLiteral("%1: rank 0 ended the run").arg(group.value()->who()));
    return Ok;
}

int cmdDist(const QStringList& args, const GlobalOptions&) {
    QCommandLineParser p;
    p.addHelpOption();
    p.setApplicationDescription(QStringLiteral(
        "Groups of medq processes over several machines (docs/scale-out.md).\n"
        "  selftest --world-size N --master HOST:PORT  rank 0 of a group of N: waits for N-1 `medq worker`s,\n"
        "      checks that broadcast and all-reduce give exact values on every rank, and prints the latency\n"
        "      and bandwidth of all-reduces of each --sizes; then lets the workers go"));
    p.addPositionalArgument(QStringLiteral("selftest"), QStringLiteral("What to do."));
    addGroupOptions(p, false);
    p.addOption({QStringLiteral("sizes"), QStringLiteral("All-reduce sizes to time (default 1K,1M,16M)."), QStringLiteral("LIST"),
                 QStringLiteral("1K,1M,16M")});
    p.addOption({QStringLiteral("repeats"), QStringLiteral("Timed all-reduces per size (default 10)."), QStringLiteral("R"),
                 QStringLiteral("10")});
    if (!p.parse(QStringList{QStringLiteral("medq dist")} + args)) return fail("dist", p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    if (p.positionalArguments() != QStringList{QStringLiteral("selftest")})
        return fail("dist", QStringLiteral("expected selftest (medq dist --help)"));
    dist::GroupOptions options;
    if (auto problem = groupOptions(p, options)) return fail("dist", *problem);
    dist::SelfTestSettings settings;
    const auto sizes = dist::SelfTestSettings::parseSizes(p.value(QStringLiteral("sizes")));
    if (!sizes) return fail("dist", QStringLiteral("--sizes: %1").arg(sizes.error().message()));
    settings.sizes = sizes.value();
    bool ok = false;
    settings.repeats = p.value(QStringLiteral("repeats")).toInt(&ok);
    if (!ok || settings.repeats < 1) return fail("dist", QStringLiteral("--repeats takes a positive integer"));
    if (options.worldSize > 1 && options.master.isEmpty())
        return fail("dist", QStringLiteral("--master HOST:PORT is needed for a group of more than one process"));
    options.rank = 0;
    model::setComputeThreads(options.threads);
    const int worldSize = options.worldSize;
    options.onListening = [worldSize](const QString& address) {
        say(QStringLiteral("rank 0 listening on %1; start each worker with: medq worker --master %1 --rank R --world-size %2 "
                           "(R from 1 to %3)")
                .arg(address)
                .arg(worldSize)
                .arg(worldSize - 1));
    };

    auto group = dist::join(options);
    if (!group) return fail("dist", group.error().message());
    dist::Group& g = *group.value();
    say(QStringLiteral("all %1 ranks joined").arg(g.worldSize()));
    dist::TaskChannel channel(g);
    dist::SelfTestReport report;
    const Status tested = channel.lead(settings.toTask(), [&](dist::Group& own, const QJsonObject&) -> Status {
        auto r = dist::runSelfTest(own, settings);
        if (!r) return r.error();
        report = r.take();
        return {};
    }, options.timeout);
    if (!tested) return fail("dist", tested.error().message());
    say(QStringLiteral("selftest passed on %1 ranks: broadcast and all-reduce exact; all-reduce of float32 (the slowest "
                       "rank's figures):")
            .arg(g.worldSize()));
    say(report.table());
    const Status ended = channel.lead({{QStringLiteral("task"), dist::kEndTask}}, nullptr, options.timeout);
    if (!ended) return fail("dist", ended.error().message());
    return Ok;
}

}  // namespace medq::cli
