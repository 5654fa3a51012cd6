#pragma once
// Step 4 of a round: which pool items to annotate. The engine strategy uses each kept
// prototype as a query anchor into the pool index, with a quota proportional to its
// failure mass (size x failure rate), drops near-duplicates (of each other and of the
// benchmark) and already-selected items, and picks by maximal marginal relevance
// (Carbonell & Goldstein 1998) for diversity. An anchor queries with each of its failed
// members (RoundOptions::anchors "members") or with their mean ("centroid"). Random,
// uncertainty and coreset (k-center greedy) sampling are the baselines the engine is
// measured against.
#include "common/Result.h"
#include "index/EmbeddingFile.h"
#include "index/PoolIndex.h"
#include "jobs/Progress.h"
#include "loop/RoundOptions.h"
#include "store/Records.h"

#include <QSet>
#include <functional>
#include <optional>
#include <vector>

namespace medq::store { class Workspace; }

namespace medq::loop {

struct RetrievalAnchor {
    store::Id prototypeId = 0;
    QString modality;
    double failureMass = 0;     // members x failure rate
    std::vector<float> query;   // L2-normalised mean of the members
    std::vector<std::vector<float>> members;  // L2-normalised embeddings of the failed members
};

struct Selection {
    store::Id poolItemId = 0;
    std::optional<store::Id> prototypeId;
    // To its anchor (engine), uncertainty score (uncertainty) or distance to the nearest
    // labelled item when picked (coreset).
    double similarity = 0;
};

// Largest-remainder split of `budget` in proportion to `weights` (all zero: even split).
std::vector<int> proportionalQuotas(const std::vector<double>& weights, int budget);

class Retriever {
public:
    // `excluded`: pool items never to select again. `benchmark`: embeddings (row-major,
    // dim of the file) of benchmark items; pool items closer than the duplicate threshold
    // to one of them are left out.
    Retriever(store::Workspace& ws, const index::EmbeddingFile& embeddings, const RoundOptions& options,
              QSet<store::Id> excluded, std::vector<float> benchmark = {});

    Result<std::vector<Selection>> engine(const std::vector<RetrievalAnchor>& anchors, const index::PoolIndex& index,
                                          const jobs::Progress& progress);
    std::vector<Selection> random(int count, std::uint64_t seed) const;
    // Uncertainty sampling: `score` (higher = less sure) over budget x uncertaintyCandidates
    // random candidates; the top `budget` are kept.
    Result<std::vector<Selection>> uncertainty(
        const std::function<Result<std::vector<double>>(const std::vector<store::Id>&)>& score, const jobs::Progress& progress);

    // Coreset sampling (loop/KCenterGreedy.h) over the embedded eligible items: each pick the
    // farthest from the benchmark's embedded items, the excluded (earlier selected) items and
    // the picks before it.
    std::vector<Selection> coreset(const jobs::Progress& progress) const;

    int duplicatesDropped() const { return m_duplicates; }

private:
    static constexpr int kMinNeighboursPerMember = 10;
    // faiss hits for an anchor: one list for the centroid, or one per member.
    std::vector<std::vector<index::SearchHit>> anchorHits(const RetrievalAnchor& anchor, const index::PoolIndex& index) const;
    const float* vectorOf(store::Id poolItemId) const;  // nullptr when not embedded
    bool nearBenchmark(const float* v) const;
    std::vector<store::Id> eligible() const;

    store::Workspace& m_ws;
    const index::EmbeddingFile& m_file;
    RoundOptions m_options;
    QSet<store::Id> m_excluded;
    std::vector<float> m_benchmark;
    int m_duplicates = 0;
};

}  // namespace medq::loop
