#include "loop/RoundRunner.h"

#include "eval/RubricScorer.h"
#include "index/EmbeddingFile.h"
#include "index/PoolIndex.h"
#include "learn/CheckpointRegistry.h"
#include "learn/ExampleAssembler.h"
#include "learn/ThreadCount.h"
#include "loop/FailurePrototypes.h"
#include "loop/HeadlessAnnotation.h"
#include "loop/ItemDrafter.h"
#include "loop/PoolEmbedder.h"
#include "loop/PoolItems.h"
#include "loop/QualityGate.h"
#include "loop/Retrieval.h"
#include "loop/Routing.h"
#include "model/QualityModel.h"
#include "store/LoopRepository.h"
#include "store/Permissions.h"
#include "store/Workspace.h"
#include "synth/AnnotatorConfig.h"
#include "train/Trainer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <set>

namespace medq::loop {
namespace {

using jobs::JobOutcome;
const QString kEmbedderSetting = QStringLiteral("loop.embedder");
const QString kCalibrationSetting = QStringLiteral("routing.calibration");
const QString kPrimary = QStringLiteral("simulated-a");
const QString kSecondary = QStringLiteral("simulated-b");

// Distinct images of a split's tasks, a fixed seeded sample of `limit` of them (the same
// sample every round, so scores are comparable).
std::vector<store::Id> splitImages(store::Workspace& ws, const QString& split, int limit, std::uint64_t seed = 2026) {
    std::set<store::Id> unique;
    for (const auto& t : ws.tasks().inSplit(split)) unique.insert(t.imageId);
    std::vector<store::Id> ids(unique.begin(), unique.end());
    if (limit > 0 && int(ids.size()) > limit) {
        std::mt19937_64 rng(seed);
        std::shuffle(ids.begin(), ids.end(), rng);
        ids.resize(std::size_t(limit));
        std::sort(ids.begin(), ids.end());
    }
    return ids;
}

// A deterministic coin per (seed, id): spot checks, gold and double annotation draws.
bool coin(std::uint64_t seed, store::Id id, double rate) {
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + std::uint64_t(id));
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < rate;
}

struct Round {
    store::Workspace& ws;
    store::RoundRecord record;
    RoundOptions options;
    QJsonObject metrics;
    learn::CheckpointRegistry registry{ws};
    store::LoopRepository loop{ws.db()};
    eval::RubricScorer scorer;

