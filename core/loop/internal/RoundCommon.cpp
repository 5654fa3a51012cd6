// Helpers the round steps share: evaluation samples, deterministic draws, assessment.
#include "loop/internal/RoundSteps.h"

#include "common/Random.h"
#include "dataset/ReferenceSet.h"
#include "learn/ExampleAssembler.h"

#include <algorithm>
#include <set>

namespace medq::loop::round {

// Distinct images of a split's tasks, a fixed seeded sample of `limit` of them (the same
// sample every round, so scores are comparable).
std::vector<store::Id> splitImages(store::Workspace& ws, const QString& split, int limit, std::uint64_t seed) {
    std::set<store::Id> unique;
    for (const auto& t : ws.tasks().inSplit(split)) unique.insert(t.imageId);
    std::vector<store::Id> ids(unique.begin(), unique.end());
    if (limit > 0 && int(ids.size()) > limit) {
        Random(seed).shuffle(ids);
        ids.resize(std::size_t(limit));
        std::sort(ids.begin(), ids.end());
    }
    return ids;
}

// A deterministic coin per (seed, id): spot checks, gold and double annotation draws.
bool coin(std::uint64_t seed, store::Id id, double rate) {
    return Random(Random::derive(seed, std::uint64_t(id))).bernoulli(rate);
}

std::vector<store::Id> heldOutImages(store::Workspace& ws, const RoundOptions& options,
                                     const std::vector<store::Id>& mined) {
    if (options.heldOutLimit <= 0) return {};
    const std::set<store::Id> minedSet(mined.begin(), mined.end());
    std::vector<store::Id> rest;
    for (store::Id id : splitImages(ws, options.evalSplit, 0))
        if (!minedSet.count(id)) rest.push_back(id);
    if (int(rest.size()) > options.heldOutLimit) {
        Random(4049).shuffle(rest);
        rest.resize(std::size_t(options.heldOutLimit));
        std::sort(rest.begin(), rest.end());
    }
    return rest;
}

namespace {

Result<QJsonObject> assessImages(Round& r, const QString& checkpoint, const std::vector<store::Id>& images,
                                 const jobs::Progress& progress, bool keep, std::vector<ItemDraft>* draftsOut) {
    auto net = r.loadModel(checkpoint);
    if (!net) return net.error();
    learn::ExampleAssembler assembler(r.ws, net.value().config());
    // A round's few items of a source are standardised against the checkpoint's reference.
    assembler.setFallbackReference(net.value().measureReference());
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

}  // namespace

// Drafts (or restores) the evaluation images with `checkpoint` and summarises them; with
// heldOutLimit, the held-out images too, as the summary's `heldOut`.
Result<EvaluationSummary> assess(Round& r, const QString& checkpoint, const jobs::Progress& progress, bool keep,
                                 std::vector<ItemDraft>* draftsOut) {
    const bool heldOut = r.options.heldOutLimit > 0;
    const auto mined = splitImages(r.ws, r.options.evalSplit, r.options.evalLimit);
    // The real reference test set is scored beside the evaluation split, never mixed into it.
    const QString reference = dataset::referenceSplit(QStringLiteral("test"));
    const auto referenceImages = r.options.evalSplit == reference ? std::vector<store::Id>{}
                                                                  : splitImages(r.ws, reference, r.options.evalLimit);
    const double share = referenceImages.empty() ? 1.0 : 0.8;
    auto summary = assessImages(r, checkpoint, mined, progress.sub(0.0, heldOut ? 0.6 * share : share), keep,
                                draftsOut);
    if (!summary) return summary.error();
    QJsonObject combined = summary.take();
    if (heldOut) {
        auto other = assessImages(r, checkpoint, heldOutImages(r.ws, r.options, mined),
                                  progress.sub(0.6 * share, share), keep, nullptr);
        if (!other) return other.error();
        combined.insert(QStringLiteral("heldOut"), other.value());
    }
    if (!referenceImages.empty()) {
        auto real = assessImages(r, checkpoint, referenceImages, progress.sub(share, 1.0), keep, nullptr);
        if (!real) return real.error();
        combined.insert(QStringLiteral("reference"), real.value());
    }
    return EvaluationSummary{combined};
}

synth::AnnotatorConfig annotatorConfig(const Round& r, int which) {
    synth::AnnotatorConfig c;
    if (!r.options.annotatorConfig.isEmpty())
        if (auto loaded = synth::AnnotatorConfig::load(r.options.annotatorConfig)) c = loaded.take();
    c.seed += std::uint64_t(which) * 7919;
    return c;
}

}  // namespace medq::loop::round
