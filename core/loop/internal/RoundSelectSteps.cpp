// Round steps evaluate, prototypes, index and retrieve: from the current checkpoint's failures to
// the items to annotate.
#include "loop/internal/RoundSteps.h"

#include "io/ReaderVersion.h"
#include "index/EmbeddingFile.h"
#include "index/KMeansClustering.h"
#include "index/PoolIndex.h"
#include "learn/ExampleAssembler.h"
#include "loop/BatchEmbedding.h"
#include "loop/DistributedEmbedding.h"
#include "loop/FailurePrototypes.h"
#include "loop/PoolEmbedder.h"
#include "loop/PoolItems.h"
#include "loop/Retrieval.h"

#include <spdlog/spdlog.h>
#include <QFile>
#include <algorithm>
#include <cmath>

namespace medq::loop::round {
namespace {

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

}  // namespace

Status stepEvaluate(Round& r, const jobs::Progress& progress) {
    const QString checkpoint = r.registry.current();
    if (checkpoint.isEmpty())
        return Error{key(RoundStep::Evaluate),
                     QStringLiteral("no current checkpoint (train one with `medq model train`)")};
    auto summary = assess(r, checkpoint, progress.sub(0.0, 0.8), true);
    if (!summary) return summary.error();

    // Embeddings of the evaluated images by the embedder, for failure features and for
    // keeping retrieval away from near-duplicates of the benchmark.
    const QString path = r.evalEmbeddingsPath();
    const auto images = splitImages(r.ws, r.options.evalSplit, r.options.evalLimit);
    auto embedder = r.loadModel(r.embedder());
    if (!embedder) return embedder.error();
    const QString tag = embeddingTag(r.embedder(), embedder.value());
    auto existing = index::EmbeddingFile::open(path);
    if (!existing || existing.value().count() != std::int64_t(images.size()) || existing.value().tag() != tag) {
        progress.report(0.85, QStringLiteral("Embedding %1 evaluation images").arg(images.size()));
        // Each image alone against the embedder's reference, as pool items are (PoolEmbedder).
        learn::ExampleAssembler assembler(r.ws, embedder.value().config());
        assembler.setMeasuresAlone(true);
        assembler.setFallbackReference(embedder.value().measureReference());
        const QString staging = path + QStringLiteral(".part");
        auto file = index::EmbeddingFile::create(staging, embedder.value().embeddingDimension(), tag);
        if (!file) return file.error();
        const EmbeddingSource inputsOf = [&assembler](const std::vector<store::Id>& ids) -> Result<EmbeddingInputs> {
            EmbeddingInputs out;
            for (store::Id id : ids) {
                auto px = assembler.pixels(id);
                if (!px) return px.error();
                out.pixels.push_back(px.take());
                out.measures.push_back(assembler.standardisedMeasures(id));
            }
            return out;
        };
        for (std::size_t start = 0; start < images.size(); start += kEmbeddingBatch) {
            progress.checkCancelled();
            const std::vector<store::Id> batch(images.begin() + std::ptrdiff_t(start),
                                               images.begin() +
                                                   std::ptrdiff_t(std::min(images.size(), start + kEmbeddingBatch)));
            if (Status s = appendEmbeddings(embedder.value(), file.value(), batch, inputsOf); !s) return s.error();
        }
        QFile::remove(path);
        if (!QFile::rename(staging, path)) return Error{path, QStringLiteral("cannot move the embeddings into place")};
    }
    r.metrics.checkpointBefore = checkpoint;
    r.metrics.evaluation = summary.take();
    r.commit(RoundStep::Evaluate);
    return {};
}

Status stepPrototypes(Round& r, const jobs::Progress& progress) {
    const QString checkpoint = r.metrics.checkpointBefore;
    learn::ExampleAssembler assembler(r.ws, 8);
    ItemDrafter drafter(r.ws, nullptr, checkpoint, assembler);
    drafter.setScorer(&r.scorer);
    const auto images = splitImages(r.ws, r.options.evalSplit, r.options.evalLimit);
    auto drafts = drafter.restore(images);
    if (!drafts)
        return Error{key(RoundStep::Prototypes), QStringLiteral("the evaluation outputs are missing; evaluate again")};
    std::vector<store::Id> ids;
    for (const auto& d : *drafts) ids.push_back(d.imageId);
    auto embeddings = evalEmbeddings(r, ids);
    if (!embeddings) return embeddings.error();
    const auto failures = collectFailures(r.ws, *drafts, embeddings.value(), r.options);
    QJsonObject info{{"failedItems", int(failures.size())}, {"evaluatedItems", int(drafts->size())}};
    auto set = buildPrototypes(failures, r.options, progress);
    if (!set) {
        info.insert(QStringLiteral("note"), set.error().message());
        r.metrics.prototypes = info;
        r.commit(RoundStep::Prototypes);
        return {};
    }
    int kept = 0;
    for (const auto& p : set.value().prototypes) kept += p.record.status == PrototypeStatus::Kept ? 1 : 0;
    info.insert(QStringLiteral("clustering"), set.value().clustering.toJson());
    info.insert(key(PrototypeStatus::Kept), kept);
    info.insert(key(PrototypeStatus::Dropped), int(set.value().prototypes.size()) - kept);
    r.metrics.prototypes = info;
    r.commit(RoundStep::Prototypes, [&] {
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
    if (r.ws.pool().usableCount() == 0)
        return Error{
            key(RoundStep::Index),
            QStringLiteral(
                "the pool is empty (add your images with `medq pool add`, or synthetic ones with `medq synth pool`)")};
    Result<QJsonObject> info = Error{};
    if (r.group) {
        // Every rank embeds its chunks; the file ends as this process alone would write it.
        DistributedEmbeddingOptions options = r.group->embedding;
        options.limit = r.options.poolEmbedLimit;
        info = embedPoolDistributed(r.ws, embedder.value(), r.registry.resolve(r.embedder()), r.embedder(), *r.group->group,
                                    *r.group->channel, options, progress);
    } else {
        info = PoolEmbedder(r.ws, embedder.value(), r.embedder()).update(r.options.poolEmbedLimit, progress);
    }
    if (!info) return info.error();
    r.metrics.index = info.value();
    r.commit(RoundStep::Index);
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
    QString how = key(r.options.strategy);
    if (r.options.strategy == RetrievalStrategy::Engine) {
        std::vector<RetrievalAnchor> anchors;
        auto embeddingsOf = [&](const std::vector<store::Id>& imageIds) { return evalEmbeddings(r, imageIds); };
        for (const store::PrototypeRecord& p : r.ws.prototypes().forRound(r.record.id)) {
            if (p.status != PrototypeStatus::Kept) continue;
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
            index::normaliseL2(a.query);
            a.members = vectors.take();  // the embedder's vectors are unit length already
            anchors.push_back(std::move(a));
        }
        if (anchors.empty()) {
            how = key(RetrievalStrategy::Random) + QStringLiteral(" (no prototype to retrieve with)");
            selected = retriever.random(r.options.budget, options.seed);
        } else {
            auto s = retriever.engine(anchors, idx.value(), progress.sub(0.0, 0.5));
            if (!s) return s.error();
            selected = s.take();
        }
    } else if (r.options.strategy == RetrievalStrategy::Random) {
        selected = retriever.random(r.options.budget, options.seed);
    } else if (r.options.strategy == RetrievalStrategy::Coreset) {
        selected = retriever.coreset(progress.sub(0.0, 0.5));
    } else {
        auto net = r.loadModel(r.registry.current());
        if (!net) return net.error();
        // Rendered for the drafting model: its image size and, when it reads them, its measures.
        PoolEmbedder renderer(r.ws, net.value(), r.registry.current());
        auto s = retriever.uncertainty(
            [&](const std::vector<store::Id>& ids) -> Result<std::vector<double>> {
                std::vector<double> scores;
                for (std::size_t start = 0; start < ids.size(); start += 32) {
                    progress.checkCancelled();
                    progress.report(0.5 * double(start) / double(ids.size()),
                                    QStringLiteral("Drafting candidate %1 of %2").arg(start + 1).arg(ids.size()));
                    const std::vector<store::Id> chunk(ids.begin() + std::ptrdiff_t(start),
                                                       ids.begin() + std::ptrdiff_t(std::min(ids.size(), start + 32)));
                    // A file gone, changed or unreadable is marked and scored lowest (never chosen).
                    auto each = renderer.pixelsEach(chunk);
                    std::vector<model::VisualInput> visuals;
                    for (std::size_t k = 0; k < each.size(); ++k) {
                        if (each[k].pixels) {
                            model::VisualInput v;
                            v.first = each[k].pixels.take();
                            v.firstMeasures = std::move(each[k].measures);
                            v.modality = each[k].modality;
                            visuals.push_back(std::move(v));
                        } else if (each[k].fileStatus) {
                            r.ws.poolFiles().markUnusable(chunk[k], *each[k].fileStatus, each[k].pixels.error().reason, io::kReaderVersion);
                        } else {
                            return each[k].pixels.error();
                        }
                    }
                    std::vector<model::GeneratedDescription> described;
                    if (!visuals.empty()) {
                        auto d = net.value().describe(visuals, model::GenerationOptions{});
                        if (!d) return d.error();
                        described = d.take();
                    }
                    std::size_t next = 0;
                    for (const auto& item : each)
                        scores.push_back(item.fileStatus ? -1.0 : described[next++].meanEntropy);
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
    int filesLeftOut = 0;
    for (std::size_t i = 0; i < selected.size(); ++i) {
        if (i % 8 == 0) {
            writing.checkCancelled();
            writing.report(double(i) / double(selected.size()),
                           QStringLiteral("Preparing item %1 of %2 for annotation").arg(i + 1).arg(selected.size()));
        }
        const auto item = r.ws.pool().get(selected[i].poolItemId);
        if (!item) return Error{QStringLiteral("pool item %1").arg(selected[i].poolItemId), QStringLiteral("vanished")};
        auto image = materialise(r.ws, *item, r.options.actor);
        if (!image && item->kind == PoolItemKind::File) {  // gone or changed since it was indexed: marked, left out
            spdlog::warn("round {}: {} (left out)", r.record.number, image.error().message().toStdString());
            ++filesLeftOut;
            continue;
        }
        if (!image) return image.error();
        store::SelectionRecord row;
        row.roundId = r.record.id;
        row.poolItemId = item->id;
        row.imageId = image.value();
        row.prototypeId = selected[i].prototypeId;
        row.similarity = selected[i].similarity;
        row.rank = int(rows.size());
        rows.push_back(row);
        if (selected[i].prototypeId) perPrototype[*selected[i].prototypeId] += 1;
    }
    r.loop.addSelections(rows);
    for (auto it = perPrototype.begin(); it != perPrototype.end(); ++it)
        r.loop.setPrototypeRetrieved(it.key(), it.value());
    r.metrics.retrieval = RetrievalMetrics{how, int(rows.size()), retriever.duplicatesDropped(), int(excluded.size()),
                                           filesLeftOut};
    r.recordSeconds(RoundStep::Retrieve);
    r.ws.rounds().update(r.record.id, RunStatus::Running, RoundStep::Retrieve, r.metrics.toJson());
    tx.commit();
    r.record.step = RoundStep::Retrieve;
    return {};
}

}  // namespace medq::loop::round