    // Commits the step's writes (made by `write` in the same transaction) and marks it done.
    void commit(const QString& step, const std::function<void()>& write = {}) {
        store::Transaction tx(ws.db());
        if (write) write();
        ws.rounds().update(record.id, QStringLiteral("running"), step, metrics);
        tx.commit();
        record.step = step;
    }
    Result<model::QualityModel> loadModel(const QString& name) const {
        auto m = model::QualityModel::load(registry.resolve(name));
        if (m) m.value().setInferenceBatchSize(32);
        return m;
    }
    QString embedder() {
        return ws.settings().getOrInsert(kEmbedderSetting, registry.current());
    }
    QString evalEmbeddingsPath() {
        return ws.blobPath(QStringLiteral("indexes/eval-%1-%2.emb").arg(options.evalSplit, embedder()));
    }
    int threads() const { return options.threads > 0 ? options.threads : learn::suggestedThreadCount(); }
};

// Drafts (or restores) the evaluation images with `checkpoint` and summarises them.
Result<QJsonObject> assess(Round& r, const QString& checkpoint, const jobs::Progress& progress, bool keep,
                           std::vector<ItemDraft>* draftsOut = nullptr) {
    const auto images = splitImages(r.ws, r.options.evalSplit, r.options.evalLimit);
    auto net = r.loadModel(checkpoint);
    if (!net) return net.error();
    learn::ExampleAssembler assembler(r.ws, net.value().config().imageSize);
    ItemDrafter drafter(r.ws, &net.value(), checkpoint, assembler);
    drafter.setScorer(&r.scorer);
    std::vector<ItemDraft> drafts;
    if (auto restored = drafter.restore(images)) {
        drafts = std::move(*restored);
    } else {
        auto made = drafter.draft(images, progress);
        if (!made) return made.error();
        drafts = made.take();
        if (keep) {
            store::Transaction tx(r.ws.db());
            ItemDrafter::save(r.ws, drafts);
            tx.commit();
        }
    }
    QJsonObject summary = summariseDrafts(r.ws, drafts);
    summary.insert(QStringLiteral("checkpoint"), checkpoint);
    summary.insert(QStringLiteral("score"), combinedScore(summary));
    if (draftsOut) *draftsOut = std::move(drafts);
    return summary;
}

Status stepEvaluate(Round& r, const jobs::Progress& progress) {
    const QString checkpoint = r.registry.current();
    if (checkpoint.isEmpty()) return Error{QStringLiteral("evaluate"), QStringLiteral("no current checkpoint (train one with `medq model train`)")};
    auto summary = assess(r, checkpoint, progress.sub(0.0, 0.8), true);
    if (!summary) return summary.error();

    // Embeddings of the evaluated images by the embedder, for failure features and for
    // keeping retrieval away from near-duplicates of the benchmark.
    const QString path = r.evalEmbeddingsPath();
    const auto images = splitImages(r.ws, r.options.evalSplit, r.options.evalLimit);
    auto existing = index::EmbeddingFile::open(path);
    if (!existing || existing.value().count() != std::int64_t(images.size())) {
        progress.report(0.85, QStringLiteral("Embedding %1 evaluation images").arg(images.size()));
        auto embedder = r.loadModel(r.embedder());
        if (!embedder) return embedder.error();
        learn::ExampleAssembler assembler(r.ws, embedder.value().config().imageSize);
        const QString staging = path + QStringLiteral(".part");
        auto file = index::EmbeddingFile::create(staging, embedder.value().embeddingDimension(), r.embedder());
        if (!file) return file.error();
        for (std::size_t start = 0; start < images.size(); start += 64) {
            progress.checkCancelled();
            std::vector<std::vector<float>> pixels;
            std::vector<std::int64_t> ids;
            for (std::size_t i = start; i < std::min(images.size(), start + 64); ++i) {
                auto px = assembler.pixels(images[i]);
                if (!px) return px.error();
                pixels.push_back(px.take());
                ids.push_back(images[i]);
            }
            auto vectors = embedder.value().embed(pixels);
            if (!vectors) return vectors.error();
            std::vector<float> flat;
            for (const auto& v : vectors.value()) flat.insert(flat.end(), v.begin(), v.end());
            if (Status s = file.value().append(ids, flat.data()); !s) return s.error();
        }
        QFile::remove(path);
        if (!QFile::rename(staging, path)) return Error{path, QStringLiteral("cannot move the embeddings into place")};
    }
    r.metrics.insert(QStringLiteral("checkpointBefore"), checkpoint);
    r.metrics.insert(QStringLiteral("evaluation"), summary.value());
    r.commit(QStringLiteral("evaluate"));
    return {};
}

Result<std::vector<std::vector<float>>> evalEmbeddings(Round& r, const std::vector<store::Id>& imageIds) {
    auto file = index::EmbeddingFile::open(r.evalEmbeddingsPath());
    if (!file) return file.error();
    QHash<store::Id, std::int64_t> row;
    for (std::int64_t i = 0; i < file.value().count(); ++i) row.insert(file.value().ids()[i], i);
    std::vector<std::vector<float>> out;
    const int dim = file.value().dim();
    for (store::Id id : imageIds) {
        const auto it = row.find(id);
        if (it == row.end()) return Error{r.evalEmbeddingsPath(), QStringLiteral("image %1 has no embedding").arg(id)};
        const float* v = file.value().vectors() + *it * dim;
        out.emplace_back(v, v + dim);
    }
    return out;
}

Status stepPrototypes(Round& r, const jobs::Progress& progress) {
    const QString checkpoint = r.metrics.value(QStringLiteral("checkpointBefore")).toString();
    learn::ExampleAssembler assembler(r.ws, 8);
    ItemDrafter drafter(r.ws, nullptr, checkpoint, assembler);
    drafter.setScorer(&r.scorer);
    const auto images = splitImages(r.ws, r.options.evalSplit, r.options.evalLimit);
    auto drafts = drafter.restore(images);
    if (!drafts) return Error{QStringLiteral("prototypes"), QStringLiteral("the evaluation outputs are missing; evaluate again")};
    std::vector<store::Id> ids;
    for (const auto& d : *drafts) ids.push_back(d.imageId);
    auto embeddings = evalEmbeddings(r, ids);
    if (!embeddings) return embeddings.error();
    const auto failures = collectFailures(r.ws, *drafts, embeddings.value(), r.options);
    QJsonObject info{{"failedItems", int(failures.size())}, {"evaluatedItems", int(drafts->size())}};
    auto set = buildPrototypes(failures, r.options, progress);
    if (!set) {
        info.insert(QStringLiteral("note"), set.error().message());
        r.metrics.insert(QStringLiteral("prototypes"), info);
        r.commit(QStringLiteral("prototypes"));
        return {};
    }
    int kept = 0;
    for (const auto& p : set.value().prototypes) kept += p.record.status == QLatin1String("kept") ? 1 : 0;
    info.insert(QStringLiteral("clustering"), set.value().clustering.toJson());
    info.insert(QStringLiteral("kept"), kept);
    info.insert(QStringLiteral("dropped"), int(set.value().prototypes.size()) - kept);
    r.metrics.insert(QStringLiteral("prototypes"), info);
    r.commit(QStringLiteral("prototypes"), [&] {
        for (const Prototype& p : set.value().prototypes) {
            store::PrototypeRecord rec = p.record;
            rec.roundId = r.record.id;
            r.ws.prototypes().insert(rec, p.members);
        }
    });
    return {};
}

Status stepIndex(Round& r, const jobs::Progress& progress) {
    auto embedder = r.loadModel(r.embedder());
    if (!embedder) return embedder.error();
    if (r.ws.pool().count() == 0) return Error{QStringLiteral("index"), QStringLiteral("the pool is empty (run `medq synth pool`)")};
    PoolEmbedder pool(r.ws, embedder.value(), r.embedder());
    auto info = pool.update(r.options.poolEmbedLimit, progress);
    if (!info) return info.error();
    r.metrics.insert(QStringLiteral("index"), info.value());
    r.commit(QStringLiteral("index"));
    return {};
}

Status stepRetrieve(Round& r, const jobs::Progress& progress) {
    const PoolIndexPaths paths = PoolIndexPaths::of(r.ws);
    auto file = index::EmbeddingFile::open(paths.embeddings);
    if (!file) return file.error();
    auto idx = index::PoolIndex::load(paths.index);
    if (!idx) return idx.error();
    QSet<store::Id> excluded = r.loop.selectedPoolItems();
    auto benchmarkFile = index::EmbeddingFile::open(r.evalEmbeddingsPath());
    std::vector<float> benchmark;
    if (benchmarkFile)
        benchmark.assign(benchmarkFile.value().vectors(),
                         benchmarkFile.value().vectors() + benchmarkFile.value().count() * benchmarkFile.value().dim());
    RoundOptions options = r.options;
    options.seed = r.options.seed * 1000 + std::uint64_t(r.record.number);
    Retriever retriever(r.ws, file.value(), options, excluded, benchmark);

    std::vector<Selection> selected;
    QString how = r.options.strategy;
    if (r.options.strategy == QLatin1String("engine")) {
        std::vector<RetrievalAnchor> anchors;
        auto embeddingsOf = [&](const std::vector<store::Id>& imageIds) { return evalEmbeddings(r, imageIds); };
        for (const store::PrototypeRecord& p : r.ws.prototypes().forRound(r.record.id)) {
            if (p.status != QLatin1String("kept")) continue;
            std::vector<store::Id> images;
            for (const auto& m : r.ws.prototypes().members(p.id))
                if (const auto t = r.ws.tasks().get(m.taskId)) images.push_back(t->imageId);
            auto vectors = embeddingsOf(images);
            if (!vectors || vectors.value().empty()) continue;
            RetrievalAnchor a;
            a.prototypeId = p.id;
            a.modality = p.modality;
            a.failureMass = p.size * p.failureRate;
            a.query.assign(vectors.value().front().size(), 0.0f);
            for (const auto& v : vectors.value())
                for (std::size_t j = 0; j < v.size(); ++j) a.query[j] += v[j];
            double norm = 0;
            for (float x : a.query) norm += double(x) * x;
            for (float& x : a.query) x = float(x / std::max(1e-12, std::sqrt(norm)));
            anchors.push_back(std::move(a));
        }
        if (anchors.empty()) {
            how = QStringLiteral("random (no prototype to retrieve with)");
            selected = retriever.random(r.options.budget, options.seed);
        } else {
            auto s = retriever.engine(anchors, idx.value(), progress.sub(0.0, 0.5));
            if (!s) return s.error();
            selected = s.take();
        }
    } else if (r.options.strategy == QLatin1String("random")) {
        selected = retriever.random(r.options.budget, options.seed);
    } else {
        auto net = r.loadModel(r.registry.current());
        if (!net) return net.error();
        auto embedderModel = r.loadModel(r.embedder());
        if (!embedderModel) return embedderModel.error();
        PoolEmbedder renderer(r.ws, embedderModel.value(), r.embedder());
        auto s = retriever.uncertainty(
            [&](const std::vector<store::Id>& ids) -> Result<std::vector<double>> {
                std::vector<double> scores;
                for (std::size_t start = 0; start < ids.size(); start += 32) {
                    progress.checkCancelled();
                    progress.report(0.5 * double(start) / double(ids.size()), QStringLiteral("Drafting candidate %1 of %2").arg(start + 1).arg(ids.size()));
                    const std::vector<store::Id> chunk(ids.begin() + std::ptrdiff_t(start), ids.begin() + std::ptrdiff_t(std::min(ids.size(), start + 32)));
                    auto px = renderer.pixels(chunk);
                    if (!px) return px.error();
                    std::vector<model::VisualInput> visuals;
                    for (auto& p : px.value()) visuals.push_back({std::move(p), {}});
                    auto described = net.value().describe(visuals, model::GenerationOptions{});
                    if (!described) return described.error();
                    for (const auto& d : described.value()) scores.push_back(d.meanEntropy);
                }
                return scores;
            },
            progress.sub(0.0, 0.5));
        if (!s) return s.error();
        selected = s.take();
    }

    // Materialise the selected items (image + tasks) and record the selection.
    const jobs::Progress writing = progress.sub(0.5, 1.0);
    store::Transaction tx(r.ws.db());
    std::vector<store::SelectionRecord> rows;
    QHash<store::Id, int> perPrototype;
    for (std::size_t i = 0; i < selected.size(); ++i) {
        if (i % 8 == 0) {
            writing.checkCancelled();
            writing.report(double(i) / double(selected.size()), QStringLiteral("Preparing item %1 of %2 for annotation").arg(i + 1).arg(selected.size()));
        }
        const auto item = r.ws.pool().get(selected[i].poolItemId);
        if (!item) return Error{QStringLiteral("pool item %1").arg(selected[i].poolItemId), QStringLiteral("vanished")};
        auto image = materialise(r.ws, *item, r.options.actor);
        if (!image) return image.error();
        store::SelectionRecord row;
        row.roundId = r.record.id;
        row.poolItemId = item->id;
        row.imageId = image.value();
        row.prototypeId = selected[i].prototypeId;
        row.similarity = selected[i].similarity;
        row.rank = int(i);
        rows.push_back(row);
        if (selected[i].prototypeId) perPrototype[*selected[i].prototypeId] += 1;
    }
    r.loop.addSelections(rows);
    for (auto it = perPrototype.begin(); it != perPrototype.end(); ++it) r.loop.setPrototypeRetrieved(it.key(), it.value());
    r.metrics.insert(QStringLiteral("retrieval"), QJsonObject{{"strategy", how}, {"selected", int(rows.size())},
                                                              {"duplicatesDropped", retriever.duplicatesDropped()},
                                                              {"excludedBefore", int(excluded.size())}});
    r.ws.rounds().update(r.record.id, QStringLiteral("running"), QStringLiteral("retrieve"), r.metrics);
    tx.commit();
    r.record.step = QStringLiteral("retrieve");
    return {};
}

// Thresholds for the current checkpoint, calibrated on validation drafts (cached per checkpoint).
Result<RoutingThresholds> calibration(Round& r, const model::QualityModel& net, const QString& checkpoint,
                                      learn::ExampleAssembler& assembler, const jobs::Progress& progress) {
    if (const auto stored = r.ws.settings().get(kCalibrationSetting)) {
        const RoutingThresholds t = RoutingThresholds::fromJson(QJsonDocument::fromJson(stored->toUtf8()).object());
        if (t.checkpoint == checkpoint && t.targetErrorRate == r.options.targetErrorRate && t.items > 0) return t;
    }
    ItemDrafter drafter(r.ws, &net, checkpoint, assembler);
    drafter.setScorer(&r.scorer);
    auto drafts = drafter.draft(splitImages(r.ws, QStringLiteral("val"), r.options.calibrationLimit, 77), progress);
    if (!drafts) return drafts.error();
    std::vector<CalibrationPoint> points;
    for (const auto& d : drafts.value()) points.push_back({d.uncertainty, d.acceptable()});
    RoutingThresholds t = calibrateRouting(points, r.options.targetErrorRate, r.options.expertErrorRate);
    t.checkpoint = checkpoint;
    r.ws.settings().set(kCalibrationSetting, QString::fromUtf8(QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact)));
    return t;
}

