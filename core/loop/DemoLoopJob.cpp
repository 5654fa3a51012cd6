#include "loop/DemoLoopJob.h"

#include "dataset/BenchmarkBuildJob.h"
#include "dataset/PoolBuildJob.h"
#include "ingest/DemoWorkspaceJob.h"
#include "jobs/WorkspaceJobLock.h"
#include "learn/CheckpointRegistry.h"
#include "learn/TrainModelJob.h"
#include "loop/DraftImagesJob.h"
#include "loop/RoundMetrics.h"
#include "loop/RoundRunner.h"
#include "store/Workspace.h"

namespace medq::loop {

EvaluationSummary DemoLoopJob::baseEvaluation() const {
    auto ws = store::Workspace::open(m_dir);
    if (!ws) return {};
    const auto first = ws.value()->rounds().byNumber(1);
    if (!first) return {};
    return RoundMetrics::fromJson(first->metrics).evaluation;
}

Status DemoLoopJob::draftSamples(const jobs::Progress& progress) const {
    auto ws = store::Workspace::open(m_dir);
    if (!ws) return ws.error();
    std::vector<store::Id> undrafted;
    const int total = ws.value()->images().count();
    for (int offset = 0; offset < total; offset += 500)
        for (const auto& image : ws.value()->images().list(offset, 500)) {
            if (image.source != QLatin1String("import")) continue;
            for (const auto& task : ws.value()->tasks().forImage(image.id))
                if (!ws.value()->outputs().latestForTask(task.id)) {
                    undrafted.push_back(image.id);
                    break;
                }
        }
    progress.report(0.0, QStringLiteral("Drafting the sample images"));
    auto drafted = draftWithCurrentModel(*ws.value(), undrafted, progress);
    if (!drafted) return drafted.error();
    return {};
}

jobs::JobOutcome DemoLoopJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    // 1. Real sample images, queued for review.
    ingest::DemoWorkspaceJob samples(m_dir);
    JobOutcome imported = samples.run(progress.sub(0.0, 0.15));
    if (!imported.ok()) return imported;
    // The rest (benchmark, pool, training, a round) as one heavy job: its parts take the same lock.
    auto lock = jobs::WorkspaceJobLock::forJob(m_dir, title(), false, progress);
    if (!lock) return {JobOutcome::Status::Failed, lock.error().message(), {}};

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
        // The tiny preset's 64 tokens cut most benchmark descriptions (median 41 words, up to
        // 65) before their end: the model then never learns to stop and drafts run to the limit.
        t.maxTextLength = 128;
        t.config.maxSteps = m_options.trainSteps;
        t.config.batchSize = 16;
        t.config.warmupSteps = 10;
        t.config.threads = 1;
        t.actor = QStringLiteral("demo");
        learn::TrainModelJob train(m_dir, t);
        if (JobOutcome o = train.run(progress.sub(0.37, 0.55)); !o.ok()) return o;
    }
    // The real samples in the review queue get the base model's draft, as round items do.
    if (Status drafted = draftSamples(progress.sub(0.55, 0.58)); !drafted)
        return {JobOutcome::Status::Failed, drafted.error().message(), {}};
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
        if (JobOutcome out = round.run(progress.sub(0.58, 1.0)); !out.ok()) return out;
    }
    progress.report(1.0, QStringLiteral("Demo workspace ready"));
    QString message =
        QStringLiteral("%1; benchmark, pool, base model and one round with routed queues").arg(imported.message);
    QJsonObject result{{"workspace", m_dir}, {"imported", imported.result}};
    if (const EvaluationSummary base = baseEvaluation(); base.present()) {
        // What the first screen's drafts are worth: the round scored the base model on the test split.
        message += QStringLiteral("\nbase model %1 on the test split: rubric %2 of 8, accuracy %3%, %4% of its "
                                  "descriptions no draft")
                       .arg(base.checkpoint())
                       .arg(base.rubric(), 0, 'f', 2)
                       .arg(100.0 * base.accuracy(), 0, 'f', 1)
                       .arg(100.0 * base.noDraftShare(), 0, 'f', 1);
        result.insert(QStringLiteral("baseModel"), QJsonObject{{"checkpoint", base.checkpoint()},
                                                               {"rubric", base.rubric()},
                                                               {"accuracy", base.accuracy()},
                                                               {"noDraftShare", base.noDraftShare()}});
    }
    return {JobOutcome::Status::Done, message, result};
}

}  // namespace medq::loop
