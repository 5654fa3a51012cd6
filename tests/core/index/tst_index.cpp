// core/index: the memory-mapped embedding file (round trip, reopen, truncation, crash
// mid-append), the faiss pool index (exact, approximate recall, save/load, add, cancel)
// and k-means clustering with silhouette-chosen k.
#include "common/Random.h"
#include "index/EmbeddingFile.h"
#include "index/KMeansClustering.h"
#include "index/PoolIndex.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <set>
#include <thread>

using namespace medq;
using namespace medq::index;

namespace {

void normalise(float* x, int dim) {
    double s = 0;
    for (int j = 0; j < dim; ++j) s += double(x[j]) * x[j];
    for (int j = 0; j < dim; ++j) x[j] = float(x[j] / std::sqrt(s));
}

// n rows around `centres` random unit centres; noise is the noise norm relative to 1.
std::vector<float> clustered(int n, int dim, int centres, double noise, std::uint64_t seed, std::vector<int>* label = nullptr) {
    Random random(seed);
    std::vector<float> c(std::size_t(centres) * dim);
    for (float& v : c) v = float(random.normal());
    for (int i = 0; i < centres; ++i) normalise(&c[std::size_t(i) * dim], dim);
    std::vector<float> x(std::size_t(n) * dim);
    const double sigma = noise / std::sqrt(double(dim));
    for (int i = 0; i < n; ++i) {
        const int ci = i % centres;
        if (label) label->push_back(ci);
        for (int j = 0; j < dim; ++j)
            x[std::size_t(i) * dim + j] = c[std::size_t(ci) * dim + j] + float(sigma * random.normal());
        normalise(&x[std::size_t(i) * dim], dim);
    }
    return x;
}

std::vector<std::int64_t> idsFrom(std::int64_t first, int n) {
    std::vector<std::int64_t> ids(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) ids[std::size_t(i)] = first + i;
    return ids;
}

// Top-k ids by inner product, brute force.
std::vector<std::int64_t> bruteForce(const std::vector<float>& x, const std::vector<std::int64_t>& ids, int dim, const float* q, int k) {
    const int n = int(ids.size());
    std::vector<std::pair<double, std::int64_t>> scored;
    for (int i = 0; i < n; ++i) scored.emplace_back(1.0 - cosineDistance(&x[std::size_t(i) * dim], q, dim), ids[std::size_t(i)]);
    std::partial_sort(scored.begin(), scored.begin() + k, scored.end(), [](auto& a, auto& b) { return a.first > b.first; });
    std::vector<std::int64_t> top;
    for (int i = 0; i < k; ++i) top.push_back(scored[std::size_t(i)].second);
    return top;
}

jobs::Progress quiet() {
    static std::atomic<bool> never{false};
    return jobs::Progress(&never, {});
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

}  // namespace

class IndexTest : public QObject {
    Q_OBJECT
private slots:
    // ---- EmbeddingFile ----
    void embeddingFileRoundTrips() {
        QTemporaryDir dir;
        const QString path = dir.filePath("a.emb");
        auto created = EmbeddingFile::create(path, 8, "ckpt-42");
        QVERIFY2(created.ok(), qPrintable(created.ok() ? "" : created.error().message()));
        EmbeddingFile file = created.take();
        QCOMPARE(file.count(), std::int64_t(0));
        QCOMPARE(file.lastId(), std::int64_t(-1));
        const auto x = clustered(30, 8, 3, 0.5, 1);
        QVERIFY(file.append(idsFrom(100, 20), x.data()).ok());
        QVERIFY(file.append(idsFrom(7, 10), x.data() + 20 * 8).ok());
        QCOMPARE(file.count(), std::int64_t(30));
        QCOMPARE(file.dim(), 8);
        QCOMPARE(file.tag(), QString("ckpt-42"));
        QCOMPARE(file.lastId(), std::int64_t(119));
        QCOMPARE(file.ids()[0], std::int64_t(100));
        QCOMPARE(file.ids()[29], std::int64_t(16));
        QVERIFY(std::equal(x.begin(), x.end(), file.vectors()));
    }

