#include "loop/Retrieval.h"

#include "loop/KCenterGreedy.h"

#include "common/Random.h"

#include "io/Modality.h"
#include "store/Workspace.h"

#include <QHash>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace medq::loop {
namespace {
double dot(const float* a, const float* b, int dim) {
    double s = 0;
    for (int i = 0; i < dim; ++i) s += double(a[i]) * b[i];
    return s;
}
}  // namespace

std::vector<int> proportionalQuotas(const std::vector<double>& weights, int budget) {
    std::vector<int> quotas(weights.size(), 0);
    if (weights.empty() || budget <= 0) return quotas;
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<std::pair<double, std::size_t>> remainders;
    int given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double exact = total > 0 ? budget * weights[i] / total : double(budget) / double(weights.size());
        quotas[i] = int(std::floor(exact));
        given += quotas[i];
        remainders.emplace_back(exact - quotas[i], i);
    }
    std::stable_sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t r = 0; given < budget; r = (r + 1) % remainders.size(), ++given) quotas[remainders[r].second] += 1;
    return quotas;
}

Retriever::Retriever(store::Workspace& ws, const index::EmbeddingFile& embeddings, const RoundOptions& options,
                     QSet<store::Id> excluded, std::vector<float> benchmark)
    : m_ws(ws), m_file(embeddings), m_options(options), m_excluded(std::move(excluded)), m_benchmark(std::move(benchmark)) {}

const float* Retriever::vectorOf(store::Id id) const {
    const std::int64_t* ids = m_file.ids();
    const std::int64_t* end = ids + m_file.count();
    const std::int64_t* at = std::lower_bound(ids, end, id);  // appended in id order
    if (at == end || *at != id) return nullptr;
    return m_file.vectors() + (at - ids) * m_file.dim();
}

bool Retriever::nearBenchmark(const float* v) const {
    const int dim = m_file.dim();
    for (std::size_t off = 0; off + std::size_t(dim) <= m_benchmark.size(); off += std::size_t(dim))
        if (dot(v, m_benchmark.data() + off, dim) >= m_options.duplicateSimilarity) return true;
    return false;
}

std::vector<store::Id> Retriever::eligible() const {
    std::vector<store::Id> out;
    for (std::int64_t r = 0; r < m_file.count(); ++r)
        if (!m_excluded.contains(m_file.ids()[r])) out.push_back(m_file.ids()[r]);
    return out;
}

std::vector<std::vector<index::SearchHit>> Retriever::anchorHits(const RetrievalAnchor& anchor, const index::PoolIndex& index) const {
    if (m_options.anchors == Anchors::Centroid || anchor.members.empty())
        return index.search(anchor.query.data(), 1, m_options.neighboursPerPrototype);
    // Members: the same number of neighbours in all, spread over the members, so that the
    // candidates cover the whole failure mode and not only its centre.
    const int dim = int(anchor.query.size());
    std::vector<float> queries;
    for (const auto& m : anchor.members) queries.insert(queries.end(), m.begin(), m.end());
    const int count = int(anchor.members.size());
    const int k = std::max(kMinNeighboursPerMember, (m_options.neighboursPerPrototype + count - 1) / count);
    Q_ASSERT(int(queries.size()) == count * dim);
    return index.search(queries.data(), count, k);
}

