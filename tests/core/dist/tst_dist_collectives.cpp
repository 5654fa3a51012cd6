// Real groups of 2 and 3 processes on 127.0.0.1 (dist_peer, over a TCP store on rank 0 or a
// file store): broadcast, all-reduce, the bucketed gradient mean and the store's counter give
// the right values on every rank.
#include "PeerRun.h"

#include <QSet>

using medq::test::PeerOutcome;
using medq::test::PeerRun;

namespace {

constexpr int kDeadlineMs = 45000;
const QStringList kTimeouts{QStringLiteral("--timeout"), QStringLiteral("20"), QStringLiteral("--join-timeout"), QStringLiteral("20")};

std::vector<PeerOutcome> runAll(const QString& scenario, int worldSize, PeerRun::Store store = PeerRun::Store::Tcp) {
    PeerRun run(scenario, worldSize, store, kTimeouts);
    if (!run.start()) return {};
    return run.finish(kDeadlineMs);
}

bool allSucceeded(const std::vector<PeerOutcome>& outcomes, int worldSize) {
    if (int(outcomes.size()) != worldSize) return false;
    for (const PeerOutcome& o : outcomes)
        if (o.crashed || o.exitCode != 0) return false;
    return true;
}

}  // namespace

class DistCollectivesTest : public QObject {
    Q_OBJECT

    static void worldSizes() {
        QTest::addColumn<int>("worldSize");
        QTest::addColumn<int>("store");
        QTest::newRow("2 ranks, TCP store") << 2 << int(PeerRun::Store::Tcp);
        QTest::newRow("3 ranks, TCP store") << 3 << int(PeerRun::Store::Tcp);
    }

private slots:
    void broadcastGivesEveryRankTheRootsTensors_data() {
        worldSizes();
        QTest::newRow("2 ranks, file store, interface lo") << 2 << int(PeerRun::Store::File);
    }
    void broadcastGivesEveryRankTheRootsTensors() {
        QFETCH(int, worldSize);
        QFETCH(int, store);
        const auto out = runAll(QStringLiteral("broadcast"), worldSize, PeerRun::Store(store));
        QVERIFY2(allSucceeded(out, worldSize), medq::test::describe(out));
        const QString rootBefore = out[0].values.value(QStringLiteral("before"));
        QVERIFY(!rootBefore.isEmpty());
        for (int r = 0; r < worldSize; ++r) {
            QCOMPARE(out[std::size_t(r)].values.value(QStringLiteral("after")), rootBefore);
            QCOMPARE(out[std::size_t(r)].values.value(QStringLiteral("contiguous3")), QStringLiteral("no"));
            if (r > 0) QVERIFY(out[std::size_t(r)].values.value(QStringLiteral("before")) != rootBefore);
        }
    }

    void allReduceSumsOnesTimesRank_data() { worldSizes(); }
    void allReduceSumsOnesTimesRank() {
        QFETCH(int, worldSize);
        QFETCH(int, store);
        const auto out = runAll(QStringLiteral("allreduce"), worldSize, PeerRun::Store(store));
        QVERIFY2(allSucceeded(out, worldSize), medq::test::describe(out));
        const int sum = worldSize * (worldSize - 1) / 2;
        for (const PeerOutcome& o : out) {
            QCOMPARE(o.values.value(QStringLiteral("sum")), QStringLiteral("%1 %1").arg(sum));
            const double mean = double(sum) / worldSize;
            QCOMPARE(o.values.value(QStringLiteral("mean")),
                     QStringLiteral("%1 %1").arg(mean, 0, 'g', 17));
            QCOMPARE(o.values.value(QStringLiteral("count")), QStringLiteral("%1 %1").arg(qint64(sum) * 1000000007LL));
        }
    }

    void gradientBucketsAverageOverRanks_data() { worldSizes(); }
    void gradientBucketsAverageOverRanks() {
        QFETCH(int, worldSize);
        QFETCH(int, store);
        const auto out = runAll(QStringLiteral("buckets"), worldSize, PeerRun::Store(store));
        QVERIFY2(allSucceeded(out, worldSize), medq::test::describe(out));
        for (const PeerOutcome& o : out) {
            // 64-byte buckets over float, float, double, double, (frozen), float, float
            // gradients: a new bucket at each dtype change and past 64 bytes.
            QCOMPARE(o.values.value(QStringLiteral("buckets")), QStringLiteral("5"));
            QCOMPARE(o.values.value(QStringLiteral("frozen-untouched")), QStringLiteral("yes"));
            bool ok = false;
            const double error = o.values.value(QStringLiteral("max-error")).toDouble(&ok);
            QVERIFY(ok);
            QVERIFY2(error < 1e-6, qPrintable(o.values.value(QStringLiteral("max-error"))));
            // Every rank ends with bit-identical gradients.
            QCOMPARE(o.values.value(QStringLiteral("gradients")), out[0].values.value(QStringLiteral("gradients")));
        }
    }

    void storeCounterHandsOutEachChunkOnce() {
        const int worldSize = 3;
        const auto out = runAll(QStringLiteral("counter"), worldSize);
        QVERIFY2(allSucceeded(out, worldSize), medq::test::describe(out));
        QSet<int> seen;
        int total = 0;
        for (const PeerOutcome& o : out) {
            const QStringList chunks = o.values.value(QStringLiteral("chunks")).split(QLatin1Char(','), Qt::SkipEmptyParts);
            // With 10 ms of work per chunk every rank gets a share of the 90 chunks.
            QVERIFY2(!chunks.isEmpty(), "a rank got no chunk");
            for (const QString& c : chunks) seen.insert(c.toInt());
            total += int(chunks.size());
        }
        QCOMPARE(total, 90);       // none handed out twice
        QCOMPARE(seen.size(), 90);  // none left out
        QVERIFY(seen.contains(0) && seen.contains(89));
    }
};

QTEST_GUILESS_MAIN(DistCollectivesTest)
#include "tst_dist_collectives.moc"