    void embeddingFileReopensAndAppendsAfterReopen() {
        QTemporaryDir dir;
        const QString path = dir.filePath("b.emb");
        const auto x = clustered(3000, 16, 5, 0.5, 2);
        {
            EmbeddingFile file = EmbeddingFile::create(path, 16, "tag").take();
            QVERIFY(file.append(idsFrom(1, 1000), x.data()).ok());
        }
        {
            auto opened = EmbeddingFile::open(path);
            QVERIFY2(opened.ok(), qPrintable(opened.ok() ? "" : opened.error().message()));
            EmbeddingFile file = opened.take();
            QCOMPARE(file.count(), std::int64_t(1000));
            QCOMPARE(file.lastId(), std::int64_t(1000));
            // Past the initial capacity: the file grows through a staged copy.
            QVERIFY(file.append(idsFrom(1001, 2000), x.data() + 1000 * 16).ok());
            QCOMPARE(file.count(), std::int64_t(3000));
        }
        EmbeddingFile file = EmbeddingFile::open(path).take();
        QCOMPARE(file.count(), std::int64_t(3000));
        QCOMPARE(file.tag(), QString("tag"));
        QCOMPARE(file.lastId(), std::int64_t(3000));
        for (int i = 0; i < 3000; i += 499) QCOMPARE(file.ids()[i], std::int64_t(i + 1));
        QVERIFY(std::equal(x.begin(), x.end(), file.vectors()));
        QVERIFY(!QFile::exists(path + ".grow"));
    }

    void rejectsTruncatedEmbeddingFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("c.emb");
        {
            EmbeddingFile file = EmbeddingFile::create(path, 8, "t").take();
            QVERIFY(file.append(idsFrom(1, 100), clustered(100, 8, 2, 0.5, 3).data()).ok());
        }
        // Cut the file inside the committed rows: header + ids[1024] + 50 of 100 vectors.
        QVERIFY(QFile::resize(path, 256 + 1024 * 8 + 50 * 8 * 4));
        auto opened = EmbeddingFile::open(path);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message().contains(path), qPrintable(opened.error().message()));
        QVERIFY2(opened.error().reason.contains("truncated"), qPrintable(opened.error().reason));
        QVERIFY2(opened.error().reason.contains("100 rows"), qPrintable(opened.error().reason));
    }

    void rejectsNonEmbeddingFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("junk.emb");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        auto opened = EmbeddingFile::open(path);
        QVERIFY(!opened.ok());
        QVERIFY(opened.error().reason.contains("magic"));
        QVERIFY(!EmbeddingFile::open(dir.filePath("missing.emb")).ok());
        QVERIFY(!EmbeddingFile::create(dir.filePath("d.emb"), 0, "t").ok());
    }

    // A crash after the rows are written but before the count is: the header still says
    // 10 rows, the orphan rows are ignored, and the next append overwrites them.
    void crashBeforeCountUpdateLosesOnlyThatAppend() {
        QTemporaryDir dir;
        const QString path = dir.filePath("e.emb");
        const int dim = 4;
        const auto a = clustered(10, dim, 2, 0.5, 4);
        {
            EmbeddingFile file = EmbeddingFile::create(path, dim, "t").take();
            QVERIFY(file.append(idsFrom(1, 10), a.data()).ok());
        }
        // What the interrupted append had written: rows 10..14 (capacity 1024, see the
        // layout in EmbeddingFile.h), count left at 10. Plus an abandoned staged copy.
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const std::vector<std::int64_t> orphanIds(5, 999);
            const std::vector<float> orphanRows(5 * dim, 0.5f);
            f.seek(256 + 10 * 8);
            f.write(reinterpret_cast<const char*>(orphanIds.data()), 5 * 8);
            f.seek(256 + 1024 * 8 + 10 * dim * 4);
            f.write(reinterpret_cast<const char*>(orphanRows.data()), 5 * dim * 4);
        }
        QFile stale(path + ".grow");
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("half a copy");
        stale.close();

        EmbeddingFile file = EmbeddingFile::open(path).take();
        QCOMPARE(file.count(), std::int64_t(10));
        QCOMPARE(file.lastId(), std::int64_t(10));
        QVERIFY(std::equal(a.begin(), a.end(), file.vectors()));
        const auto c = clustered(3, dim, 1, 0.5, 5);
        QVERIFY(file.append(idsFrom(11, 3), c.data()).ok());
        EmbeddingFile again = EmbeddingFile::open(path).take();
        QCOMPARE(again.count(), std::int64_t(13));
        QCOMPARE(again.ids()[12], std::int64_t(13));
        QCOMPARE(again.lastId(), std::int64_t(13));
        QVERIFY(std::equal(c.begin(), c.end(), again.vectors() + 10 * dim));
    }

    // ---- PoolIndex ----
    void flatSearchEqualsBruteForce() {
        const int n = 3000, dim = 32, k = 10;
        const auto x = clustered(n, dim, 30, 1.5, 6);
        const auto ids = idsFrom(5000, n);
        auto built = PoolIndex::build(x.data(), ids.data(), n, dim, quiet());
        QVERIFY(built.ok());
        const PoolIndex& pool = built.value();
        QCOMPARE(pool.kind(), PoolIndex::Kind::Flat);
        QCOMPARE(pool.size(), std::int64_t(n));
        const auto q = clustered(20, dim, 30, 1.5, 7);
        const auto hits = pool.search(q.data(), 20, k);
        QCOMPARE(int(hits.size()), 20);
        for (int i = 0; i < 20; ++i) {
            const auto want = bruteForce(x, ids, dim, &q[std::size_t(i) * dim], k);
            QCOMPARE(int(hits[std::size_t(i)].size()), k);
            for (int j = 0; j < k; ++j) QCOMPARE(hits[std::size_t(i)][std::size_t(j)].id, want[std::size_t(j)]);
            QVERIFY(hits[std::size_t(i)][0].similarity >= hits[std::size_t(i)][k - 1].similarity);
        }
        // Fewer hits than k when the index is small.
        QCOMPARE(int(PoolIndex::build(x.data(), ids.data(), 5, dim, quiet()).value().search(q.data(), 1, k)[0].size()), 5);
    }

    void kindFollowsPoolSize() {
        QCOMPARE(PoolIndex::kindFor(PoolIndex::kExactLimit - 1), PoolIndex::Kind::Flat);
        QCOMPARE(PoolIndex::kindFor(PoolIndex::kExactLimit), PoolIndex::Kind::Approximate);
    }

    // 20k clustered vectors in 64 dims, forced approximate; threshold 0.95 (measured ~0.99).
    void approximateRecallAtTenAboveThreshold() {
        const int n = 20000, dim = 64, k = 10, nq = 100;
        // Queries are unseen points around the same centres: generate n + nq, index n.
        const auto all = clustered(n + nq, dim, 200, 1.0, 8);
        const std::vector<float> x(all.begin(), all.begin() + std::size_t(n) * dim);
        const std::vector<float> q(all.begin() + std::size_t(n) * dim, all.end());
        const auto ids = idsFrom(1, n);
        auto approx = PoolIndex::build(x.data(), ids.data(), n, dim, PoolIndex::Kind::Approximate, quiet());
        QVERIFY2(approx.ok(), qPrintable(approx.ok() ? "" : approx.error().message()));
        QCOMPARE(approx.value().kind(), PoolIndex::Kind::Approximate);
        const auto exact = PoolIndex::build(x.data(), ids.data(), n, dim, PoolIndex::Kind::Flat, quiet()).take();
        const auto got = approx.value().search(q.data(), nq, k);
        const auto want = exact.search(q.data(), nq, k);
        int found = 0;
        for (int i = 0; i < nq; ++i) {
            std::set<std::int64_t> truth;
            for (const auto& h : want[std::size_t(i)]) truth.insert(h.id);
            for (const auto& h : got[std::size_t(i)]) found += int(truth.count(h.id));
        }
        const double recall = double(found) / (nq * k);
        qInfo("recall@10 = %.3f (%s)", recall, QJsonDocument(approx.value().describe()).toJson(QJsonDocument::Compact).constData());
        QVERIFY2(recall >= 0.95, qPrintable(QString::number(recall)));
    }

    void saveAndLoadGiveIdenticalResults_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("flat") << int(PoolIndex::Kind::Flat);
        QTest::newRow("approximate") << int(PoolIndex::Kind::Approximate);
    }
    void saveAndLoadGiveIdenticalResults() {
        QFETCH(int, kind);
        const int n = 5000, dim = 32;
        const auto x = clustered(n, dim, 50, 1.0, 10);
        const auto ids = idsFrom(77, n);
        const PoolIndex pool = PoolIndex::build(x.data(), ids.data(), n, dim, PoolIndex::Kind(kind), quiet()).take();
        QTemporaryDir dir;
        const QString path = dir.filePath("pool.faiss");
        const Status saved = pool.save(path);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? "" : saved.error().message()));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"pool.faiss"});  // no staged file left
        auto loaded = PoolIndex::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? "" : loaded.error().message()));
        QCOMPARE(loaded.value().kind(), pool.kind());
        QCOMPARE(loaded.value().size(), pool.size());
        QCOMPARE(loaded.value().dim(), dim);
        QCOMPARE(loaded.value().describe(), pool.describe());
        const auto q = clustered(10, dim, 50, 1.0, 11);
        const auto a = pool.search(q.data(), 10, 20), b = loaded.value().search(q.data(), 10, 20);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(a[std::size_t(i)].size(), b[std::size_t(i)].size());
            for (std::size_t j = 0; j < a[std::size_t(i)].size(); ++j) {
                QCOMPARE(a[std::size_t(i)][j].id, b[std::size_t(i)][j].id);
                QCOMPARE(a[std::size_t(i)][j].similarity, b[std::size_t(i)][j].similarity);
            }
        }
    }

    // Two writers of one workspace (a bench beside the workstation) each saved through the
    // same staged name, so one renamed the other's file away and failed.
    void concurrentSavesToOnePathAllSucceed() {
        const int n = 3000, dim = 16;
        const auto x = clustered(n, dim, 20, 1.0, 13);
        const auto ids = idsFrom(5, n);
        const PoolIndex pool = PoolIndex::build(x.data(), ids.data(), n, dim, PoolIndex::Kind::Flat, quiet()).take();
        QTemporaryDir dir;
        const QString path = dir.filePath("pool.faiss");
        std::atomic<int> failures{0};
        std::vector<std::thread> writers;
        for (int w = 0; w < 4; ++w)
            writers.emplace_back([&] {
                for (int i = 0; i < 8; ++i)
                    if (!pool.save(path).ok()) ++failures;
            });
        for (auto& t : writers) t.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"pool.faiss"});
        auto loaded = PoolIndex::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? "" : loaded.error().message()));
        QCOMPARE(loaded.value().size(), std::int64_t(n));
    }

    void loadingGarbageGivesError() {
        QTemporaryDir dir;
        const QString garbage = dir.filePath("garbage.faiss");
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1000, '\x5a'));
        f.close();
        auto loaded = PoolIndex::load(garbage);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message().contains(garbage), qPrintable(loaded.error().message()));

        auto missing = PoolIndex::load(dir.filePath("missing.faiss"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message().contains("missing.faiss"));

        // A valid index cut in half (an interrupted copy).
        const auto x = clustered(2000, 16, 10, 1.0, 12);
        const auto ids = idsFrom(1, 2000);
        const QString good = dir.filePath("good.faiss"), cut = dir.filePath("cut.faiss");
        QVERIFY(PoolIndex::build(x.data(), ids.data(), 2000, 16, PoolIndex::Kind::Approximate, quiet()).value().save(good).ok());
        QFile c(cut);
        QVERIFY(c.open(QIODevice::WriteOnly));
        const QByteArray bytes = readAll(good);
        c.write(bytes.left(bytes.size() / 2));
        c.close();
        auto truncated = PoolIndex::load(cut);
        QVERIFY(!truncated.ok());
        QVERIFY2(truncated.error().message().contains("cut.faiss"), qPrintable(truncated.error().message()));
    }

    void addMakesNewIdsFindable_data() { saveAndLoadGiveIdenticalResults_data(); }
    void addMakesNewIdsFindable() {
        QFETCH(int, kind);
        const int n = 4000, dim = 32;
        const auto x = clustered(n, dim, 40, 1.0, 13);
        const auto ids = idsFrom(1, n);
        PoolIndex pool = PoolIndex::build(x.data(), ids.data(), n, dim, PoolIndex::Kind(kind), quiet()).take();
        const auto extra = clustered(25, dim, 40, 1.0, 14);
        const auto extraIds = idsFrom(900000, 25);
        QVERIFY(pool.add(extra.data(), extraIds.data(), 25).ok());
        QCOMPARE(pool.size(), std::int64_t(n + 25));
        const auto hits = pool.search(extra.data(), 25, 1);
        for (int i = 0; i < 25; ++i) QCOMPARE(hits[std::size_t(i)][0].id, extraIds[std::size_t(i)]);
    }

    void cancelDuringBuildThrowsJobCancelled_data() { saveAndLoadGiveIdenticalResults_data(); }
    void cancelDuringBuildThrowsJobCancelled() {
        QFETCH(int, kind);
        const int n = 40000, dim = 32;
        const auto x = clustered(n, dim, 100, 1.0, 15);
        const auto ids = idsFrom(1, n);
        std::atomic<bool> cancel{false};
        int reports = 0;
        jobs::Progress progress(&cancel, [&](double, const QString&) {
            ++reports;
            cancel = true;  // the user presses Cancel at the first progress report
        });
        bool cancelled = false;
        try {
            PoolIndex::build(x.data(), ids.data(), n, dim, PoolIndex::Kind(kind), progress);
        } catch (const jobs::JobCancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QCOMPARE(reports, 1);  // no further work after the cancel was seen
    }

    // ---- clustering ----
    void clusteringFindsFourBlobs() {
        const int dim = 16, n = 200;
        std::vector<int> truth;
        const auto x = clustered(n, dim, 4, 0.3, 16, &truth);
        auto result = clusterRows(x.data(), n, dim, ClusteringOptions{}, quiet());
        QVERIFY2(result.ok(), qPrintable(result.ok() ? "" : result.error().message()));
        const Clustering& c = result.value();
        QCOMPARE(c.k, 4);
        QVERIFY2(c.meanSilhouette > 0.5, qPrintable(QString::number(c.meanSilhouette)));
        QCOMPARE(int(c.scan.size()), 11);  // k = 2..12
        QCOMPARE(int(c.assignment.size()), n);
        QCOMPARE(int(c.silhouette.size()), 4);
        // Each found cluster is exactly one blob.
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                if (truth[std::size_t(i)] == truth[std::size_t(j)]) QCOMPARE(c.assignment[std::size_t(i)], c.assignment[std::size_t(j)]);
        // Medoid: a member, with the smallest sum of distances to the other members.
        for (int cl = 0; cl < 4; ++cl) {
            const int m = c.medoids[std::size_t(cl)];
            QCOMPARE(c.assignment[std::size_t(m)], cl);
            auto sumTo = [&](int i) {
                double s = 0;
                for (int j = 0; j < n; ++j)
                    if (j != i && c.assignment[std::size_t(j)] == cl) s += cosineDistance(&x[std::size_t(i) * dim], &x[std::size_t(j) * dim], dim);
                return s;
            };
            const double medoidSum = sumTo(m);
            for (int i = 0; i < n; ++i)
                if (c.assignment[std::size_t(i)] == cl) QVERIFY(medoidSum <= sumTo(i) + 1e-6);
            QVERIFY(c.silhouette[std::size_t(cl)] > 0.5);
        }
        QCOMPARE(c.toJson().value("k").toInt(), 4);
    }

    void clusteringRejectsTooFewRows() {
        const auto x = clustered(3, 8, 1, 0.3, 17);
        auto result = clusterRows(x.data(), 3, 8, ClusteringOptions{}, quiet());
        QVERIFY(!result.ok());
        QVERIFY2(result.error().reason.contains("too few rows"), qPrintable(result.error().reason));
        QVERIFY(!clusterRows(x.data(), 3, 0, ClusteringOptions{}, quiet()).ok());
    }

    // 2,500 rows: above the silhouette sample size, so the seeded subsample is exercised too.
    void clusteringIsDeterministicForSeed() {
        const int dim = 24, n = 2500;
        const auto x = clustered(n, dim, 6, 1.2, 18);
        ClusteringOptions options;
        options.seed = 99;
        options.kMax = 8;
        const Clustering a = clusterRows(x.data(), n, dim, options, quiet()).take();
        const Clustering b = clusterRows(x.data(), n, dim, options, quiet()).take();
        QCOMPARE(a.k, b.k);
        QCOMPARE(a.assignment, b.assignment);
        QCOMPARE(a.medoids, b.medoids);
        QCOMPARE(a.meanSilhouette, b.meanSilhouette);
        QCOMPARE(a.k, 6);
    }
};

QTEST_GUILESS_MAIN(IndexTest)
#include "tst_index.moc"