Status stepRoute(Round& r, const jobs::Progress& progress) {
    const QString checkpoint = r.registry.current();
    auto net = r.loadModel(checkpoint);
    if (!net) return net.error();
    learn::ExampleAssembler assembler(r.ws, net.value().config().imageSize);
    auto thresholds = calibration(r, net.value(), checkpoint, assembler, progress.sub(0.0, 0.4));
    if (!thresholds) return thresholds.error();

    const auto selections = r.loop.selections(r.record.id);
    std::vector<store::Id> images;
    for (const auto& s : selections) images.push_back(*s.imageId);
    // Gold items: validation images with known answers, drafted like the rest.
    std::vector<store::Id> gold;
    const int goldCount = int(std::lround(r.options.goldRate * double(images.size())));
    for (store::Id id : splitImages(r.ws, QStringLiteral("val"), 0)) {
        if (int(gold.size()) >= goldCount) break;
        if (coin(r.options.seed + std::uint64_t(r.record.number), id, 0.5)) gold.push_back(id);
    }
    std::vector<store::Id> all = images;
    all.insert(all.end(), gold.begin(), gold.end());
    ItemDrafter drafter(r.ws, &net.value(), checkpoint, assembler);
    auto drafts = drafter.draft(all, progress.sub(0.4, 0.95));
    if (!drafts) return drafts.error();

    std::vector<double> uncertainties;
    QJsonObject counts{{"auto_accept", 0}, {"verify", 0}, {"expert", 0}, {"spotChecks", 0}, {"gold", int(gold.size())}};
    r.metrics.insert(QStringLiteral("routing"), QJsonObject{{"thresholds", thresholds.value().toJson()}});
    r.commit(QStringLiteral("route"), [&] {
        ItemDrafter::save(r.ws, drafts.value());
        std::vector<store::QueueItemRecord> queue;
        for (std::size_t i = 0; i < drafts.value().size(); ++i) {
            const ItemDraft& d = drafts.value()[i];
            const bool isGold = i >= images.size();
            store::QueueItemRecord q;
            q.taskId = d.tasks.front().task.id;
            for (const auto& t : d.tasks)
                if (t.task.kind == QLatin1String("description")) q.taskId = t.task.id;
            q.roundId = r.record.id;
            q.uncertainty = d.uncertainty;
            q.isGold = isGold;
            if (isGold) {
                q.queue = QStringLiteral("verify");
                q.reason = QStringLiteral("gold item (known answers) mixed in by the quality gate");
            } else {
                const store::SelectionRecord& s = selections[i];
                q.prototypeId = s.prototypeId;
                q.queue = thresholds.value().route(d.uncertainty);
                q.spotCheck = q.queue == QLatin1String("auto_accept") && coin(r.options.seed + 17, d.imageId, r.options.spotCheckRate);
                q.reason = QStringLiteral("%1; uncertainty %2 %3")
                               .arg(s.prototypeId ? QStringLiteral("retrieved by prototype %1").arg(*s.prototypeId)
                                                  : QStringLiteral("selected by %1 sampling").arg(r.options.strategy))
                               .arg(d.uncertainty, 0, 'f', 3)
                               .arg(q.queue == QLatin1String("auto_accept") ? QStringLiteral("<= auto-accept threshold")
                                    : q.queue == QLatin1String("expert") ? QStringLiteral(">= expert threshold")
                                                                         : QStringLiteral("between the thresholds"));
                r.loop.setRoute(r.record.id, s.poolItemId, q.queue, d.uncertainty);
                counts.insert(q.queue, counts.value(q.queue).toInt() + 1);
                if (q.spotCheck) counts.insert(QStringLiteral("spotChecks"), counts.value(QStringLiteral("spotChecks")).toInt() + 1);
            }
            queue.push_back(q);
        }
        r.ws.queues().enqueue(queue);
        QJsonObject routing = r.metrics.value(QStringLiteral("routing")).toObject();
        routing.insert(QStringLiteral("counts"), counts);
        r.metrics.insert(QStringLiteral("routing"), routing);
    });
    return {};
}

