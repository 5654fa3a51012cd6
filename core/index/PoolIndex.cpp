#include "index/PoolIndex.h"

#include "common/Random.h"

#include <faiss/Clustering.h>
#include <faiss/IndexFlat.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/impl/FaissException.h>
#include <faiss/index_io.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <new>
#include <numeric>

namespace medq::index {

// The approximate index is IVF-Flat, chosen by measurement: docs/benchmarks.md (bench_retrieval).
namespace {

using FaissIdx = faiss::Index::idx_t;

// About 4 * sqrt(n) lists (the faiss guideline), rounded to a power of two, and never
// fewer than kMinTrainPerList training points per list.
constexpr std::int64_t kMinTrainPerList = 39;
// k-means sample per list: 40 points per list (just above faiss's 39-point minimum) is
// enough for a coarse quantiser and keeps training well under a minute at 4096 lists.
constexpr std::int64_t kTrainPerList = 40;
constexpr int kTrainIterations = 10;
// nprobe = nlist / kProbeDivisor (at least kMinProbe): 32 of 4096 lists at 1M vectors.
// Measured at 1M x 192 (2,000 centres, noise 1.5): recall@100 0.992 / 0.994 / 0.996 at
// nprobe 16 / 32 / 64 for 1.3 / 2.5 / 5-8 ms per single query; 32 leaves margin for
// real embeddings, which are less cleanly clustered.
constexpr int kProbeDivisor = 128;
constexpr int kMinProbe = 8;
// Rows per add() / assignment call: small enough that cancel is seen well within a
// second (an IVF assignment of 16k rows against 4096 centroids is ~25 GFLOP, ~0.15 s).
constexpr std::int64_t kAddChunk = 16384;

int listCountFor(std::int64_t n) {
    const double target = 4.0 * std::sqrt(double(std::max<std::int64_t>(n, 1)));
    int nlist = 1;
    while (nlist * 2 <= target * std::sqrt(2.0)) nlist *= 2;  // nearest power of two
    while (nlist > 1 && std::int64_t(nlist) * kMinTrainPerList > n) nlist /= 2;
    return nlist;
}

int probeCountFor(int nlist) { return std::min(nlist, std::max(kMinProbe, nlist / kProbeDivisor)); }

// The flat index k-means assigns with, searching in chunks so a long training pass still
// reports progress and honours cancel between chunks (faiss::Clustering calls search()
// once per iteration over the whole sample, outside any OpenMP region).
struct CancellableFlatIP : faiss::IndexFlatIP {
    CancellableFlatIP(int dim, const jobs::Progress& progress, int iterations)
        : faiss::IndexFlatIP(dim), m_progress(progress), m_iterations(iterations) {}
    void search(FaissIdx n, const float* x, FaissIdx k, float* distances, FaissIdx* labels,
                const faiss::SearchParameters* params = nullptr) const override {
        for (FaissIdx i0 = 0; i0 < n; i0 += kAddChunk) {
            m_progress.checkCancelled();
            const FaissIdx i1 = std::min(n, i0 + kAddChunk);
            faiss::IndexFlatIP::search(i1 - i0, x + i0 * d, k, distances + i0 * k, labels + i0 * k, params);
            m_progress.report((m_calls + double(i1) / double(n)) / m_iterations,
                              QStringLiteral("training the coarse quantiser (iteration %1 of %2)").arg(m_calls + 1).arg(m_iterations));
        }
        ++m_calls;
    }
    const jobs::Progress& m_progress;
    int m_iterations;
    mutable int m_calls = 0;
};

QString kindName(PoolIndex::Kind kind) { return kind == PoolIndex::Kind::Flat ? "flat" : "approximate"; }

}  // namespace

struct PoolIndex::Impl {
    std::unique_ptr<faiss::Index> index;
    Kind kind = Kind::Flat;

    const faiss::IndexIVFFlat* ivf() const { return dynamic_cast<const faiss::IndexIVFFlat*>(index.get()); }

