// PresenceThresholds and model::calledSeverity: a head whose "present" probabilities rank
// right but sit below "none" finds nothing by its most probable severity and everything by
// the fitted threshold; slots with few present labels share the pooled threshold.
#include "model/PresenceCall.h"
#include "common/Vocabulary.h"
#include "train/AttributeMetrics.h"
#include "train/HeadAnswers.h"
#include "train/PresenceThresholds.h"
#include "train/RocAuc.h"

#include <QJsonArray>
#include <QtTest>

using namespace medq;
using namespace medq::train;

namespace {

// P(none) = 1 - present, the rest split mild 60% / moderate 30% / severe 10%.
std::array<double, 4> reading(double present) {
    return {1.0 - present, 0.6 * present, 0.3 * present, 0.1 * present};
}

struct Heldout {
    std::vector<TrainingExample> examples;
    model::AttributeReadings readings;
    std::vector<const TrainingExample*> images() const {
        std::vector<const TrainingExample*> out;
        for (const auto& e : examples) out.push_back(&e);
        return out;
    }
};

// `n` images, 3 slots. Slot 0: every second image has the attribute (P(present) 0.35-0.45)
// and the others not (0.05-0.15). Slot 1: present in 3 images only, read like slot 0.
// Slot 2: unknown (-1) everywhere.
Heldout heldout(int n) {
    Heldout h;
    for (int i = 0; i < n; ++i) {
        TrainingExample e;
        e.image.first = {float(i)};  // distinct images
        const bool present0 = i % 2 == 0, present1 = i < 3;
        e.attributeTargets = {std::int8_t(present0 ? 2 : 0), std::int8_t(present1 ? 1 : 0), -1};
        const double jitter = 0.01 * (i % 10);
        h.readings.push_back({reading(present0 ? 0.35 + jitter : 0.05 + jitter), reading(present1 ? 0.4 : 0.1), reading(0.9)});
        h.examples.push_back(std::move(e));
    }
    return h;
}

}  // namespace

class PresenceThresholdsTest : public QObject {
    Q_OBJECT
private slots:
    void calledSeverityUsesTheThresholdOnPresence() {
        const auto p = reading(0.4);  // none 0.6, mild 0.24, moderate 0.12, severe 0.04
        QCOMPARE(model::calledSeverity(p), 0);        // most probable: none
        QCOMPARE(model::calledSeverity(p, 0.3), 1);   // present; mild is the most probable severity
        QCOMPARE(model::calledSeverity(p, 0.5), 0);
        QCOMPARE(model::calledSeverity({0.1, 0.2, 0.3, 0.4}, 0.5), 3);
        QCOMPARE(model::thresholdOf({0.2, 0.3}, 1), 0.3);
        QCOMPARE(model::thresholdOf({0.2, 0.3}, 2), -1.0);
    }

    void fittedThresholdsFindWhatTheArgmaxMisses() {
        const Heldout h = heldout(40);
        const auto before = scoreAttributeReadings(h.images(), h.readings);
        QCOMPARE(before.presentRecall, 0.0);  // every reading says "none" is most probable
        QCOMPARE(before.meanAuc, 1.0);        // while its ranking is perfect in slots 0 and 1
        QCOMPARE(before.bySlot[0].auc, 1.0);

        const PresenceFit fit = PresenceThresholds::fit(h.images(), h.readings, 3);
        QCOMPARE(int(fit.thresholds.size()), 3);
        QCOMPARE(fit.slotsOwn, 1);  // slot 0 only: slot 1 has 3 present labels, slot 2 none
        // Slot 0 separates at its lowest present reading (0.35); ties go to the higher value.
        QVERIFY2(std::abs(fit.thresholds[0] - 0.35) < 1e-9, qPrintable(QString::number(fit.thresholds[0])));
        QCOMPARE(fit.thresholds[1], fit.pooled);
        QCOMPARE(fit.thresholds[2], fit.pooled);
        QCOMPARE(fit.f1Before, 0.0);
        QVERIFY(fit.f1After > 0.9);

        const auto after = scoreAttributeReadings(h.images(), h.readings, fit.thresholds);
        QCOMPARE(after.bySlot[0].found, 20);
        QCOMPARE(after.bySlot[0].called, 20);
        QVERIFY(after.presentRecall > 0.9 && after.presentPrecision > 0.9);
        // The severity within "present" is still the head's most probable one (mild here).
        QVERIFY(after.severityAccuracy < after.presenceAccuracy);
    }

    void rocAucCountsOrderedPairs() {
        QCOMPARE(rocAuc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75);  // 3 of 4 present-absent pairs ordered
        QCOMPARE(rocAuc({0.5, 0.5}, {1, 0}), 0.5);                     // a tie counts half
        QCOMPARE(rocAuc({0.2, 0.9}, {1, 1}), -1.0);                    // one class only
    }

    // The head answers yes/no and "how" questions about one attribute of a single image by
    // its called severity, finding the option by its text wherever it stands.
    void headAnswersMapTheReadingToTheOption() {
        TrainingExample yesNo = TrainingExample::perception({{0.5f}, {}}, "Is there noise?", {"No", "Yes"}, 1);
        yesNo.questionType = key(QuestionType::YesNo);
        yesNo.askedSlot = 3;
        QVERIFY(HeadAnswers::choice(yesNo, reading(0.4), 0.3) == std::optional<int>(1));   // present: "Yes"
        QVERIFY(HeadAnswers::choice(yesNo, reading(0.4), -1.0) == std::optional<int>(0));  // argmax none: "No"
        TrainingExample how = TrainingExample::perception({{0.5f}, {}}, "How severe is the noise?",
                                                          {"Severe", "None", "Mild", "Moderate"}, 2);
        how.questionType = key(QuestionType::How);
        how.askedSlot = 3;
        QVERIFY(HeadAnswers::choice(how, {0.1, 0.2, 0.6, 0.1}, 0.5) == std::optional<int>(3));  // moderate
        QVERIFY(HeadAnswers::choice(how, {0.7, 0.2, 0.05, 0.05}, 0.5) == std::optional<int>(1));  // none
        // Not the head's to answer: no named attribute, another type, a pair, an option it cannot find.
        TrainingExample unnamed = yesNo;
        unnamed.askedSlot = -1;
        QVERIFY(!HeadAnswers::choice(unnamed, reading(0.9), 0.3));
        TrainingExample what = yesNo;
        what.questionType = key(QuestionType::What);
        QVERIFY(!HeadAnswers::choice(what, reading(0.9), 0.3));
        TrainingExample pair = yesNo;
        pair.image.second = {0.1f};
        QVERIFY(!HeadAnswers::choice(pair, reading(0.9), 0.3));
        TrainingExample odd = how;
        odd.options = {"Mild", "Severe"};
        QVERIFY(!HeadAnswers::choice(odd, {0.9, 0.05, 0.03, 0.02}, 0.5));  // "None" is not offered
    }

    void tooFewImagesFitNothing() {
        const Heldout h = heldout(PresenceThresholds::kMinImages - 1);
        const PresenceFit fit = PresenceThresholds::fit(h.images(), h.readings, 3);
        QVERIFY(fit.thresholds.empty());
        QCOMPARE(fit.images, PresenceThresholds::kMinImages - 1);
        QVERIFY(fit.toJson().value("thresholds").toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(PresenceThresholdsTest)
#include "tst_presence_thresholds.moc"