synth::AnnotatorConfig annotatorConfig(const Round& r, int which) {
    synth::AnnotatorConfig c;
    if (!r.options.annotatorConfig.isEmpty())
        if (auto loaded = synth::AnnotatorConfig::load(r.options.annotatorConfig)) c = loaded.take();
    c.seed += std::uint64_t(which) * 7919;
    return c;
}

// Returns false when people still have items to do (human annotation).
Result<bool> stepAnnotate(Round& r, const jobs::Progress& progress) {
    if (r.options.annotator == QLatin1String("human")) {
        const int pending = r.loop.pendingHumanItems(r.record.id);
        if (pending > 0) return false;
        r.commit(QStringLiteral("annotate"));
        return true;
    }
    HeadlessAnnotator primary(r.ws, kPrimary, annotatorConfig(r, 0));
    HeadlessAnnotator secondary(r.ws, kSecondary, annotatorConfig(r, 1));
    const QString checkpoint = r.registry.current();
    QJsonObject seconds{{"expert", 0.0}, {"verify", 0.0}, {"auto_accept", 0.0}, {"double", 0.0}, {"gold", 0.0}};
    QJsonObject actions;
    int doubled = 0;
    const auto queue = r.loop.roundQueueItems(r.record.id);
    Status failed;
    r.commit(QStringLiteral("annotate"), [&] {
        for (std::size_t i = 0; i < queue.size() && failed.ok(); ++i) {
            const store::QueueItemRecord& q = queue[i];
            if (q.status != QLatin1String("pending")) continue;
            progress.checkCancelled();
            if (i % 8 == 0) progress.report(double(i) / double(queue.size()), QStringLiteral("Annotating item %1 of %2").arg(i + 1).arg(queue.size()));
            const auto task = r.ws.tasks().get(q.taskId);
            const std::uint64_t seed = r.options.seed * 7 + std::uint64_t(task->imageId);
            Result<AnnotatedItem> done = Error{};
            const bool human = q.queue != QLatin1String("auto_accept") || q.spotCheck;
            if (!human) done = HeadlessAnnotator::acceptDraft(r.ws, task->imageId, checkpoint);
            else done = primary.annotate(task->imageId, q.queue != QLatin1String("expert"), checkpoint, seed);
            if (!done) {
                failed = done.error();
                break;
            }
            const QString bucket = q.isGold ? QStringLiteral("gold") : q.queue;
            seconds.insert(bucket, seconds.value(bucket).toDouble() + done.value().seconds);
            actions.insert(done.value().action, actions.value(done.value().action).toInt() + 1);
            if (human && !q.isGold && coin(r.options.seed + 29, task->imageId, r.options.doubleRate)) {
                auto second = secondary.annotate(task->imageId, q.queue != QLatin1String("expert"), checkpoint, seed + 1);
                if (!second) {
                    failed = second.error();
                    break;
                }
                seconds.insert(QStringLiteral("double"), seconds.value(QStringLiteral("double")).toDouble() + second.value().seconds);
                ++doubled;
            }
            r.ws.queues().setStatus(q.id, QStringLiteral("done"));
        }
        double total = 0;
        for (auto it = seconds.begin(); it != seconds.end(); ++it) total += it.value().toDouble();
        r.metrics.insert(QStringLiteral("annotation"), QJsonObject{{"secondsByQueue", seconds}, {"actions", actions},
                                                                   {"doubleAnnotated", doubled}, {"humanSeconds", total}});
        if (!failed) throw std::runtime_error(failed.error().message().toStdString());  // rolls the step back
    });
    return true;
}