Result<std::vector<Selection>> Retriever::engine(const std::vector<RetrievalAnchor>& anchors, const index::PoolIndex& index,
                                                 const jobs::Progress& progress) {
    if (anchors.empty()) return Error{QStringLiteral("retrieval"), QStringLiteral("no prototype to retrieve with")};
    std::vector<double> mass;
    for (const auto& a : anchors) mass.push_back(a.failureMass);
    std::vector<int> quotas = proportionalQuotas(mass, m_options.budget);
    const int dim = m_file.dim();

    std::vector<Selection> selected;
    std::vector<const float*> chosenVectors;
    QSet<store::Id> taken;
    QHash<store::Id, int> modalityOf;
    auto modality = [&](store::Id id) {
        auto it = modalityOf.find(id);
        if (it != modalityOf.end()) return *it;
        const auto item = m_ws.pool().get(id);
        return *modalityOf.insert(id, item ? item->modality : -1);
    };
    // Larger quotas first, so the biggest failure modes get the nearest items.
    std::vector<std::size_t> order(anchors.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return quotas[a] > quotas[b]; });
    int shortfall = 0;
    for (std::size_t n = 0; n < order.size(); ++n) {
        progress.checkCancelled();
        progress.report(double(n) / double(order.size()), QStringLiteral("Retrieving for prototype %1 of %2").arg(n + 1).arg(order.size()));
        const RetrievalAnchor& anchor = anchors[order[n]];
        const int quota = quotas[order[n]] + shortfall;
        if (quota <= 0) continue;
        const auto modalityIndex = [&] {
            for (std::size_t m = 0; m < kClinicalModalities.size(); ++m)
                if (modalityKey(kClinicalModalities[m]) == anchor.modality) return int(m);
            return -1;
        }();
        struct Candidate { store::Id id; double relevance; const float* v; };
        std::vector<Candidate> candidates;
        QHash<store::Id, std::size_t> candidateAt;
        QSet<store::Id> rejected;
        for (const std::vector<index::SearchHit>& perQuery : anchorHits(anchor, index)) {
            for (const index::SearchHit& h : perQuery) {
                if (rejected.contains(h.id)) continue;
                // Relevance: the similarity to the closest query (member) that found the item.
                if (const auto at = candidateAt.find(h.id); at != candidateAt.end()) {
                    candidates[*at].relevance = std::max(candidates[*at].relevance, double(h.similarity));
                    continue;
                }
                const bool eligible = !m_excluded.contains(h.id) && !taken.contains(h.id) &&
                                      !(m_options.sameModality && modalityIndex >= 0 && modality(h.id) != modalityIndex);
                const float* v = eligible ? vectorOf(h.id) : nullptr;
                const bool duplicate = v && nearBenchmark(v);
                if (duplicate) ++m_duplicates;
                if (!v || duplicate) {
                    rejected.insert(h.id);
                    continue;
                }
                candidateAt.insert(h.id, candidates.size());
                candidates.push_back({h.id, double(h.similarity), v});
            }
        }
        // Maximal marginal relevance: relevance to the anchor minus redundancy with what is chosen.
        int picked = 0;
        std::vector<bool> used(candidates.size(), false);
        while (picked < quota) {
            double best = -1e9;
            std::size_t bestAt = candidates.size();
            for (std::size_t c = 0; c < candidates.size(); ++c) {
                if (used[c]) continue;
                double redundancy = 0;
                for (const float* s : chosenVectors) redundancy = std::max(redundancy, dot(candidates[c].v, s, dim));
                if (redundancy >= m_options.duplicateSimilarity) {  // near-duplicate of a chosen item
                    used[c] = true;
                    ++m_duplicates;
                    continue;
                }
                const double score = m_options.mmrLambda * candidates[c].relevance - (1.0 - m_options.mmrLambda) * redundancy;
                if (score > best) {
                    best = score;
                    bestAt = c;
                }
            }
            if (bestAt == candidates.size()) break;
            used[bestAt] = true;
            taken.insert(candidates[bestAt].id);
            chosenVectors.push_back(candidates[bestAt].v);
            selected.push_back({candidates[bestAt].id, anchor.prototypeId, candidates[bestAt].relevance});
            ++picked;
        }
        shortfall = quota - picked;  // passed on to the next prototype, after the last to random filling
    }
    // Prototypes that could not fill their quota leave room: fill it at random so every
    // strategy spends the same budget.
    const int missing = m_options.budget - int(selected.size());
    if (missing > 0) {
        for (store::Id id : taken) m_excluded.insert(id);
        for (const Selection& s : random(missing, m_options.seed ^ 0x5eed)) selected.push_back(s);
        for (store::Id id : taken) m_excluded.remove(id);
    }
    progress.report(1.0, QStringLiteral("Selected %1 pool items").arg(selected.size()));
    return selected;
}

std::vector<Selection> Retriever::random(int count, std::uint64_t seed) const {
    std::vector<store::Id> pool = eligible();
    Random(seed).shuffle(pool);
    std::vector<Selection> out;
    for (std::size_t i = 0; i < pool.size() && int(out.size()) < count; ++i) out.push_back({pool[i], std::nullopt, 0.0});
    return out;
}

std::vector<Selection> Retriever::coreset(const jobs::Progress& progress) const {
    const int dim = m_file.dim();
    progress.report(0.0, QStringLiteral("Covering the pool's embeddings (k-center greedy)"));
    const std::vector<store::Id> ids = eligible();
    std::vector<float> candidates;
    candidates.reserve(ids.size() * std::size_t(dim));
    for (store::Id id : ids) {
        const float* v = vectorOf(id);
        candidates.insert(candidates.end(), v, v + dim);
    }
    std::vector<float> centres = m_benchmark;
    for (store::Id id : m_excluded)
        if (const float* v = vectorOf(id)) centres.insert(centres.end(), v, v + dim);
    std::vector<Selection> out;
    for (const KCenterPick& pick : kCenterGreedy(candidates, centres, dim, m_options.budget))
        out.push_back({ids[pick.candidate], std::nullopt, pick.distance});
    progress.report(1.0, QStringLiteral("Selected %1 pool items").arg(out.size()));
    return out;
}

Result<std::vector<Selection>> Retriever::uncertainty(
    const std::function<Result<std::vector<double>>(const std::vector<store::Id>&)>& score, const jobs::Progress& progress) {
    const auto candidates = random(m_options.budget * m_options.uncertaintyCandidates, m_options.seed ^ 0xc0ffee);
    std::vector<store::Id> ids;
    for (const Selection& s : candidates) ids.push_back(s.poolItemId);
    progress.report(0.0, QStringLiteral("Drafting %1 candidates for uncertainty sampling").arg(ids.size()));
    auto scores = score(ids);
    if (!scores) return scores.error();
    std::vector<std::size_t> order(ids.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores.value()[a] > scores.value()[b]; });
    std::vector<Selection> out;
    for (std::size_t i = 0; i < order.size() && int(out.size()) < m_options.budget; ++i)
        out.push_back({ids[order[i]], std::nullopt, scores.value()[order[i]]});
    return out;
}

}  // namespace medq::loop
