#include "PoolEmbedCommand.h"

#include "GroupArguments.h"
#include "common/Log.h"
#include "dist/Group.h"
#include "dist/TaskChannel.h"
#include "jobs/WorkspaceJobLock.h"
#include "learn/CheckpointRegistry.h"
#include "loop/DistributedEmbedding.h"
#include "loop/PoolEmbedder.h"
#include "model/ComputeDevice.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QThreadPool>
#include <atomic>
#include <cmath>

namespace medq::cli {
namespace {

int fail(const QString& message, int code = UserError) {
    QTextStream(stderr) << "medq pool embed: " << message << Qt::endl;
    return code;
}

void say(const QString& line) { QTextStream(stdout) << line << Qt::endl; }

// The setting a round's step 3 reads its embedder from (loop/internal/RoundSteps.h).
const QString kEmbedderSetting = QStringLiteral("loop.embedder");

}  // namespace

int cmdPoolEmbed(const QStringList& args, const GlobalOptions& g) {
    QCommandLineParser p;
    p.addHelpOption();
    p.setApplicationDescription(QStringLiteral(
        "Embeds the pool items not yet embedded with the loop's embedder checkpoint and brings the pool index up\n"
        "to date (a round's step 3 on its own). With --world-size N it is rank 0 of a group: N-1 `medq worker`s\n"
        "(here or on other machines, seeing the workspace at the same path) take chunks of items from a shared\n"
        "queue; a worker that stops has its chunks embedded again after --lease seconds. The embedding file is\n"
        "the same, byte for byte, as one process makes (docs/scale-out.md)."));
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder."));
    addGroupOptions(p, false, QStringLiteral("1"));
    p.addOption({QStringLiteral("checkpoint"),
                 QStringLiteral("Embedder checkpoint (default: the loop's embedder, else the current checkpoint)."),
                 QStringLiteral("C")});
    p.addOption({QStringLiteral("chunk"), QStringLiteral("Pool items per chunk handed out, a multiple of 64 (default 512)."),
                 QStringLiteral("K"), QStringLiteral("512")});
    p.addOption({QStringLiteral("lease"),
                 QStringLiteral("Seconds after which a chunk claimed but not delivered is handed out again (default 120)."),
                 QStringLiteral("S"), QStringLiteral("120")});
    if (!p.parse(QStringList{QStringLiteral("medq pool embed")} + args)) return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    if (p.positionalArguments().size() != 1) return fail(QStringLiteral("expected one WORKSPACE"));
    const QString dir = p.positionalArguments().front();
    if (!store::Workspace::exists(dir)) return fail(QStringLiteral("%1: no workspace here (run `medq init` first)").arg(dir));
    dist::GroupOptions options;
    if (auto problem = groupOptions(p, options)) return fail(*problem);
    if (options.worldSize > 1 && options.master.isEmpty())
        return fail(QStringLiteral("--master HOST:PORT is needed for a group of more than one process"));
    loop::DistributedEmbeddingOptions distribution;
    bool ok = false;
    distribution.chunkItems = p.value(QStringLiteral("chunk")).toInt(&ok);
    if (!ok || distribution.chunkItems < 1) return fail(QStringLiteral("--chunk takes a positive integer"));
    const double lease = p.value(QStringLiteral("lease")).toDouble(&ok);
    if (!ok || !(lease > 0)) return fail(QStringLiteral("--lease takes a positive number of seconds"));
    distribution.lease = std::chrono::milliseconds(std::llround(lease * 1000));
    options.rank = 0;
    model::setComputeThreads(options.threads);
    // Reading and rendering pool items runs on Qt's pool: --threads bounds it too.
    QThreadPool::globalInstance()->setMaxThreadCount(options.threads);
    log::attachWorkspace(dir);

    auto opened = store::Workspace::open(dir);
    if (!opened) return fail(opened.error().message());
    store::Workspace& ws = *opened.value();
    auto lock = jobs::WorkspaceJobLock::tryAcquire(dir, QStringLiteral("medq pool embed"));
    if (!lock) return fail(lock.error().message());
    if (ws.pool().usableCount() == 0)
        return fail(QStringLiteral("the pool is empty (add your images with `medq pool add`, or synthetic ones with `medq synth pool`)"));
    learn::CheckpointRegistry registry(ws);
    const QString tag = p.isSet(QStringLiteral("checkpoint")) ? p.value(QStringLiteral("checkpoint"))
                                                               : ws.settings().getOrInsert(kEmbedderSetting, registry.current());
    if (tag.isEmpty()) return fail(QStringLiteral("no checkpoint to embed with yet (medq model train)"));
    const QString checkpointDir = registry.resolve(tag);
    auto embedder = model::QualityModel::load(checkpointDir);
    if (!embedder) return fail(embedder.error().message());
    embedder.value().setInferenceBatchSize(loop::kPoolInferenceRows);

    std::atomic<bool> never{false};
    QElapsedTimer shown;
    shown.start();
    const bool quiet = g.quiet;
    const jobs::Progress progress(&never, [&shown, quiet](double, const QString& phrase) {
        if (quiet || shown.elapsed() < 1000) return;
        shown.restart();
        QTextStream(stderr) << phrase << Qt::endl;
    });

    Result<QJsonObject> info = Error{QString(), QString()};
    std::optional<LeadGroup> lead;
    if (options.worldSize == 1) {
        info = loop::PoolEmbedder(ws, embedder.value(), tag).update(0, progress);
    } else {
        auto joined = leadGroup(options);
        if (!joined) return fail(joined.error().message());
        lead = joined.take();
        info = loop::embedPoolDistributed(ws, embedder.value(), checkpointDir, tag, *lead->group, *lead->channel, distribution,
                                          progress);
        if (info) {
            // Ranks that stopped delivering (their chunks embedded by others) are not waited for.
            QList<int> excused;
            for (const auto& r : info.value().value("lostRanks").toArray()) excused << r.toInt();
            if (Status ended = lead->end(true, options.timeout, excused); !ended) return fail(ended.error().message());
        }
    }
    if (!info) return fail(info.error().message());
    const QJsonObject& r = info.value();
    const double seconds = r.value("embedSeconds").toDouble();
    const qint64 added = r.value("newlyEmbedded").toInteger();
    say(QStringLiteral("embedded %1 new pool items in %2 s (%3 images/s) on %4 process%5; %6 in the file; index %7")
            .arg(added)
            .arg(seconds, 0, 'f', 2)
            .arg(added / std::max(1e-3, seconds), 0, 'f', 1)
            .arg(options.worldSize)
            .arg(options.worldSize == 1 ? QString() : QStringLiteral("es"))
            .arg(r.value("embedded").toInteger())
            .arg(QString::fromUtf8(QJsonDocument(r.value("index").toObject()).toJson(QJsonDocument::Compact))));
    if (r.contains(QLatin1String("chunksByRank"))) {
        QStringList parts;
        const QJsonObject byRank = r.value("chunksByRank").toObject();
        for (auto it = byRank.begin(); it != byRank.end(); ++it) parts << QStringLiteral("rank %1: %2").arg(it.key()).arg(it.value().toInt());
        say(QStringLiteral("chunks of %1 items: %2 (%3); %4 embedded again after their lease ran out")
                .arg(r.value("chunkItems").toInt())
                .arg(r.value("chunks").toInteger())
                .arg(parts.join(QStringLiteral(", ")))
                .arg(r.value("redoneChunks").toInt()));
        for (const auto& lost : r.value("lostRanks").toArray())
            say(QStringLiteral("rank %1 stopped delivering; its chunks were embedded by the others").arg(lost.toInt()));
    }
    if (const int left = r.value("filesLeftOut").toInt(); left > 0)
        say(QStringLiteral("%1 pool files left out (gone, changed or unreadable; see medq pool status)").arg(left));
    return Ok;
}

}  // namespace medq::cli
