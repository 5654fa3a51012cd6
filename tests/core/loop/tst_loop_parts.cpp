// The loop's decision pieces in isolation: quotas, routing calibration, Cohen's kappa, the
// fine-tune's modality regression test and round settings.
#include "loop/ItemDrafter.h"
#include "loop/ModalityRegression.h"
#include "loop/QualityGate.h"
#include "loop/Retrieval.h"
#include "loop/RoundOptions.h"
#include "loop/Routing.h"

#include <QtTest>
#include <numeric>

using namespace medq::loop;

class LoopPartsTest : public QObject {
    Q_OBJECT
private slots:
    void quotasFollowFailureMassAndSpendTheBudget() {
        const auto q = proportionalQuotas({6.0, 3.0, 1.0}, 10);
        QCOMPARE(q, (std::vector<int>{6, 3, 1}));
        const auto r = proportionalQuotas({1.0, 1.0, 1.0}, 10);
        QCOMPARE(std::accumulate(r.begin(), r.end(), 0), 10);
        QVERIFY(*std::max_element(r.begin(), r.end()) - *std::min_element(r.begin(), r.end()) <= 1);
        const auto z = proportionalQuotas({0.0, 0.0}, 5);
        QCOMPARE(std::accumulate(z.begin(), z.end(), 0), 5);
        QVERIFY(proportionalQuotas({}, 5).empty());
    }

    void calibrationMeetsTheTargetErrorOnValidation() {
        // Uncertainty 0..1: drafts below 0.3 are right 95% of the time, above 0.8 lost; in
        // between half are wrong, and a third of those lost.
        std::vector<CalibrationPoint> points;
        for (int i = 0; i < 200; ++i) {
            const double u = i / 200.0;
            const bool ok = u < 0.3 ? (i % 20 != 0) : u < 0.8 ? (i % 2 == 0) : false;
            const bool lost = u >= 0.8 || (!ok && u >= 0.3 && i % 3 == 0);
            points.push_back({u, ok, lost});
        }
        const RoutingThresholds t = calibrateRouting(points, 0.1, 0.8);
        QVERIFY2(t.autoAccept >= 0.29 && t.autoAccept < 0.45, qPrintable(QString::number(t.autoAccept)));
        QVERIFY(t.expectedAutoError <= 0.1);
        QVERIFY2(t.expert > 0.6 && t.expert <= 0.81, qPrintable(QString::number(t.expert)));
        QCOMPARE(t.route(0.1), QStringLiteral("auto_accept"));
        QCOMPARE(t.route(0.5), QStringLiteral("verify"));
        QCOMPARE(t.route(0.95), QStringLiteral("expert"));
        QCOMPARE(t.curve.size(), 20);
        // The error among auto-accepted validation items really is under the target.
        int n = 0, wrong = 0;
        for (const auto& p : points)
            if (p.uncertainty <= t.autoAccept) {
                ++n;
                wrong += p.acceptable ? 0 : 1;
            }
        QVERIFY(double(wrong) / n <= 0.1);
        const RouteCounts c = countRoutes({0.0, 0.5, 0.9, 0.99}, t);
        QCOMPARE(c.autoAccept, 1);
        QCOMPARE(c.verify, 1);
        QCOMPARE(c.expert, 2);
        // JSON round trip keeps the decision.
        QCOMPARE(RoutingThresholds::fromJson(t.toJson()).route(0.1), QStringLiteral("auto_accept"));
    }

    void aModelThatIsAlwaysWrongAutoAcceptsNothing() {
        std::vector<CalibrationPoint> points;
        for (int i = 0; i < 50; ++i) points.push_back({i / 50.0, false, true});
        const RoutingThresholds t = calibrateRouting(points, 0.1, 0.8);
        QVERIFY(t.autoAccept < 0);
        QCOMPARE(t.route(0.0), QStringLiteral("expert"));
    }

    void draftsWrongButNotLostAreVerifiedNotWrittenAnew() {
        // Every draft has some error, but only the most uncertain fifth is of no help: those go
        // to the expert, the rest to verification, nothing is auto-accepted.
        std::vector<CalibrationPoint> points;
        for (int i = 0; i < 100; ++i) points.push_back({i / 100.0, false, i >= 80});
        const RoutingThresholds t = calibrateRouting(points, 0.1, 0.8);
        QVERIFY(t.autoAccept < 0);
        QVERIFY2(t.expert > 0.5 && t.expert <= 0.8, qPrintable(QString::number(t.expert)));
        QCOMPARE(t.route(0.1), QStringLiteral("verify"));
        QCOMPARE(t.route(0.95), QStringLiteral("expert"));
        QCOMPARE(t.curve.last().toObject().value("lost").toDouble(), 0.2);
        // A draft is lost when most answers are wrong or the description scores at most 2 of 8.
        ItemDraft d;
        d.perceptionTotal = 6;
        d.perceptionCorrect = 3;
        QVERIFY(!d.lost());
        d.perceptionCorrect = 2;
        QVERIFY(d.lost());
        d.perceptionCorrect = 6;
        TaskDraft description;
        description.rubric = medq::train::RubricScore{1, 1, 0, 0};
        d.tasks.push_back(description);
        QVERIFY(d.lost());
        d.tasks.back().rubric = medq::train::RubricScore{2, 1, 1, 0};
        QVERIFY(!d.lost());
    }