Status stepGate(Round& r, const jobs::Progress& progress) {
    progress.report(0.0, QStringLiteral("Checking annotations"));
    const auto queue = r.loop.roundQueueItems(r.record.id);
    HeadlessAnnotator fixer(r.ws, kSecondary, annotatorConfig(r, 1));
    const QString checkpoint = r.registry.current();
    QHash<QString, std::pair<int, int>> gold;  // annotator -> (correct, answered)
    std::vector<std::pair<QString, QString>> levels;
    int consistent = 0, inconsistent = 0, returned = 0, accepted = 0, dropped = 0;
    QJsonArray flagged;
    r.commit(QStringLiteral("gate"), [&] {
        auto latestHuman = [&](store::Id descriptionTask) {
            QString who;
            for (const auto& a : r.ws.annotations().history(descriptionTask))
                if (a.annotator != kAutoAcceptAnnotator && a.annotator != kSecondary) who = a.annotator;
            return who;
        };
        // Gold first: it decides who is trusted.
        for (const auto& q : queue) {
            if (!q.isGold) continue;
            const auto task = r.ws.tasks().get(q.taskId);
            const QString who = latestHuman(q.taskId);
            if (who.isEmpty()) continue;
            const auto [correct, answered] = goldAnswers(r.ws, task->imageId, who);
            gold[who].first += correct;
            gold[who].second += answered;
            r.loop.addGateCheck({0, r.record.id, task->imageId, who, QStringLiteral("gold"),
                                 answered > 0 && double(correct) / answered >= r.options.minGoldAccuracy,
                                 QStringLiteral("%1 of %2 answers right").arg(correct).arg(answered)});
        }
        QSet<QString> untrusted;
        for (auto it = gold.begin(); it != gold.end(); ++it) {
            const double accuracy = it.value().second ? double(it.value().first) / it.value().second : 0.0;
            if (it.value().second > 0 && accuracy < r.options.minGoldAccuracy) {
                untrusted.insert(it.key());
                flagged.append(QJsonObject{{"annotator", it.key()}, {"goldAccuracy", accuracy}});
                r.ws.audit().append(r.options.actor, QStringLiteral("annotator.flag"), QStringLiteral("annotators"), std::nullopt,
                                    QJsonObject{{"annotator", it.key()}, {"goldAccuracy", accuracy}, {"round", r.record.number}});
            }
        }
        for (const auto& q : queue) {
            if (q.isGold) continue;
            const auto task = r.ws.tasks().get(q.taskId);
            const store::Id image = task->imageId;
            const bool human = q.queue != QLatin1String("auto_accept") || q.spotCheck;
            QString who = human ? latestHuman(q.taskId) : kAutoAcceptAnnotator;
            // Agreement with the second annotator where there is one.
            if (const auto second = r.ws.annotations().latest(q.taskId, kSecondary); second && human && !who.isEmpty()) {
                const auto first = r.ws.annotations().latest(q.taskId, who);
                if (first) {
                    levels.emplace_back(first->qualityLevel, second->qualityLevel);
                    r.loop.addGateCheck({0, r.record.id, image, who, QStringLiteral("agreement"), first->qualityLevel == second->qualityLevel,
                                         QStringLiteral("%1 vs %2").arg(first->qualityLevel, second->qualityLevel)});
                }
            }
            GateVerdict verdict = human ? checkConsistency(r.ws, image, who) : GateVerdict{};
            if (human) r.loop.addGateCheck({0, r.record.id, image, who, QStringLiteral("consistency"), verdict.passed, verdict.detail});
            if (human && (!verdict.passed || untrusted.contains(who))) {
                // Back to a queue: an expert (here the second annotator) redoes the item.
                ++inconsistent;
                ++returned;
                r.ws.queues().setStatus(q.id, QStringLiteral("returned"));
                store::QueueItemRecord again = q;
                again.queue = QStringLiteral("expert");
                again.spotCheck = false;
                again.status = QStringLiteral("done");
                again.reason = QStringLiteral("returned by the quality gate: %1")
                                   .arg(untrusted.contains(who) ? QStringLiteral("annotator below the gold threshold") : verdict.detail);
                r.ws.queues().enqueue({again});
                auto redo = fixer.annotate(image, false, checkpoint, r.options.seed * 13 + std::uint64_t(image));
                if (!redo) throw std::runtime_error(redo.error().message().toStdString());
                who = kSecondary;
                verdict = checkConsistency(r.ws, image, who);
                r.loop.addGateCheck({0, r.record.id, image, who, QStringLiteral("consistency"), verdict.passed, verdict.detail});
                if (!verdict.passed) {
                    ++dropped;
                    continue;
                }
            } else if (human) {
                ++consistent;
            }
            const QString source = q.queue;
            for (const auto& t : r.ws.tasks().forImage(image)) {
                if (const auto a = r.ws.annotations().latest(t.id, who)) {
                    r.loop.accept({t.id, r.record.id, a->id, source});
                    ++accepted;
                }
            }
        }
        QJsonObject goldJson;
        for (auto it = gold.begin(); it != gold.end(); ++it)
            goldJson.insert(it.key(), it.value().second ? double(it.value().first) / it.value().second : 0.0);
        r.metrics.insert(QStringLiteral("gate"), QJsonObject{{"goldAccuracy", goldJson}, {"kappa", cohensKappa(levels)},
                                                             {"agreementPairs", int(levels.size())}, {"consistent", consistent},
                                                             {"returned", returned}, {"dropped", dropped},
                                                             {"acceptedLabels", accepted}, {"flagged", flagged}});
    });
    return {};
}

