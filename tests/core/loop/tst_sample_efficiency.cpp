// The sample-efficiency figures: mean curves with their 95% band, annotations to reach a
// target, the bootstrap interval of the ratio random / strategy, and the comparison's CSV.
#include "loop/FinetuneAnatomy.h"
#include "loop/SampleEfficiency.h"
#include "loop/StrategyComparison.h"

#include <QTemporaryDir>

#include <QtTest>
#include <cmath>

using namespace medq::loop;
using medq::CheckpointDecision;

namespace {
// A curve rising linearly by `perRound` over `rounds` rounds of `budget` from `start`.
LearningCurve linear(double start, double perRound, int rounds, double budget = 100) {
    LearningCurve c;
    for (int r = 0; r <= rounds; ++r) c.emplace_back(r * budget, start + perRound * r);
    return c;
}

// The rows of one run: round 0 and `rounds` rounds of 100 annotations, 1000 human-s each.
std::vector<ComparisonRound> runRows(const QString& arm, int seed, double start, double perRound, int rounds) {
    std::vector<ComparisonRound> rows;
    for (int r = 0; r <= rounds; ++r) {
        ComparisonRound row;
        row.arm = arm;
        row.strategy = arm.section('-', 0, 0);
        row.qualityGate = !arm.endsWith("-nogate");
        row.seed = seed;
        row.round = r;
        row.annotations = 100.0 * r;
        row.score = start + perRound * r;
        row.heldOutScore = start + perRound * r / 2;
        row.decision = r == 0 ? QString() : QStringLiteral("accepted");
        row.humanSeconds = r == 0 ? 0 : 1000;
        row.machineSeconds = r == 0 ? 0 : 60;
        rows.push_back(row);
    }
    return rows;
}
// A trained candidate's fine-tune record: validation answers and rubric before and after.
FinetuneMetrics finetune(CheckpointDecision decision, double answersBefore, double answersAfter, double rubricBefore,
                         double rubricAfter) {
    auto summary = [](double accuracy, double rubric) {
        return EvaluationSummary{QJsonObject{{"perception", QJsonObject{{"accuracy", accuracy}}},
                                             {"description", QJsonObject{{"meanRubricTotal", rubric}}}}};
    };
    FinetuneMetrics f;
    f.steps = 120;
    f.decision = decision;
    f.validationBefore = summary(answersBefore, rubricBefore);
    f.validationAfter = summary(answersAfter, rubricAfter);
    return f;
}
}  // namespace

class SampleEfficiencyTest : public QObject {
    Q_OBJECT
private slots:
    void finetuneAnatomySplitsTheGatesDecisionsIntoAnswersAndDescriptions() {
        FinetuneAnatomy anatomy;
        QCOMPARE(anatomy.text(), QStringLiteral("no candidate trained"));
        anatomy.add(finetune(CheckpointDecision::Accepted, 0.60, 0.62, 4.5, 4.6));
        anatomy.add(finetune(CheckpointDecision::RolledBack, 0.62, 0.625, 4.6, 4.0));
        anatomy.add(finetune(CheckpointDecision::RolledBack, 0.62, 0.61, 4.6, 4.4));
        // A round that trained nothing does not count.
        FinetuneMetrics skipped;
        skipped.decision = CheckpointDecision::Skipped;
        anatomy.add(skipped);
        QCOMPARE(anatomy.accepted().candidates, 1);
        QVERIFY(std::abs(anatomy.accepted().answers - 0.02) < 1e-12);
        QCOMPARE(anatomy.rolledBack().candidates, 2);
        QVERIFY(std::abs(anatomy.rolledBack().answers - (-0.0025)) < 1e-12);
        QVERIFY(std::abs(anatomy.rolledBack().rubric - (-0.4)) < 1e-12);
        QCOMPARE(anatomy.rolledBack().rubricFell, 2);
        QCOMPARE(anatomy.rolledBack().answersFell, 1);
        QCOMPARE(anatomy.all().candidates, 3);
        QCOMPARE(anatomy.all().rubricFell, 2);
        QVERIFY2(anatomy.text() ==
                     QStringLiteral("accepted 1 of 3 (answers +2.00 points, rubric +0.100 of 8), rolled back 2 "
                                    "(answers -0.25 points, rubric -0.400 of 8); rubric fell in 2, answers in 1"),
                 qPrintable(anatomy.text()));
    }

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