    void modalityDropCountsOnlyBeyondToleranceAndChance() {
        // One modality, 200 paired questions; `lost` turn right -> wrong, `gained` wrong -> right.
        auto drafts = [](int lost, int gained, bool afterFine) {
            ItemDraft item;
            item.modality = "ct";
            for (int i = 0; i < 200; ++i) {
                TaskDraft t;
                t.task.id = i + 1;
                t.task.kind = "perception";
                t.truth = 0;
                // [0, lost): right, then wrong; [lost, lost + gained): wrong, then right; then 80
                // right both times; the rest wrong both times.
                const bool isLost = i < lost, isGained = i >= lost && i < lost + gained;
                const bool rightBoth = i >= lost + gained && i < lost + gained + 80;
                const bool right = afterFine ? (isGained || rightBoth) : (isLost || rightBoth);
                t.predicted = right ? 0 : 1;
                item.tasks.push_back(t);
            }
            return std::vector<ItemDraft>{item};
        };
        // A 3.5-point net drop (10 lost, 3 gained): beyond a 3-point tolerance but not beyond
        // chance (p about 0.05), so it does not roll the checkpoint back at alpha 0.05 ...
        auto c = compareByModality(drafts(10, 3, false), drafts(10, 3, true)).at("ct");
        QCOMPARE(c.questions, 200);
        QCOMPARE(c.lost, 10);
        QCOMPARE(c.gained, 3);
        QCOMPARE(c.drop(), 0.035);
        QVERIFY2(c.pValue() > 0.04 && c.pValue() < 0.06, qPrintable(QString::number(c.pValue())));  // P(X >= 10 | 13) = 0.0461
        QVERIFY(!c.dropped(0.03, 0.01));
        QVERIFY(c.dropped(0.03, 0.05));
        QVERIFY(!c.dropped(0.04, 0.05));
        // ... while a 10-point drop (24 lost, 4 gained) is real.
        auto big = compareByModality(drafts(24, 4, false), drafts(24, 4, true)).at("ct");
        QCOMPARE(big.drop(), 0.1);
        QVERIFY(big.pValue() < 1e-3);
        QVERIFY(big.dropped(0.03, 0.05));
        // Gains never count as a drop; no change has p = 1.
        auto better = compareByModality(drafts(2, 20, false), drafts(2, 20, true)).at("ct");
        QVERIFY(better.drop() < 0);
        QVERIFY(!better.dropped(0.0, 1.0));
        QCOMPARE(compareByModality(drafts(0, 0, false), drafts(0, 0, true)).at("ct").pValue(), 1.0);
        // Questions without a known answer or absent from one side are not compared.
        auto unknown = drafts(5, 0, true);
        for (auto& t : unknown.front().tasks) t.truth = -1;
        QVERIFY(compareByModality(drafts(5, 0, false), unknown).empty());
        const QJsonObject json = toJson(compareByModality(drafts(10, 3, false), drafts(10, 3, true)));
        QCOMPARE(json.value("ct").toObject().value("lost").toInt(), 10);
    }

    void kappaIsOneForAgreementAndZeroForChance() {
        std::vector<std::pair<QString, QString>> same{{"good", "good"}, {"reject", "reject"}, {"usable", "usable"}};
        QCOMPARE(cohensKappa(same), 1.0);
        // Independent raters: observed agreement equals chance agreement.
        std::vector<std::pair<QString, QString>> chance{{"good", "good"}, {"good", "reject"}, {"reject", "good"}, {"reject", "reject"}};
        QCOMPARE(cohensKappa(chance), 0.0);
        std::vector<std::pair<QString, QString>> opposite{{"good", "reject"}, {"reject", "good"}};
        QVERIFY(cohensKappa(opposite) < 0);
        QCOMPARE(cohensKappa({}), 0.0);
    }

    void roundOptionsRoundTripAndNameBadFields() {
        RoundOptions o;
        o.strategy = "random";
        o.budget = 42;
        o.targetErrorRate = 0.05;
        auto back = RoundOptions::fromJson(o.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back.value().strategy, QStringLiteral("random"));
        QCOMPARE(back.value().budget, 42);
        QCOMPARE(back.value().targetErrorRate, 0.05);
        auto unknown = RoundOptions::fromJson(QJsonObject{{"budgett", 3}});
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().subject, QStringLiteral("budgett"));
        auto badStrategy = RoundOptions::fromJson(QJsonObject{{"strategy", "clever"}});
        QVERIFY(!badStrategy.ok());
        QCOMPARE(badStrategy.error().subject, QStringLiteral("strategy"));
        auto badRate = RoundOptions::fromJson(QJsonObject{{"spotCheckRate", 1.5}});
        QVERIFY(!badRate.ok());
        QVERIFY(!RoundOptions::fromJson(QJsonObject{{"regressionAlpha", -0.1}}).ok());
        auto wrongType = RoundOptions::fromJson(QJsonObject{{"budget", "ten"}});
        QVERIFY(!wrongType.ok());
    }
};

QTEST_GUILESS_MAIN(LoopPartsTest)
#include "tst_loop_parts.moc"
