// The closed loop end to end on a small workspace (tiny model, small benchmark and pool):
// two rounds produce prototypes, routed queues with drafts, gated annotations and a
// fine-tuned checkpoint; a round cancelled mid-way resumes from its last completed step
// without duplicating anything; each strategy spends the same budget.
#include "dataset/BenchmarkBuildJob.h"
#include "dataset/PoolBuildJob.h"
#include "index/EmbeddingFile.h"
#include "learn/CheckpointRegistry.h"
#include "learn/TrainModelJob.h"
#include "loop/GoldPlacement.h"
#include "loop/LoopReport.h"
#include "loop/PoolEmbedder.h"
#include "loop/RoundMetrics.h"
#include "loop/RoundRunner.h"
#include "model/CheckpointManifest.h"
#include "model/QualityMeasures.h"
#include "model/QualityModel.h"
#include "store/LoopRepository.h"
#include "store/Workspace.h"

#include <QDir>
#include <QGuiApplication>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>

using namespace medq;

namespace {

jobs::JobOutcome run(jobs::Job& job, std::atomic<bool>* cancel = nullptr, std::function<void(const QString&)> onPhrase = {}) {
    static std::atomic<bool> never{false};
    return job.run(jobs::Progress(cancel ? cancel : &never, [&](double, const QString& phrase) {
        if (onPhrase) onPhrase(phrase);
    }));
}

// QVERIFY2 builds its message before the check: an error's message only when there is one.
template <typename T>
QString whyNot(const Result<T>& r) {
    return r.ok() ? QString() : r.error().message();
}

int count(store::Workspace& ws, const char* sql) {
    auto s = ws.db().prepare(sql);
    return s.step() ? int(s.columnInt(0)) : -1;
}

}  // namespace

class LoopTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_base;

    // A tiny model trained from scratch in seconds.
    static learn::TrainOptions tinyTraining(int steps) {
        learn::TrainOptions t;
        t.preset = "tiny";
        t.vocabSize = 400;
        t.config.maxSteps = steps;
        t.config.batchSize = 16;
        t.config.warmupSteps = 5;
        t.config.threads = 1;
        return t;
    }
    static loop::RoundOptions smallRound(RetrievalStrategy strategy) {
        loop::RoundOptions o;
        o.strategy = strategy;
        o.budget = 16;
        o.poolEmbedLimit = 160;
        o.validationLimit = 30;
        o.calibrationLimit = 30;
        o.fineTuneSteps = 200;
        o.learningRate = 3e-3;
        o.batchSize = 16;
        o.threads = 1;
        o.kMax = 6;
        o.doubleRate = 0.5;
        o.goldRate = 0.25;
        return o;
    }
    QString copyOfBase(const QString& name, QString from = {}) {
        if (from.isEmpty()) from = m_base;
        const QString dir = m_tmp.filePath(name);
        QDir().mkpath(dir + "/blobs");
        for (const QString& f : QDir(from).entryList(QDir::Files)) QFile::copy(from + "/" + f, dir + "/" + f);
        // Checkpoints and thumbnails are folders of files: copy them too.
        const std::function<void(const QString&, const QString&)> copyTree = [&](const QString& from, const QString& to) {
            QDir().mkpath(to);
            for (const QFileInfo& e : QDir(from).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
                if (e.isDir()) copyTree(e.filePath(), to + "/" + e.fileName());
                else QFile::copy(e.filePath(), to + "/" + e.fileName());
            }
        };
        copyTree(from + "/blobs", dir + "/blobs");
        return dir;
    }