    void comparisonRoundTripsThroughItsCsv() {
        QTemporaryDir tmp;
        const QString path = tmp.filePath("comparison.csv");
        std::vector<ComparisonRound> rows = runRows("engine", 1, 0.5, 0.04, 2);
        rows[1].heldOutScore.reset();
        rows[2].decision = QStringLiteral("rolled back");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QTextStream out(&f);
        out << comparison_csv::header() << '\n';
        for (const auto& r : rows) out << comparison_csv::line(r) << '\n';
        out.flush();
        f.close();
        const auto back = comparison_csv::read(path);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message()));
        QCOMPARE(int(back.value().size()), 3);
        QCOMPARE(back.value()[2].decision, QStringLiteral("rolled back"));
        QCOMPARE(back.value()[2].score, rows[2].score);
        QVERIFY(!back.value()[1].heldOutScore);
        QCOMPARE(*back.value()[2].heldOutScore, *rows[2].heldOutScore);
        QCOMPARE(back.value()[1].humanSeconds, 1000.0);

        // Errors name the file and the line.
        QVERIFY(f.open(QIODevice::Append));
        f.write("engine,engine,1,2,0\n");
        f.close();
        const auto broken = comparison_csv::read(path);
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message().contains("comparison.csv") && broken.error().message().contains("line 5"),
                 qPrintable(broken.error().message()));
        QFile other(tmp.filePath("other.csv"));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("a,b\n");
        other.close();
        QVERIFY(!comparison_csv::read(other.fileName()).ok());
    }

    void comparisonSummarisesCompleteRunsAgainstRandom() {
        std::vector<ComparisonRound> rows;
        for (int seed = 1; seed <= 3; ++seed) {
            for (const auto& r : runRows("engine", seed, 0.5, 0.04, 4)) rows.push_back(r);
            for (const auto& r : runRows("random", seed, 0.5, 0.01, 4)) rows.push_back(r);
            for (const auto& r : runRows("engine-nogate", seed, 0.5, 0.02, 4)) rows.push_back(r);
            for (const auto& r : runRows("random-nogate", seed, 0.5, 0.01, 4)) rows.push_back(r);
        }
        // An unfinished run (two rounds of four) is left out of the curves.
        for (const auto& r : runRows("engine", 4, 0.9, 0.1, 2)) rows.push_back(r);
        const StrategyComparison comparison(rows);
        QCOMPARE(comparison.rounds(), 4);
        QCOMPARE(int(comparison.curves(StrategyComparison::Score::Evaluation).at("engine").size()), 3);

        const auto s = comparison.summarise(StrategyComparison::Score::Evaluation);
        QCOMPARE(int(s.arms.size()), 4);
        QVERIFY(std::abs(s.baseScore - 0.5) < 1e-12);
        QVERIFY(std::abs(s.targets[0] - 0.54) < 1e-12);  // random's final mean
        QVERIFY(std::abs(s.targets[1] - 0.56) < 1e-12);  // base + 1.5 x random's gain
        const auto& engine = s.arms[0];
        QCOMPARE(engine.name, QStringLiteral("engine"));
        QCOMPARE(engine.runs, 3);
        QCOMPARE(engine.reference, QStringLiteral("random"));
        QVERIFY(std::abs(*engine.ratios[0]->ratio - 4.0) < 1e-9);
        QVERIFY(std::abs(*engine.needs[1] - 150.0) < 1e-9);
        QVERIFY(!engine.ratios[1]->ratio);  // random never reaches 0.56
        QCOMPARE(engine.humanSeconds, 4000.0);  // per complete run
        QCOMPARE(engine.machineSeconds, 240.0);
        const auto& nogate = s.arms[1];
        QCOMPARE(nogate.name, QStringLiteral("engine-nogate"));
        QCOMPARE(nogate.reference, QStringLiteral("random-nogate"));
        QVERIFY(std::abs(*nogate.ratios[0]->ratio - 2.0) < 1e-9);
        QVERIFY(!s.arms[2].ratios[0]);  // random against itself

        // Held-out scores: half the gains, so the same ratio at random's final held-out mean.
        const auto h = comparison.summarise(StrategyComparison::Score::HeldOut);
        QVERIFY(std::abs(h.targets[0] - 0.52) < 1e-12);
        QVERIFY(std::abs(*h.arms[0].ratios[0]->ratio - 4.0) < 1e-9);
        // A rerun round (the last row wins) does not add a run.
        rows.push_back(runRows("engine", 1, 0.5, 0.04, 4).back());
        QCOMPARE(int(StrategyComparison(rows).curves(StrategyComparison::Score::Evaluation).at("engine").size()), 3);
    }
};

QTEST_APPLESS_MAIN(SampleEfficiencyTest)
#include "tst_sample_efficiency.moc"