Result<std::vector<train::TrainingExample>> acceptedExamples(Round& r, learn::ExampleAssembler& assembler) {
    struct Accepted {
        store::TaskRecord task;
        QString answer;
        QJsonValue attributes;
    };
    std::vector<Accepted> labels;
    QHash<store::Id, QJsonValue> imageAttributes;  // from each image's accepted description
    for (const store::AcceptedLabel& label : r.loop.acceptedUpTo(r.record.id)) {
        const auto task = r.ws.tasks().get(label.taskId);
        if (!task) continue;
        for (const auto& a : r.ws.annotations().history(label.taskId)) {
            if (a.id != label.annotationId) continue;
            const bool description = task->kind == QLatin1String("description");
            labels.push_back({*task, description ? a.text : a.answer, a.labels.value(QStringLiteral("attributes"))});
            if (description && a.labels.contains(QStringLiteral("attributes")))
                imageAttributes.insert(task->imageId, labels.back().attributes);
        }
    }
    std::vector<train::TrainingExample> out;
    for (const Accepted& l : labels) {
        if (l.answer.trimmed().isEmpty()) continue;
        // A perception answer carries no attribute labels: those of the image's accepted description count.
        auto e = assembler.example(l.task, l.answer, l.attributes.isUndefined() ? imageAttributes.value(l.task.imageId) : l.attributes);
        if (!e) return e.error();
        out.push_back(e.take());
    }
    return out;
}