private slots:
    void initTestCase() {
        m_base = m_tmp.filePath("base");
        QVERIFY(store::Workspace::create(m_base).ok());
        dataset::BenchmarkOptions b;
        b.perModality = 10;
        dataset::BenchmarkBuildJob bench(m_base, b);
        QVERIFY(run(bench).ok());
        dataset::PoolOptions p;
        p.size = 240;
        dataset::PoolBuildJob pool(m_base, p);
        QVERIFY(run(pool).ok());
        learn::TrainModelJob train(m_base, tinyTraining(40));
        const auto trained = run(train);
        QVERIFY2(trained.ok(), qPrintable(trained.message));
    }

    void twoRoundsEndToEnd() {
        const QString dir = copyOfBase("engine");
        for (int round = 1; round <= 2; ++round) {
            loop::LoopRoundJob job(dir, smallRound(RetrievalStrategy::Engine));
            const auto outcome = run(job);
            QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        }
        auto ws = store::Workspace::open(dir).take();
        const auto rounds = ws->rounds().all();
        QCOMPARE(int(rounds.size()), 2);
        store::LoopRepository loop(ws->db());
        for (const auto& r : rounds) {
            QCOMPARE(r.status, RunStatus::Done);
            QCOMPARE(r.step, std::optional<RoundStep>(RoundStep::Assess));
            const QJsonObject m = r.metrics;
            for (const char* key : {"evaluation", "prototypes", "index", "retrieval", "routing", "annotation", "gate", "finetune", "assessment"})
                QVERIFY2(m.contains(QLatin1String(key)), key);
            // Prototypes with members, retrieval within the budget, every selection routed.
            const auto prototypes = ws->prototypes().forRound(r.id);
            QVERIFY(!prototypes.empty());
            for (const auto& p : prototypes) QCOMPARE(int(ws->prototypes().members(p.id).size()), p.size);
            const auto selections = loop.selections(r.id);
            QCOMPARE(int(selections.size()), 16);
            for (const auto& s : selections) {
                QVERIFY(s.imageId.has_value());
                QVERIFY(s.route.has_value());
                QVERIFY(s.uncertainty.has_value());
            }
            // Drafts exist for the routed items; queues hold them with reasons.
            const auto queue = loop.roundQueueItems(r.id);
            QVERIFY(int(queue.size()) >= 16);
            for (const auto& q : queue) {
                QVERIFY(!q.reason.isEmpty());
                QVERIFY(ws->outputs().latestForTask(q.taskId).has_value());
            }
            // The gate ran its three checks and let labels through.
            const auto checks = loop.gateChecks(r.id);
            QSet<QString> kinds;
            for (const auto& c : checks) kinds.insert(key(c.kind));
            QVERIFY2(kinds.contains("gold") && kinds.contains("consistency") && kinds.contains("agreement"),
                     qPrintable(QStringList(kinds.begin(), kinds.end()).join(",")));
            QVERIFY(loop.acceptedCount(r.id) > 0);
            // Human time was charged per queue.
            QVERIFY(m.value("annotation").toObject().value("humanSeconds").toDouble() > 0);
        }
        // Nothing was selected twice across rounds.
        QCOMPARE(count(*ws, "SELECT COUNT(DISTINCT pool_item_id) FROM round_selections"), 32);
        // Each round's decision is the one CheckpointGate's rule gives on the figures the round
        // recorded: accepted exactly when validation improved and no modality dropped beyond
        // the tolerance and chance; the current checkpoint follows it.
        const loop::RoundOptions options = smallRound(RetrievalStrategy::Engine);
        int accepted = 0;
        for (const auto& r : rounds) {
            // Every step's machine seconds were recorded, fine-tuning among the longest.
            const auto seconds = loop::RoundMetrics::fromJson(r.metrics).stepSeconds;
            QCOMPARE(seconds.size(), allValues<RoundStep>().size());
            for (const auto& [step, s] : seconds) QVERIFY2(s >= 0 && s < 600, qPrintable(key(step)));
            QVERIFY(seconds.at(RoundStep::Finetune) > seconds.at(RoundStep::Prototypes));
            const auto ft = loop::RoundMetrics::fromJson(r.metrics).finetune;
            QVERIFY(ft.has_value());
            QVERIFY(ft->steps.has_value());
            bool dropped = false;
            for (const QJsonValue v : ft->modalityChanges) {
                const QJsonObject c = v.toObject();
                dropped = dropped ||
                          (c.value("drop").toDouble() > options.tolerance &&
                           c.value("p").toDouble() < options.regressionAlpha) ||
                          (c.value("descriptionDrop").toDouble() > options.tolerance &&
                           c.value("descriptionP").toDouble() < options.regressionAlpha);
            }
            const double before = ft->validationBefore.score(), after = ft->validationAfter.score();
            const CheckpointDecision expected = after > before && !dropped ? CheckpointDecision::Accepted
                                                                           : CheckpointDecision::RolledBack;
            QVERIFY2(ft->decision == expected, qPrintable(QString("round %1: %2 (%3 -> %4, a modality dropped: %5)")
                                                              .arg(r.number)
                                                              .arg(key(ft->decision))
                                                              .arg(before)
                                                              .arg(after)
                                                              .arg(dropped)));
            QVERIFY(!ft->reason.isEmpty());
            if (ft->decision == CheckpointDecision::Accepted) {
                ++accepted;
                QCOMPARE(r.checkpoint, ft->candidate);
            } else {
                QCOMPARE(r.checkpoint, ft->base);
            }
        }
        QVERIFY2(accepted >= 1, "no round improved the model");
        QVERIFY(ws->checkIntegrity().isEmpty());
        QVERIFY(ws->audit().verify().intact);
    }

    void cancelledRoundResumesWithoutDuplicates() {
        const QString dir = copyOfBase("resume");
        std::atomic<bool> cancel{false};
        {
            loop::LoopRoundJob job(dir, smallRound(RetrievalStrategy::Engine));
            // Cancel as soon as routing starts: evaluate .. retrieve are committed by then.
            QVERIFY_EXCEPTION_THROWN(run(job, &cancel, [&](const QString& phrase) {
                if (phrase.contains("route")) cancel = true;
            }), jobs::JobCancelled);
        }
        {
            auto ws = store::Workspace::open(dir).take();
            const auto r = ws->rounds().byNumber(1);
            QVERIFY(r.has_value());
            QCOMPARE(r->step, std::optional<RoundStep>(RoundStep::Retrieve));
            QCOMPARE(r->status, RunStatus::Cancelled);
            QCOMPARE(count(*ws, "SELECT COUNT(*) FROM queue_items"), 0);
            QCOMPARE(count(*ws, "SELECT COUNT(*) FROM round_selections"), 16);
        }
        cancel = false;
        loop::LoopRoundJob again(dir, smallRound(RetrievalStrategy::Random));  // the stored options win
        const auto outcome = run(again);
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(int(ws->rounds().all().size()), 1);
        QCOMPARE(ws->rounds().byNumber(1)->strategy, RetrievalStrategy::Engine);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM round_selections"), 16);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM prototypes"), int(ws->prototypes().forRound(ws->rounds().byNumber(1)->id).size()));
        // Each selected item queued once; the gate may send some back (a copy marked "returned").
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM queue_items WHERE is_gold=0 AND reason NOT LIKE 'returned%'"), 16);
        QVERIFY(count(*ws, "SELECT COUNT(*) FROM queue_items WHERE is_gold=0 AND reason LIKE 'returned%'") <= 16);
        QVERIFY(ws->checkIntegrity().isEmpty());
    }

    void baselinesSpendTheSameBudget() {
        for (const RetrievalStrategy strategy :
             {RetrievalStrategy::Random, RetrievalStrategy::Uncertainty, RetrievalStrategy::Coreset}) {
            const QString dir = copyOfBase(key(strategy));
            loop::RoundOptions o = smallRound(strategy);
            o.fineTuneSteps = 0;  // selection only
            loop::LoopRoundJob job(dir, o);
            const auto outcome = run(job);
            QVERIFY2(outcome.ok(), qPrintable(outcome.message));
            auto ws = store::Workspace::open(dir).take();
            QCOMPARE(count(*ws, "SELECT COUNT(*) FROM round_selections"), 16);
            QCOMPARE(count(*ws, "SELECT COUNT(*) FROM round_selections WHERE prototype_id IS NOT NULL"), 0);
            QCOMPARE(loop::RoundMetrics::fromJson(ws->rounds().byNumber(1)->metrics).finetune->decision,
                     CheckpointDecision::Skipped);
        }
    }

    // A sloppy annotator below the gold threshold: the gate sends every item of theirs back
    // to the expert; with the gate off every item is accepted as they labelled it.
    void theGateOffAcceptsWhatItWouldSendBack() {
        QTemporaryDir configDir;
        const QString config = configDir.filePath("sloppy.json");
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"missProbability": 0.9, "wrongSeverityProbability": 0.9, "falseFindingProbability": 0.9})");
        f.close();
        std::map<bool, loop::GateMetrics> gates;
        for (const bool gateOn : {true, false}) {
            const QString dir = copyOfBase(gateOn ? "gate-on" : "gate-off");
            loop::RoundOptions o = smallRound(RetrievalStrategy::Random);
            o.fineTuneSteps = 0;
            o.annotatorConfig = config;
            o.minGoldAccuracy = 0.99;
            o.qualityGate = gateOn;
            loop::LoopRoundJob job(dir, o);
            const auto outcome = run(job);
            QVERIFY2(outcome.ok(), qPrintable(outcome.message));
            auto ws = store::Workspace::open(dir).take();
            gates[gateOn] = *loop::RoundMetrics::fromJson(ws->rounds().byNumber(1)->metrics).gate;
            const int returned = count(*ws, "SELECT COUNT(*) FROM queue_items WHERE reason LIKE 'returned%'");
            QCOMPARE(returned, gates[gateOn].returned);
            // Gold items follow the round's human work (GoldPlacement).
            const auto routing = *loop::RoundMetrics::fromJson(ws->rounds().byNumber(1)->metrics).routing;
            const int reviewed = routing.counts.at(Queue::Verify) + routing.spotChecks;
            QCOMPARE(count(*ws, "SELECT COUNT(*) FROM queue_items WHERE is_gold=1 AND queue='expert'"),
                     loop::GoldPlacement::expertGold(routing.gold, reviewed, routing.counts.at(Queue::Expert)));
            QSet<QString> flaggedQueues;
            for (const QJsonValue v : gates[gateOn].flagged) flaggedQueues << v.toObject().value("queue").toString();
            for (const Queue q : {Queue::Verify, Queue::Expert})
                if (!flaggedQueues.contains(key(q)))
                    QCOMPARE(count(*ws, qPrintable(QStringLiteral("SELECT COUNT(*) FROM queue_items WHERE reason "
                                                                  "LIKE '%below the gold threshold in the %1 queue'")
                                                       .arg(key(q)))),
                             0);
            // The checks are recorded either way.
            QVERIFY(count(*ws, "SELECT COUNT(*) FROM gate_checks WHERE check_kind='gold'") > 0);
            if (!gateOn)  // every selected item's labels, as the annotator gave them
                QCOMPARE(count(*ws, "SELECT COUNT(DISTINCT t.image_id) FROM accepted_labels a JOIN tasks t ON t.id = a.task_id"), 16);
        }
        QVERIFY2(gates[true].returned > 0, "the sloppy annotator passed the gate: the test shows nothing");
        // Trust is per way of working: every flag names the gold's queue, and an item sent
        // back for its annotator was done the way that was flagged.
        for (const QJsonValue v : gates[true].flagged) QVERIFY(!v.toObject().value("queue").toString().isEmpty());
        QCOMPARE(gates[false].returned, 0);
        QCOMPARE(gates[false].dropped, 0);
        QVERIFY(!gates[false].flagged.isEmpty());  // flagged, but nothing follows from it
    }

    // With fineTuneFromBase a round's candidate starts from the checkpoint the first round
    // started from, whatever is current, on every accepted label so far; with fineTuneEpochs
    // its steps grow with that set. Without, it starts from the current checkpoint.
    void aRoundCanFineTuneFromTheBaseForLongerAsTheSetGrows() {
        for (const bool fromBase : {true, false}) {
            const QString dir = copyOfBase(fromBase ? "from-base" : "from-current");
            loop::RoundOptions o = smallRound(RetrievalStrategy::Random);
            o.fineTuneSteps = 20;
            o.fineTuneEpochs = 1;
            o.fineTuneFromBase = fromBase;
            QString first, other;
            {
                loop::LoopRoundJob job(dir, o);
                QVERIFY(run(job).ok());
                auto ws = store::Workspace::open(dir).take();
                const auto m = loop::RoundMetrics::fromJson(ws->rounds().byNumber(1)->metrics);
                first = m.checkpointBefore;
                other = m.finetune->candidate;
                // Whatever the gate decided, make the round-1 candidate current.
                learn::CheckpointRegistry(*ws).setCurrent(other, "test");
            }
            loop::LoopRoundJob job(dir, o);
            QVERIFY(run(job).ok());
            auto ws = store::Workspace::open(dir).take();
            const auto m = loop::RoundMetrics::fromJson(ws->rounds().byNumber(2)->metrics);
            const auto manifest = model::CheckpointManifest::read(learn::CheckpointRegistry(*ws).resolve(m.finetune->candidate));
            QVERIFY2(manifest, qPrintable(manifest ? QString() : manifest.error().message()));
            QCOMPARE(QFileInfo(manifest.value().info.parentCheckpoint).fileName(), fromBase ? first : other);
            QCOMPARE(m.finetune->base, other);  // measured against the current checkpoint either way
            QCOMPARE(m.finetune->trainedFrom, fromBase ? first : QString());
            // One pass over both rounds' labels plus replay: more than the floor of 20 steps.
            const int examples = m.finetune->newExamples + m.finetune->replayExamples;
            QCOMPARE(*m.finetune->steps, std::max(20, int(std::ceil(examples / 16.0))));
            QVERIFY(*m.finetune->steps > 20);
        }
    }

    // With earlierLabelsPerNew a round trains on all of its own labels and a sample of the
    // earlier rounds' ones, that many per label of its own; without, on every label so far.
    void aRoundCanTrainOnItsOwnLabelsAndASampleOfEarlierOnes() {
        for (const double perNew : {-1.0, 0.5}) {
            const QString dir = copyOfBase(perNew < 0 ? "every-label" : "half-earlier");
            loop::RoundOptions o = smallRound(RetrievalStrategy::Random);
            o.fineTuneSteps = 5;
            o.earlierLabelsPerNew = perNew;
            for (int round = 0; round < 2; ++round) {
                loop::LoopRoundJob job(dir, o);
                QVERIFY(run(job).ok());
            }
            auto ws = store::Workspace::open(dir).take();
            const auto second = ws->rounds().byNumber(2);
            const auto m = loop::RoundMetrics::fromJson(second->metrics);
            const QString labelsOf = "SELECT COUNT(*) FROM accepted_labels a JOIN annotations n ON n.id = a.annotation_id "
                                     "WHERE (trim(coalesce(n.answer, '')) <> '' OR trim(n.text) <> '') AND a.round_id ";
            const int own = count(*ws, qPrintable(labelsOf + "= " + QString::number(second->id)));
            const int earlier = count(*ws, qPrintable(labelsOf + "< " + QString::number(second->id)));
            QVERIFY(own > 0 && earlier > 0);
            const int expected = perNew < 0 ? own + earlier : own + std::min(earlier, int(std::lround(perNew * own)));
            QCOMPARE(m.finetune->newExamples, expected);
        }
    }

    // Held-out test images are scored before and after the round, apart from the evaluation
    // sample: the round drafts 8 + 4 distinct test images (of 14), and both summaries count 4.
    void heldOutImagesAreScoredApartFromTheEvaluationSample() {
        const QString dir = copyOfBase("held-out");
        loop::RoundOptions o = smallRound(RetrievalStrategy::Random);
        o.fineTuneSteps = 0;
        o.evalLimit = 8;
        o.heldOutLimit = 4;
        loop::LoopRoundJob job(dir, o);
        const auto outcome = run(job);
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        auto ws = store::Workspace::open(dir).take();
        const QJsonObject m = ws->rounds().byNumber(1)->metrics;
        for (const char* step : {"evaluation", "assessment"}) {
            const QJsonObject summary = m.value(QLatin1String(step)).toObject();
            QCOMPARE(summary.value("items").toInt(), 8);
            const QJsonObject heldOut = summary.value("heldOut").toObject();
            QCOMPARE(heldOut.value("items").toInt(), 4);
            QVERIFY(heldOut.value("score").toDouble() > 0);
            // Every answer counted once more by its image's source kind.
            const QJsonObject perception = summary.value("perception").toObject();
            const QJsonObject kinds = perception.value("bySourceKind").toObject();
            QVERIFY(!kinds.isEmpty());
            int total = 0;
            for (auto it = kinds.begin(); it != kinds.end(); ++it) {
                QVERIFY2(QStringList({"seen", "unseen", "phantom", "site"}).contains(it.key()), qPrintable(it.key()));
                total += it.value().toObject().value("total").toInt();
            }
            QCOMPARE(total, perception.value("total").toInt());
        }
        // The loop report tabulates the round's answers by source kind.
        const QString html = QDir(dir).filePath("report.html");
        QVERIFY(loop::writeLoopReport(*ws, html));
        QFile report(html);
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(report.readAll());
        QVERIFY(text.contains("Test perception by source kind"));
        const QJsonObject kinds = m.value("assessment").toObject().value("perception").toObject().value("bySourceKind").toObject();
        QVERIFY(text.contains("<th>" + kinds.keys().front() + "</th>"));
        QCOMPARE(count(*ws, "SELECT COUNT(DISTINCT t.image_id) FROM model_outputs o JOIN tasks t ON t.id = o.task_id "
                            "WHERE t.split = 'test'"), 12);
    }

    // A model with the measures as its only image input (the default recipe) embeds pool and
    // benchmark items by its measure token, each item's measures standardised against the
    // checkpoint's reference; the files say so in their tag, and drafting pool candidates
    // (uncertainty) reads the measures too.
    void aModelThatReadsOnlyMeasuresRetrievesByThem() {
        const QString dir = copyOfBase("measures");
        learn::TrainOptions t = tinyTraining(20);
        t.sourceMeasures = true;
        t.measureRoute = model::ModelConfig::MeasureRoute::Only;
        t.name = "measures-1";
        learn::TrainModelJob train(dir, t);
        const auto trained = run(train);
        QVERIFY2(trained.ok(), qPrintable(trained.message));
        const QString uncertaintyDir = copyOfBase("measures-uncertainty", dir);

        loop::RoundOptions o = smallRound(RetrievalStrategy::Engine);
        o.fineTuneSteps = 0;
        loop::LoopRoundJob job(dir, o);
        const auto outcome = run(job);
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM round_selections"), 16);

        auto loaded = model::QualityModel::load(learn::CheckpointRegistry(*ws).resolve("measures-1"));
        QVERIFY2(loaded.ok(), qPrintable(whyNot(loaded)));
        const model::QualityModel net = loaded.take();
        QVERIFY(net.embedsMeasures());
        QVERIFY(!net.measureReference().isEmpty());
        auto poolFile = index::EmbeddingFile::open(loop::PoolIndexPaths::of(*ws).embeddings);
        QVERIFY2(poolFile.ok(), qPrintable(whyNot(poolFile)));
        const index::EmbeddingFile pool = poolFile.take();
        QCOMPARE(pool.tag(), QStringLiteral("measures-1+measures"));
        QCOMPARE(pool.count(), std::int64_t(160));
        auto eval = index::EmbeddingFile::open(ws->blobPath("indexes/eval-test-measures-1.emb"));
        QVERIFY2(eval.ok(), qPrintable(whyNot(eval)));
        QCOMPARE(eval.value().tag(), QStringLiteral("measures-1+measures"));
        // A pool item's row is its measure token, whatever else shared its batch.
        const store::Id first = pool.ids()[5];
        const loop::PoolEmbedder embedder(*ws, net, "measures-1");
        auto item = embedder.pixelsEach({first});
        QVERIFY(item[0].pixels.ok());
        QCOMPARE(int(item[0].measures.size()), model::QualityMeasures::kCount);
        QVERIFY(std::any_of(item[0].measures.begin(), item[0].measures.end(), [](float x) { return x != 0.0f; }));
        const std::vector<std::vector<float>> measures{item[0].measures};
        const auto embedded = net.embed({item[0].pixels.value()}, &measures);
        QVERIFY2(embedded.ok(), qPrintable(whyNot(embedded)));
        const auto alone = embedded.value().front();
        for (int k = 0; k < pool.dim(); ++k) QVERIFY(std::abs(alone[std::size_t(k)] - pool.vectors()[5 * pool.dim() + k]) < 1e-5);
        // Items of other quality sit elsewhere: the rows are not one vector.
        double farthest = 1.0;
        for (std::int64_t i = 0; i < pool.count(); ++i) {
            double dot = 0;
            for (int k = 0; k < pool.dim(); ++k) dot += double(alone[std::size_t(k)]) * pool.vectors()[i * pool.dim() + k];
            farthest = std::min(farthest, dot);
        }
        QVERIFY2(farthest < 0.99, qPrintable(QString::number(farthest)));

        loop::RoundOptions u = smallRound(RetrievalStrategy::Uncertainty);
        u.fineTuneSteps = 0;
        loop::LoopRoundJob uncertain(uncertaintyDir, u);
        const auto drafted = run(uncertain);
        QVERIFY2(drafted.ok(), qPrintable(drafted.message));
        auto ws2 = store::Workspace::open(uncertaintyDir).take();
        QCOMPARE(count(*ws2, "SELECT COUNT(*) FROM round_selections"), 16);
    }

    void refusesBadSettingsAndAnEmptyWorkspace() {
        loop::RoundOptions bad = smallRound(RetrievalStrategy::Engine);
        bad.budget = 0;
        loop::LoopRoundJob job(m_base, bad);
        const auto outcome = run(job);
        QVERIFY(!outcome.ok());
        QVERIFY(outcome.message.contains("budget"));
        loop::RoundOptions unmined = smallRound(RetrievalStrategy::Engine);
        unmined.heldOutLimit = 6;  // with evalLimit 0 every test image is mined
        loop::LoopRoundJob refusedHeldOut(m_base, unmined);
        const auto noHeldOut = run(refusedHeldOut);
        QVERIFY(!noHeldOut.ok());
        QVERIFY2(noHeldOut.message.contains("heldOutLimit"), qPrintable(noHeldOut.message));

        const QString empty = m_tmp.filePath("empty");
        QVERIFY(store::Workspace::create(empty).ok());
        loop::LoopRoundJob none(empty, smallRound(RetrievalStrategy::Engine));
        const auto refused = run(none);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message.contains("checkpoint"), qPrintable(refused.message));
    }
};

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");  // the loop report draws its charts' text; no window
    QGuiApplication app(argc, argv);
    LoopTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_loop.moc"
