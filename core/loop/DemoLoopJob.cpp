#include "loop/DemoLoopJob.h"

#include "dataset/BenchmarkBuildJob.h"
#include "dataset/PoolBuildJob.h"
#include "ingest/DemoWorkspaceJob.h"
#include "learn/CheckpointRegistry.h"
#include "learn/TrainModelJob.h"
#include "loop/RoundRunner.h"
#include "store/Workspace.h"

namespace medq::loop {

jobs::JobOutcome DemoLoopJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    // 1. Real sample images, queued for review.
    ingest::DemoWorkspaceJob samples(m_dir);
    JobOutcome imported = samples.run(progress.sub(0.0, 0.15));
    if (!imported.ok()) return imported;

    auto ws = store::Workspace::open(m_dir);
    if (!ws) return {JobOutcome::Status::Failed, ws.error().message(), {}};
    const bool hasBenchmark = !ws.value()->tasks().inSplit(QStringLiteral("test")).empty();
    const bool hasPool = ws.value()->pool().count() > 0;
    const bool hasModel = !learn::CheckpointRegistry(*ws.value()).current().isEmpty();
    // A round that waits for the user's annotations counts: the demo leaves it that way.
    const bool hasRound = !ws.value()->rounds().all().empty();
    ws.value().reset();

    // 2. Benchmark and pool with exact ground truth.
    if (!hasBenchmark) {
        progress.report(0.15, QStringLiteral("Building a small benchmark"));
        dataset::BenchmarkOptions b;
        b.perModality = m_options.perModality;
        b.actor = QStringLiteral("demo");
        dataset::BenchmarkBuildJob bench(m_dir, b);
        if (JobOutcome o = bench.run(progress.sub(0.15, 0.35)); !o.ok()) return o;
    }
    if (!hasPool) {
        dataset::PoolOptions p;
        p.size = m_options.poolSize;
        p.actor = QStringLiteral("demo");
        dataset::PoolBuildJob pool(m_dir, p);
        if (JobOutcome o = pool.run(progress.sub(0.35, 0.37)); !o.ok()) return o;
    }
    // 3. A small base model.
    if (!hasModel) {
        learn::TrainOptions t;
        t.preset = QStringLiteral("tiny");
        t.vocabSize = 500;
        t.config.maxSteps = m_options.trainSteps;
        t.config.batchSize = 16;
        t.config.warmupSteps = 10;
        t.config.threads = 1;
        t.actor = QStringLiteral("demo");
        learn::TrainModelJob train(m_dir, t);
        if (JobOutcome o = train.run(progress.sub(0.37, 0.55)); !o.ok()) return o;
    }
    // 4. One engine round: prototypes, retrieval, routed queues with drafts.
    if (!hasRound) {
        RoundOptions o;
        o.budget = m_options.budget;
        o.poolEmbedLimit = m_options.poolSize / 2;
        o.evalLimit = 60;
        o.calibrationLimit = 40;
        o.validationLimit = 40;
        o.fineTuneSteps = 100;
        o.learningRate = 2e-3;
        o.threads = 1;
        o.annotator = AnnotatorKind::Human;  // the queues wait for the user
        o.actor = QStringLiteral("system");
        LoopRoundJob round(m_dir, o);
        if (JobOutcome out = round.run(progress.sub(0.55, 1.0)); !out.ok()) return out;
    }
    progress.report(1.0, QStringLiteral("Demo workspace ready"));
    return {JobOutcome::Status::Done,
            QStringLiteral("%1; benchmark, pool, base model and one round with routed queues").arg(imported.message),
            QJsonObject{{"workspace", m_dir}, {"imported", imported.result}}};
}

}  // namespace medq::loop