    // Adds in chunks; progress covers [0, 1] of `progress`.
    void addChunked(const float* vectors, const std::int64_t* ids, std::int64_t n, const jobs::Progress& progress) {
        const int d = int(index->d);
        for (std::int64_t i0 = 0; i0 < n; i0 += kAddChunk) {
            progress.checkCancelled();
            const std::int64_t i1 = std::min(n, i0 + kAddChunk);
            index->add_with_ids(i1 - i0, vectors + i0 * d, reinterpret_cast<const FaissIdx*>(ids + i0));
            progress.report(double(i1) / double(n), QStringLiteral("adding vectors (%1 of %2)").arg(i1).arg(n));
        }
    }
};

PoolIndex::Kind PoolIndex::kindFor(std::int64_t vectorCount) {
    return vectorCount < kExactLimit ? Kind::Flat : Kind::Approximate;
}

PoolIndex::PoolIndex() : m_impl(std::make_unique<Impl>()) {}
PoolIndex::~PoolIndex() = default;
PoolIndex::PoolIndex(PoolIndex&&) noexcept = default;
PoolIndex& PoolIndex::operator=(PoolIndex&&) noexcept = default;

Result<PoolIndex> PoolIndex::build(const float* vectors, const std::int64_t* ids, std::int64_t n, int dim,
                                   const jobs::Progress& progress, std::uint64_t seed) {
    return build(vectors, ids, n, dim, kindFor(n), progress, seed);
}

Result<PoolIndex> PoolIndex::build(const float* vectors, const std::int64_t* ids, std::int64_t n, int dim, Kind kind,
                                   const jobs::Progress& progress, std::uint64_t seed) {
    const QString subject = QStringLiteral("pool index");
    if (dim < 1) return Error{subject, QStringLiteral("dimension %1 is invalid").arg(dim)};
    if (n < 0 || (n > 0 && (!vectors || !ids))) return Error{subject, QStringLiteral("no vectors or ids given")};
    if (kind == Kind::Approximate && n < 1) return Error{subject, QStringLiteral("an approximate index needs vectors to train on")};

    PoolIndex result;
    Impl& d = *result.m_impl;
    d.kind = kind;
    try {
        if (kind == Kind::Flat) {
            auto idMap = std::make_unique<faiss::IndexIDMap>(new faiss::IndexFlatIP(dim));
            idMap->own_fields = true;
            d.index = std::move(idMap);
            d.addChunked(vectors, ids, n, progress);
        } else {
            const int nlist = listCountFor(n);
            // Train on a seeded sample (sorted, so an mmap'd pool is read in order).
            const std::int64_t trainCount = std::min(n, std::int64_t(nlist) * kTrainPerList);
            std::vector<std::int64_t> rows(static_cast<std::size_t>(n));
            std::iota(rows.begin(), rows.end(), std::int64_t(0));
            // The first trainCount steps of a Fisher-Yates shuffle from the front.
            Random random(seed);
            for (std::int64_t i = 0; i < trainCount; ++i)
                std::swap(rows[std::size_t(i)],
                          rows[std::size_t(i + std::int64_t(random.next() % std::uint64_t(n - i)))]);
            rows.resize(static_cast<std::size_t>(trainCount));
            std::sort(rows.begin(), rows.end());
            std::vector<float> sample(std::size_t(trainCount) * dim);
            for (std::int64_t i = 0; i < trainCount; ++i)
                std::memcpy(&sample[std::size_t(i) * dim], vectors + rows[std::size_t(i)] * dim, sizeof(float) * dim);
            rows = {};

            const jobs::Progress trainProgress = progress.sub(0.0, 0.4);
            faiss::ClusteringParameters cp;
            cp.niter = kTrainIterations;
            cp.spherical = true;  // centroids on the unit sphere, as the vectors are
            cp.seed = int(seed & 0x7fffffff);
            cp.min_points_per_centroid = 1;
            cp.max_points_per_centroid = int(kTrainPerList) + 1;
            faiss::Clustering clustering(dim, nlist, cp);
            CancellableFlatIP assigner(dim, trainProgress, kTrainIterations);
            clustering.train(trainCount, sample.data(), assigner);
            sample = {};

            auto quantizer = std::make_unique<faiss::IndexFlatIP>(dim);
            quantizer->add(nlist, clustering.centroids.data());
            auto ivf = std::make_unique<faiss::IndexIVFFlat>(quantizer.release(), dim, std::size_t(nlist),
                                                             faiss::METRIC_INNER_PRODUCT);
            ivf->own_fields = true;
            ivf->nprobe = std::size_t(probeCountFor(nlist));
            d.index = std::move(ivf);
            d.addChunked(vectors, ids, n, progress.sub(0.4, 1.0));
        }
    } catch (const faiss::FaissException& e) {
        return Error{subject, QStringLiteral("faiss: %1").arg(QString::fromStdString(e.msg))};
    } catch (const std::bad_alloc&) {
        return Error{subject, QStringLiteral("out of memory building an index of %1 x %2").arg(n).arg(dim)};
    }
    progress.report(1.0, QStringLiteral("index built"));
    return result;
}

Status PoolIndex::add(const float* vectors, const std::int64_t* ids, std::int64_t n) {
    const QString subject = QStringLiteral("pool index");
    if (!m_impl->index) return Error{subject, QStringLiteral("add to an index that was not built")};
    if (n <= 0) return {};
    if (!vectors || !ids) return Error{subject, QStringLiteral("no vectors or ids given")};
    try {
        std::atomic<bool> never{false};
        m_impl->addChunked(vectors, ids, n, jobs::Progress(&never, {}));
    } catch (const faiss::FaissException& e) {
        return Error{subject, QStringLiteral("faiss: %1").arg(QString::fromStdString(e.msg))};
    } catch (const std::bad_alloc&) {
        return Error{subject, QStringLiteral("out of memory adding %1 vectors").arg(n)};
    }
    return {};
}

std::vector<std::vector<SearchHit>> PoolIndex::search(const float* queries, int queryCount, int k) const {
    std::vector<std::vector<SearchHit>> hits(std::size_t(std::max(queryCount, 0)));
    const faiss::Index* index = m_impl->index.get();
    if (!index || queryCount <= 0 || k <= 0 || index->ntotal == 0) return hits;
    const FaissIdx kk = std::min<FaissIdx>(k, index->ntotal);
    std::vector<float> distances(std::size_t(queryCount) * kk);
    std::vector<FaissIdx> labels(std::size_t(queryCount) * kk);
    index->search(queryCount, queries, kk, distances.data(), labels.data());
    for (int q = 0; q < queryCount; ++q) {
        auto& row = hits[std::size_t(q)];
        row.reserve(static_cast<std::size_t>(kk));
        for (FaissIdx j = 0; j < kk; ++j) {
            const std::size_t at = std::size_t(q) * kk + j;
            if (labels[at] < 0) break;  // an IVF probe can hold fewer than k vectors
            row.push_back({std::int64_t(labels[at]), distances[at]});
        }
    }
    return hits;
}

Status PoolIndex::save(const QString& path) const {
    if (!m_impl->index) return Error{path, QStringLiteral("no index to save")};
    const QByteArray finalPath = QFile::encodeName(path);
    // A staged name of its own for each writer: two processes indexing one workspace (a bench
    // beside the workstation) must not rename each other's half-written file away.
    QByteArray stagedPath = finalPath + ".XXXXXX";
    const int fd = ::mkstemp(stagedPath.data());
    if (fd < 0) return Error{path, QStringLiteral("cannot create %1: %2").arg(QFile::decodeName(stagedPath), std::strerror(errno))};
    ::fchmod(fd, 0644);  // mkstemp's 0600 would hide the index from a second account on a shared site
    FILE* f = ::fdopen(fd, "wb");
    if (!f) {
        const QString reason = std::strerror(errno);
        ::close(fd);
        std::remove(stagedPath.constData());
        return Error{path, QStringLiteral("cannot create %1: %2").arg(QFile::decodeName(stagedPath), reason)};
    }
    try {
        faiss::write_index(m_impl->index.get(), f);
    } catch (const faiss::FaissException& e) {
        std::fclose(f);
        std::remove(stagedPath.constData());
        return Error{path, QStringLiteral("cannot write the index: %1").arg(QString::fromStdString(e.msg))};
    }
    // Durable before the rename, so the name never points at a partial index.
    const bool flushed = std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
    if (std::fclose(f) != 0 || !flushed) {
        std::remove(stagedPath.constData());
        return Error{path, QStringLiteral("cannot write the index: %1").arg(std::strerror(errno))};
    }
    if (std::rename(stagedPath.constData(), finalPath.constData()) != 0) {
        const QString reason = std::strerror(errno);
        std::remove(stagedPath.constData());
        return Error{path, QStringLiteral("cannot rename the staged index: %1").arg(reason)};
    }
    const QByteArray dir = QFile::encodeName(QFileInfo(path).absolutePath());
    if (const int fd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    return {};
}

Result<PoolIndex> PoolIndex::load(const QString& path) {
    if (!QFileInfo::exists(path)) return Error{path, QStringLiteral("no such index file")};
    std::unique_ptr<faiss::Index> index;
    try {
        index.reset(faiss::read_index(QFile::encodeName(path).constData()));
    } catch (const faiss::FaissException& e) {
        return Error{path, QStringLiteral("not a readable faiss index: %1").arg(QString::fromStdString(e.msg))};
    } catch (const std::bad_alloc&) {
        // A corrupt size field can ask for an absurd allocation.
        return Error{path, QStringLiteral("not a readable faiss index (corrupt sizes)")};
    } catch (const std::exception& e) {
        return Error{path, QStringLiteral("not a readable faiss index: %1").arg(QString::fromLocal8Bit(e.what()))};
    }
    PoolIndex result;
    Impl& d = *result.m_impl;
    if (index->metric_type != faiss::METRIC_INNER_PRODUCT)
        return Error{path, QStringLiteral("index does not use inner product")};
    if (auto* idMap = dynamic_cast<faiss::IndexIDMap*>(index.get()); idMap && dynamic_cast<faiss::IndexFlat*>(idMap->index)) {
        d.kind = Kind::Flat;
    } else if (dynamic_cast<faiss::IndexIVFFlat*>(index.get())) {
        d.kind = Kind::Approximate;
    } else {
        return Error{path, QStringLiteral("unexpected index type (not a pool index)")};
    }
    d.index = std::move(index);
    return result;
}

PoolIndex::Kind PoolIndex::kind() const { return m_impl->kind; }
std::int64_t PoolIndex::size() const { return m_impl->index ? std::int64_t(m_impl->index->ntotal) : 0; }
int PoolIndex::dim() const { return m_impl->index ? int(m_impl->index->d) : 0; }

std::size_t PoolIndex::memoryBytes() const {
    const faiss::Index* index = m_impl->index.get();
    if (!index) return 0;
    const std::size_t perVector = std::size_t(index->d) * sizeof(float) + sizeof(FaissIdx);
    std::size_t bytes = std::size_t(index->ntotal) * perVector;
    if (const auto* ivf = m_impl->ivf()) bytes += ivf->nlist * std::size_t(index->d) * sizeof(float);  // centroids
    return bytes;
}

QJsonObject PoolIndex::describe() const {
    QJsonObject o{{"kind", kindName(kind())}, {"size", double(size())}, {"dim", dim()}, {"metric", "inner_product"},
                  {"memoryMB", double(memoryBytes()) / 1e6}};
    if (const auto* ivf = m_impl->ivf()) {
        o["faiss"] = QStringLiteral("IVF%1,Flat").arg(ivf->nlist);
        o["nlist"] = double(ivf->nlist);
        o["nprobe"] = double(ivf->nprobe);
    } else if (m_impl->index) {
        o["faiss"] = QStringLiteral("IDMap,Flat");
    }
    return o;
}

}  // namespace medq::index