Status stepFinetune(Round& r, const jobs::Progress& progress) {
    const QString base = r.registry.current();
    auto net = r.loadModel(base);
    if (!net) return net.error();
    learn::ExampleAssembler assembler(r.ws, net.value().config().imageSize);
    assembler.setAttributeSlots(net.value().config().attributeSlots);
    progress.report(0.0, QStringLiteral("Preparing accepted annotations"));
    auto examples = acceptedExamples(r, assembler);
    if (!examples) return examples.error();
    const int fresh = int(examples.value().size());
    // Replay of the base training split so the model does not forget what it knew.
    auto replayTasks = r.ws.tasks().inSplit(QStringLiteral("train"));
    std::mt19937_64 rng(r.options.seed + std::uint64_t(r.record.number));
    std::shuffle(replayTasks.begin(), replayTasks.end(), rng);
    const int replay = std::min<int>(int(replayTasks.size()), int(std::lround(r.options.replayRatio * fresh)));
    for (int i = 0; i < replay; ++i) {
        if (replayTasks[std::size_t(i)].answer.isEmpty()) continue;
        auto e = assembler.example(replayTasks[std::size_t(i)]);
        if (e) examples.value().push_back(e.take());
    }
    std::shuffle(examples.value().begin(), examples.value().end(), rng);

    const QString name = QStringLiteral("round-%1-%2").arg(r.record.number).arg(r.options.strategy);
    const QString dir = r.registry.resolve(name);
    QJsonObject info{{"base", base}, {"candidate", name}, {"newExamples", fresh}, {"replayExamples", replay}};
    if (!QFile::exists(dir + QStringLiteral("/manifest.json")) && r.options.fineTuneSteps > 0 && fresh > 0) {
        train::TrainConfig config;
        config.maxSteps = r.options.fineTuneSteps;
        config.batchSize = r.options.batchSize;
        config.learningRate = r.options.learningRate;
        config.warmupSteps = std::min(10, r.options.fineTuneSteps / 5);
        config.checkpointEvery = 25;
        config.seed = r.options.seed + std::uint64_t(r.record.number);
        config.threads = r.threads();
        if (r.options.loraRank > 0) {
            config.useLora = true;
            config.lora.rank = r.options.loraRank;
        }
        model::CheckpointInfo ci;
        ci.parentCheckpoint = base;
        ci.trainingDataHash = train::trainingDataHash(examples.value());
        train::Trainer trainer(net.value(), config);
        QDir().mkpath(r.registry.root());
        auto report = train::Trainer::hasResumeState(dir)
                          ? trainer.resume(examples.value(), {}, dir, progress.sub(0.05, 0.7), ci)
                          : trainer.train(examples.value(), {}, dir, progress.sub(0.05, 0.7), ci);
        if (!report) return report.error();
        info.insert(QStringLiteral("steps"), report.value().steps);
        info.insert(QStringLiteral("finalLoss"), report.value().losses.empty() ? -1.0 : report.value().losses.back());
        info.insert(QStringLiteral("samplesPerSecond"), report.value().samplesPerSecond);
    }
    if (!QFile::exists(dir + QStringLiteral("/manifest.json"))) {
        info.insert(QStringLiteral("decision"), QStringLiteral("skipped"));
        info.insert(QStringLiteral("reason"), fresh == 0 ? QStringLiteral("no accepted annotations") : QStringLiteral("fine-tuning disabled"));
        r.metrics.insert(QStringLiteral("finetune"), info);
        r.commit(QStringLiteral("finetune"));
        return {};
    }

    // Accept only if validation improves and no modality drops by more than the tolerance.
    RoundOptions valOptions = r.options;
    valOptions.evalSplit = QStringLiteral("val");
    valOptions.evalLimit = r.options.validationLimit;
    Round validation{r.ws, r.record, valOptions, {}};
    auto before = assess(validation, base, progress.sub(0.7, 0.85), true);
    if (!before) return before.error();
    auto after = assess(validation, name, progress.sub(0.85, 1.0), true);
    if (!after) return after.error();
    const double gain = after.value().value(QStringLiteral("score")).toDouble() - before.value().value(QStringLiteral("score")).toDouble();
    QString worst;
    double worstDrop = 0;
    const QJsonObject b = before.value()[QStringLiteral("perception")].toObject()[QStringLiteral("byGroup")].toObject();
    const QJsonObject a = after.value()[QStringLiteral("perception")].toObject()[QStringLiteral("byGroup")].toObject();
    for (auto it = b.begin(); it != b.end(); ++it) {
        const double drop = it.value().toObject()[QStringLiteral("accuracy")].toDouble() -
                            a[it.key()].toObject()[QStringLiteral("accuracy")].toDouble();
        if (drop > worstDrop) {
            worstDrop = drop;
            worst = it.key();
        }
    }
    const bool accept = gain > 0 && worstDrop <= r.options.tolerance;
    const QString reason = accept ? QStringLiteral("validation score %1 -> %2 (+%3); largest modality drop %4")
                                        .arg(before.value()[QStringLiteral("score")].toDouble(), 0, 'f', 4)
                                        .arg(after.value()[QStringLiteral("score")].toDouble(), 0, 'f', 4).arg(gain, 0, 'f', 4)
                                        .arg(worstDrop, 0, 'f', 3)
                         : gain <= 0 ? QStringLiteral("validation score did not improve (%1 -> %2)")
                                           .arg(before.value()[QStringLiteral("score")].toDouble(), 0, 'f', 4)
                                           .arg(after.value()[QStringLiteral("score")].toDouble(), 0, 'f', 4)
                                     : QStringLiteral("%1 dropped by %2 (tolerance %3)").arg(worst).arg(worstDrop, 0, 'f', 3).arg(r.options.tolerance, 0, 'f', 3);
    info.insert(QStringLiteral("validationBefore"), before.value());
    info.insert(QStringLiteral("validationAfter"), after.value());
    info.insert(QStringLiteral("decision"), accept ? QStringLiteral("accepted") : QStringLiteral("rolled back"));
    info.insert(QStringLiteral("reason"), reason);
    r.metrics.insert(QStringLiteral("finetune"), info);
    r.commit(QStringLiteral("finetune"), [&] {
        r.ws.audit().append(r.options.actor, accept ? QStringLiteral("checkpoint.accept") : QStringLiteral("checkpoint.rollback"),
                            QStringLiteral("checkpoints"), std::nullopt, QJsonObject{{"checkpoint", name}, {"base", base}, {"reason", reason}});
        if (accept) r.registry.setCurrent(name, r.options.actor);
    });
    return {};
}

Status stepAssess(Round& r, const jobs::Progress& progress) {
    const QString checkpoint = r.registry.current();
    auto summary = assess(r, checkpoint, progress, true);
    if (!summary) return summary.error();
    r.metrics.insert(QStringLiteral("assessment"), summary.value());
    store::Transaction tx(r.ws.db());
    r.ws.rounds().update(r.record.id, QStringLiteral("done"), QStringLiteral("assess"), r.metrics, checkpoint);
    tx.commit();
    r.record.step = QStringLiteral("assess");
    return {};
}

}  // namespace

