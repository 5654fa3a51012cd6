#pragma once
// Nearest-neighbour search over pool embeddings (inner product on L2-normalised vectors,
// i.e. cosine similarity) with faiss. The index kind follows the pool size: exact (flat)
// below kExactLimit vectors, an approximate index above (IVF-Flat; why: docs/benchmarks.md).
// Saved staged-then-renamed, so a crash never leaves a half-written index.
#include "common/Result.h"
#include "jobs/Progress.h"

#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

namespace medq::index {

struct SearchHit {
    std::int64_t id = -1;
    float similarity = 0.0f;  // inner product, higher is closer
};

class PoolIndex {
public:
    enum class Kind { Flat, Approximate };
    static constexpr std::int64_t kExactLimit = 100000;
    static Kind kindFor(std::int64_t vectorCount);

    PoolIndex();
    ~PoolIndex();
    PoolIndex(PoolIndex&&) noexcept;
    PoolIndex& operator=(PoolIndex&&) noexcept;

    // Builds over n row-major vectors of `dim` floats (ids parallel). Reports progress and
    // honours cancel (throws jobs::JobCancelled) at least every second.
    static Result<PoolIndex> build(const float* vectors, const std::int64_t* ids, std::int64_t n, int dim,
                                   const jobs::Progress& progress, std::uint64_t seed = 1);
    static Result<PoolIndex> build(const float* vectors, const std::int64_t* ids, std::int64_t n, int dim,
                                   Kind kind, const jobs::Progress& progress, std::uint64_t seed = 1);
    // Adds vectors to a built index (incremental growth of the pool).
    Status add(const float* vectors, const std::int64_t* ids, std::int64_t n);

    // k nearest per query, best first; fewer when the index holds fewer than k. Batch the
    // queries: faiss's flat search uses BLAS only for 20 or more queries at once.
    std::vector<std::vector<SearchHit>> search(const float* queries, int queryCount, int k) const;

    Status save(const QString& path) const;
    static Result<PoolIndex> load(const QString& path);

    Kind kind() const;
    std::int64_t size() const;
    int dim() const;
    std::size_t memoryBytes() const;  // estimated size of the index structures
    QJsonObject describe() const;     // kind, faiss description, size, parameters

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace medq::index
