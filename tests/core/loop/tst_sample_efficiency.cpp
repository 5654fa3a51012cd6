// The sample-efficiency figures: mean curves with their 95% band, annotations to reach a
// target, and the bootstrap interval of the ratio random / strategy.
#include "loop/SampleEfficiency.h"

#include <QtTest>
#include <cmath>

using namespace medq::loop;

namespace {
// A curve rising linearly by `perRound` over `rounds` rounds of `budget` from `start`.
LearningCurve linear(double start, double perRound, int rounds, double budget = 100) {
    LearningCurve c;
    for (int r = 0; r <= rounds; ++r) c.emplace_back(r * budget, start + perRound * r);
    return c;
}
}  // namespace

class SampleEfficiencyTest : public QObject {
    Q_OBJECT
private slots:
    void meanCurveHasATIntervalOverRuns() {
        const auto m = meanCurve({{{0, 0.5}, {100, 0.6}}, {{0, 0.5}, {100, 0.7}}});
        QCOMPARE(int(m.size()), 2);
        QCOMPARE(m[1].annotations, 100.0);
        QVERIFY(std::abs(m[1].mean - 0.65) < 1e-12);
        // sd 0.0707, n 2: 12.706 x 0.0707 / sqrt(2) = 0.6353
        QVERIFY(std::abs(m[1].high - m[1].mean - 0.6353) < 1e-3);
        QVERIFY(std::abs(m[1].mean - m[1].low - 0.6353) < 1e-3);
        QCOMPARE(m[0].low, m[0].high);  // no spread at round 0
        const auto one = meanCurve({{{0, 0.5}, {100, 0.6}}});
        QCOMPARE(one[1].low, one[1].high);
        QCOMPARE(tQuantile95(4), 2.776);
        QCOMPARE(tQuantile95(100), 1.96);
    }

    void annotationsToReachInterpolatesBetweenRounds() {
        const LearningCurve c{{0, 0.50}, {100, 0.60}, {200, 0.70}};
        QVERIFY(std::abs(*annotationsToReach(c, 0.65) - 150) < 1e-9);
        QCOMPARE(*annotationsToReach(c, 0.40), 0.0);  // the base already reaches it
        QVERIFY(!annotationsToReach(c, 0.71));
    }

    void ratioOfAnnotationsWithABootstrapInterval() {
        // The strategy gains 0.04 a round, the reference 0.01: the reference needs 4 times
        // the annotations to reach 0.54.
        std::vector<LearningCurve> strategy, reference;
        for (int s = 0; s < 5; ++s) {
            strategy.push_back(linear(0.50, 0.04, 6));
            reference.push_back(linear(0.50, 0.01, 6));
        }
        auto e = sampleEfficiencyRatio(strategy, reference, 0.54, 500, 7);
        QVERIFY(e.ratio);
        QVERIFY(std::abs(*e.ratio - 4.0) < 1e-9);
        QVERIFY(std::abs(e.low - 4.0) < 1e-9 && std::abs(e.high - 4.0) < 1e-9);  // identical seeds: no spread
        QCOMPARE(e.resamples, 500);

        // Seeds that differ: the interval widens around the point estimate.
        strategy.clear();
        for (double g : {0.02, 0.03, 0.04, 0.05, 0.06}) strategy.push_back(linear(0.50, g, 6));
        e = sampleEfficiencyRatio(strategy, reference, 0.54, 1000, 7);
        QVERIFY(e.ratio);
        QVERIFY2(e.low < *e.ratio && *e.ratio < e.high,
                 qPrintable(QStringLiteral("%1 in [%2, %3]").arg(*e.ratio).arg(e.low).arg(e.high)));
        QVERIFY(e.low > 2.0 && e.high < 8.0);
        // The same seed gives the same interval.
        const auto again = sampleEfficiencyRatio(strategy, reference, 0.54, 1000, 7);
        QCOMPARE(again.low, e.low);
        QCOMPARE(again.high, e.high);
    }

    void aReferenceThatNeverReachesTheTargetLeavesTheRatioOpen() {
        std::vector<LearningCurve> strategy{linear(0.5, 0.04, 6)}, reference{linear(0.5, 0.001, 6)};
        const auto e = sampleEfficiencyRatio(strategy, reference, 0.54, 200, 3);
        QVERIFY(!e.ratio);
        QVERIFY(e.strategyNeeds);
        QVERIFY(!e.referenceNeeds);
        QCOMPARE(e.referenceMissed, 200);
        QVERIFY(std::isinf(e.high) && std::isinf(e.low));
        // The other way round the ratio is 0 in every resample.
        const auto back = sampleEfficiencyRatio(reference, strategy, 0.54, 200, 3);
        QCOMPARE(back.strategyMissed, 200);
        QCOMPARE(back.high, 0.0);
    }
};

QTEST_APPLESS_MAIN(SampleEfficiencyTest)
#include "tst_sample_efficiency.moc"