const QStringList& RoundRunner::steps() {
    static const QStringList list{QStringLiteral("evaluate"), QStringLiteral("prototypes"), QStringLiteral("index"),
                                  QStringLiteral("retrieve"), QStringLiteral("route"), QStringLiteral("annotate"),
                                  QStringLiteral("gate"), QStringLiteral("finetune"), QStringLiteral("assess")};
    return list;
}

JobOutcome RoundRunner::run(const jobs::Progress& progress) {
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    store::Workspace& ws = *opened.value();
    if (Status s = m_options.validate(); !s) return {JobOutcome::Status::Failed, s.error().message(), {}};
    if (Status s = store::Permissions::requireFor(ws.annotations(), m_options.actor, store::Action::StartRound);
        !s && m_options.actor != QLatin1String("system"))
        return {JobOutcome::Status::Failed, s.error().message(), {}};

    // An unfinished round continues with the options it started with.
    std::optional<store::RoundRecord> current;
    for (const auto& r : ws.rounds().all())
        if (r.status != QLatin1String("done")) current = r;
    RoundOptions options = m_options;
    if (current) {
        auto stored = RoundOptions::fromJson(current->metrics.value(QStringLiteral("options")).toObject());
        if (stored) options = stored.take();
    } else {
        const auto all = ws.rounds().all();
        const int number = all.empty() ? 1 : all.back().number + 1;
        store::Transaction tx(ws.db());
        const store::Id id = ws.rounds().start(number, options.strategy, options.budget);
        ws.rounds().update(id, QStringLiteral("running"), QString(), QJsonObject{{"options", options.toJson()}});
        ws.audit().append(options.actor, QStringLiteral("round.start"), QStringLiteral("rounds"), id,
                          QJsonObject{{"number", number}, {"strategy", options.strategy}, {"budget", options.budget}});
        tx.commit();
        current = ws.rounds().byNumber(number);
    }
    Round r{ws, *current, options, current->metrics};
    const QStringList& list = steps();
    const int from = r.record.step.isEmpty() ? 0 : int(list.indexOf(r.record.step)) + 1;
    QElapsedTimer clock;
    clock.start();
    try {
        for (int i = from; i < list.size(); ++i) {
            const jobs::Progress sub = progress.sub(double(i) / list.size(), double(i + 1) / list.size());
            sub.report(0.0, QStringLiteral("Round %1: %2").arg(r.record.number).arg(list[i]));
            Status s;
            const QString& step = list[i];
            if (step == QLatin1String("evaluate")) s = stepEvaluate(r, sub);
            else if (step == QLatin1String("prototypes")) s = stepPrototypes(r, sub);
            else if (step == QLatin1String("index")) s = stepIndex(r, sub);
            else if (step == QLatin1String("retrieve")) s = stepRetrieve(r, sub);
            else if (step == QLatin1String("route")) s = stepRoute(r, sub);
            else if (step == QLatin1String("annotate")) {
                auto finished = stepAnnotate(r, sub);
                if (!finished) s = finished.error();
                else if (!finished.value())
                    return {JobOutcome::Status::Done,
                            QStringLiteral("round %1 waits for %2 queue items to be annotated").arg(r.record.number).arg(r.loop.pendingHumanItems(r.record.id)),
                            QJsonObject{{"round", r.record.number}, {"waiting", true}}};
            } else if (step == QLatin1String("gate")) s = stepGate(r, sub);
            else if (step == QLatin1String("finetune")) s = stepFinetune(r, sub);
            else s = stepAssess(r, sub);
            if (!s) {
                ws.rounds().update(r.record.id, QStringLiteral("failed"), r.record.step, r.metrics);
                return {JobOutcome::Status::Failed, QStringLiteral("round %1, %2: %3").arg(r.record.number).arg(step, s.error().message()), {}};
            }
        }
    } catch (const jobs::JobCancelled&) {
        ws.rounds().update(r.record.id, QStringLiteral("cancelled"), r.record.step, r.metrics);
        throw;
    } catch (const std::exception& e) {
        ws.rounds().update(r.record.id, QStringLiteral("failed"), r.record.step, r.metrics);
        return {JobOutcome::Status::Failed, QStringLiteral("round %1: %2").arg(r.record.number).arg(QString::fromUtf8(e.what())), {}};
    }
    const QJsonObject assessment = r.metrics.value(QStringLiteral("assessment")).toObject();
    const QJsonObject finetune = r.metrics.value(QStringLiteral("finetune")).toObject();
    return {JobOutcome::Status::Done,
            QStringLiteral("round %1 (%2): %3 annotated, %4 human-seconds, checkpoint %5 (%6), test score %7")
                .arg(r.record.number).arg(options.strategy)
                .arg(r.metrics.value(QStringLiteral("retrieval")).toObject().value(QStringLiteral("selected")).toInt())
                .arg(r.metrics.value(QStringLiteral("annotation")).toObject().value(QStringLiteral("humanSeconds")).toDouble(), 0, 'f', 0)
                .arg(finetune.value(QStringLiteral("candidate")).toString(), finetune.value(QStringLiteral("decision")).toString())
                .arg(assessment.value(QStringLiteral("score")).toDouble(), 0, 'f', 4),
            QJsonObject{{"round", r.record.number}, {"metrics", r.metrics}, {"seconds", clock.elapsed() / 1000.0}}};
}

}  // namespace medq::loop
