// Retrieval at pool scale: N synthetic L2-normalised embeddings (default 1,000,000 x 192,
// clustered around 2,000 Gaussian centres, seeded) are written through EmbeddingFile to a
// temporary directory and read back through its memory map; the index PoolIndex picks for
// N is built from the map. Prints build time, index memory, peak RSS, query latency
// (k = 100, one query at a time and batched) and recall@100 against exact search.
// Usage: bench_retrieval [--n N] [--dim D] [--centres C] [--noise S] [--queries Q]
//                        [--kind auto|flat|approximate] [--seed S]
#include "index/EmbeddingFile.h"
#include "index/PoolIndex.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <random>
#include <unordered_set>

using namespace medq;
using index::PoolIndex;

namespace {

struct Options {
    std::int64_t n = 1000000;
    int dim = 192;
    int centres = 2000;
    // Noise norm relative to the unit centre. 1.5 puts a point's cosine to others of its
    // centre near 0.3 against 0 +- 0.07 to the rest: clustered, but the 100 nearest still
    // mix in outsiders, like real embeddings. Above ~2 the neighbours are mostly noise.
    double noise = 1.5;
    int queries = 200;
    QString kind = "auto";
    std::uint64_t seed = 7;
};

// Points: normalise(centre + noise * g / sqrt(dim)), g standard normal, so the noise has
// about `noise` norm and a point's cosine to its centre is about 1 / sqrt(1 + noise^2).
class ClusteredSource {
public:
    ClusteredSource(const Options& o) : m_dim(o.dim), m_noise(o.noise / std::sqrt(double(o.dim))) {
        std::mt19937_64 rng(o.seed);
        m_centres.resize(std::size_t(o.centres) * o.dim);
        for (float& v : m_centres) v = float(m_normal(rng));
        for (int c = 0; c < o.centres; ++c) normalise(&m_centres[std::size_t(c) * o.dim]);
    }
    void fill(std::mt19937_64& rng, std::int64_t rows, float* out) {
        std::uniform_int_distribution<int> pick(0, int(m_centres.size() / std::size_t(m_dim)) - 1);
        for (std::int64_t r = 0; r < rows; ++r) {
            const float* c = &m_centres[std::size_t(pick(rng)) * m_dim];
            float* x = out + r * m_dim;
            for (int j = 0; j < m_dim; ++j) x[j] = c[j] + float(m_noise * m_normal(rng));
            normalise(x);
        }
    }

private:
    void normalise(float* x) const {
        double s = 0;
        for (int j = 0; j < m_dim; ++j) s += double(x[j]) * x[j];
        const float inv = float(1.0 / std::sqrt(std::max(s, 1e-30)));
        for (int j = 0; j < m_dim; ++j) x[j] *= inv;
    }
    int m_dim;
    double m_noise;
    std::vector<float> m_centres;
    std::normal_distribution<double> m_normal;
};

double peakRssMB() {
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

QString blasName() {
    const QString target = QFileInfo("/usr/lib/x86_64-linux-gnu/libblas.so.3").canonicalFilePath();
    if (target.contains("openblas")) return "OpenBLAS (" + target + ")";
    return "reference BLAS? (" + target + ") -- expect 50x slower matrix products";
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Options o;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        const QString key = args[i], value = args[i + 1];
        if (key == "--n") o.n = value.toLongLong();
        else if (key == "--dim") o.dim = value.toInt();
        else if (key == "--centres") o.centres = value.toInt();
        else if (key == "--noise") o.noise = value.toDouble();
        else if (key == "--queries") o.queries = value.toInt();
        else if (key == "--kind") o.kind = value;
        else if (key == "--seed") o.seed = value.toULongLong();
        else {
            std::fprintf(stderr, "unknown argument %s\n", qPrintable(key));
            return 1;
        }
    }
    if (o.n < 1 || o.dim < 1 || o.centres < 1 || o.queries < 1) {
        std::fprintf(stderr, "n, dim, centres and queries must be positive\n");
        return 1;
    }
    std::printf("bench_retrieval: n=%lld dim=%d centres=%d noise=%.2f queries=%d seed=%llu; BLAS: %s\n", (long long)o.n,
                o.dim, o.centres, o.noise, o.queries, (unsigned long long)o.seed, qPrintable(blasName()));

    // 1. Write the pool through EmbeddingFile in batches, as the embedding job does.
    QTemporaryDir tmp;
    const QString path = tmp.filePath("pool.emb");
    ClusteredSource source(o);
    std::mt19937_64 rng(o.seed + 1);
    QElapsedTimer t;
    t.start();
    {
        auto created = index::EmbeddingFile::create(path, o.dim, "bench_retrieval synthetic");
        if (!created) return std::fprintf(stderr, "%s\n", qPrintable(created.error().message())), 1;
        index::EmbeddingFile file = created.take();
        const std::int64_t batch = 50000;
        std::vector<float> rows(std::size_t(batch) * o.dim);
        std::vector<std::int64_t> ids;
        for (std::int64_t i0 = 0; i0 < o.n; i0 += batch) {
            const std::int64_t m = std::min(batch, o.n - i0);
            source.fill(rng, m, rows.data());
            ids.resize(static_cast<std::size_t>(m));
            for (std::int64_t j = 0; j < m; ++j) ids[std::size_t(j)] = 1 + i0 + j;  // pool item ids start at 1
            if (Status s = file.append(ids, rows.data()); !s) return std::fprintf(stderr, "%s\n", qPrintable(s.error().message())), 1;
        }
    }
    std::printf("embeddings: wrote %.0f MB of rows in %.1f s (generation included); file %.0f MB with its free capacity (sparse)\n",
                double(o.n) * (o.dim * 4 + 8) / 1e6, t.elapsed() / 1000.0, double(QFileInfo(path).size()) / 1e6);
    auto opened = index::EmbeddingFile::open(path);
    if (!opened) return std::fprintf(stderr, "%s\n", qPrintable(opened.error().message())), 1;
    const index::EmbeddingFile file = opened.take();
    std::vector<float> queries(std::size_t(o.queries) * o.dim);
    std::mt19937_64 queryRng(o.seed + 2);
    source.fill(queryRng, o.queries, queries.data());  // unseen points from the same centres

    // 2. Build the index for this size from the memory map.
    const PoolIndex::Kind kind = o.kind == "flat" ? PoolIndex::Kind::Flat
                                 : o.kind == "approximate" ? PoolIndex::Kind::Approximate
                                                           : PoolIndex::kindFor(o.n);
    std::atomic<bool> never{false};
    int lastDecile = -1;
    jobs::Progress progress(&never, [&](double f, const QString& phrase) {
        if (int(f * 10) != lastDecile) {
            lastDecile = int(f * 10);
            std::printf("  %3.0f%% %s (%.1f s)\n", f * 100, qPrintable(phrase), t.elapsed() / 1000.0);
            std::fflush(stdout);
        }
    });
    t.restart();
    auto built = PoolIndex::build(file.vectors(), file.ids(), file.count(), file.dim(), kind, progress, o.seed);
    if (!built) return std::fprintf(stderr, "%s\n", qPrintable(built.error().message())), 1;
    const PoolIndex pool = built.take();
    const double buildSeconds = t.elapsed() / 1000.0;
    std::printf("index: %s\n", QJsonDocument(pool.describe()).toJson(QJsonDocument::Compact).constData());
    std::printf("build: %.1f s, index memory %.0f MB, peak RSS so far %.0f MB (includes the mapped file's resident pages)\n",
                buildSeconds, double(pool.memoryBytes()) / 1e6, peakRssMB());

    // 3. Latency: one prototype at a time, then the prototypes as one batch.
    const int k = 100;
    std::vector<double> single;
    std::vector<std::vector<index::SearchHit>> found(std::size_t(o.queries));
    for (int q = 0; q < o.queries; ++q) {
        t.restart();
        found[std::size_t(q)] = pool.search(&queries[std::size_t(q) * o.dim], 1, k)[0];
        single.push_back(t.nsecsElapsed() / 1e6);
    }
    std::vector<double> batched;
    for (int r = 0; r < 10; ++r) {
        t.restart();
        const auto hits = pool.search(queries.data(), o.queries, k);
        batched.push_back(t.nsecsElapsed() / 1e6 / o.queries);
    }
    std::printf("latency k=%d, ms per prototype: single median %.2f p95 %.2f; batched (%d at once, 10 runs) median %.3f p95 %.3f\n",
                k, percentile(single, 0.5), percentile(single, 0.95), o.queries, percentile(batched, 0.5),
                percentile(batched, 0.95));

    // 4. Recall@100 against exact search (IndexFlatIP) over the same map.
    if (pool.kind() != PoolIndex::Kind::Flat) {
        t.restart();
        auto exact = PoolIndex::build(file.vectors(), file.ids(), file.count(), file.dim(), PoolIndex::Kind::Flat,
                                      jobs::Progress(&never, {}), o.seed);
        if (!exact) return std::fprintf(stderr, "%s\n", qPrintable(exact.error().message())), 1;
        const auto truth = exact.value().search(queries.data(), o.queries, k);
        double hitsTotal = 0;
        std::vector<double> perQuery;
        for (int q = 0; q < o.queries; ++q) {
            std::unordered_set<std::int64_t> want;
            for (const auto& h : truth[std::size_t(q)]) want.insert(h.id);
            int got = 0;
            for (const auto& h : found[std::size_t(q)]) got += int(want.count(h.id));
            hitsTotal += got;
            perQuery.push_back(double(got) / double(std::max<std::size_t>(1, truth[std::size_t(q)].size())));
        }
        std::printf("recall@%d vs exact (IndexFlatIP, %.1f s incl. build): mean %.4f, worst query %.2f, p5 %.2f\n", k,
                    t.elapsed() / 1000.0, hitsTotal / (double(o.queries) * k),
                    *std::min_element(perQuery.begin(), perQuery.end()), percentile(perQuery, 0.05));
    } else {
        std::printf("recall@%d: 1.0 (exact index)\n", k);
    }
    std::printf("peak RSS: %.0f MB\n", peakRssMB());
    return 0;
}
