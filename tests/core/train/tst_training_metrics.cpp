// Plain parts of core/train: metrics, learning-rate schedule, configs and data hashes.
#include "train/LearningRateSchedule.h"
#include "model/ModalityMention.h"
#include "train/PerceptionMetrics.h"
#include "train/RougeL.h"
#include "train/TrainConfig.h"
#include "train/TrainingExample.h"
#include "train/TrainingOrder.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace medq::train;

namespace {
PerceptionOutcome outcome(double confidence, bool correct, QString type = "yes-no", QString group = "ct") {
    PerceptionOutcome o;
    o.truth = 0;
    o.predicted = correct ? 0 : 1;
    o.confidence = confidence;
    o.questionType = std::move(type);
    o.group = std::move(group);
    return o;
}
}  // namespace

class TrainingMetricsTest : public QObject {
    Q_OBJECT
private slots:
    void imageBatchesKeepAnImagesExamplesTogether() {
        // Five images with 1..5 questions each, interleaved as a workspace lists them.
        std::vector<TrainingExample> examples;
        for (int q = 0; q < 5; ++q)
            for (int image = 0; image < 5; ++image)
                if (q <= image) {
                    medq::model::VisualInput v{std::vector<float>(12, float(image) / 10.0f), {}};
                    examples.push_back(TrainingExample::perception(v, QString::number(q), {"Yes", "No"}, 0));
                }
        const auto groups = imageGroups(examples);
        QCOMPARE(int(groups.size()), 15);
        QCOMPARE(*std::max_element(groups.begin(), groups.end()), 4);
        const auto order = trainingOrder(groups, true, 3, 0);
        std::vector<std::size_t> sorted = order;
        std::sort(sorted.begin(), sorted.end());
        for (std::size_t i = 0; i < sorted.size(); ++i) QCOMPARE(sorted[i], i);  // a permutation
        // Each image's examples are contiguous: the group changes exactly four times.
        int changes = 0;
        for (std::size_t i = 1; i < order.size(); ++i) changes += groups[order[i]] != groups[order[i - 1]];
        QCOMPARE(changes, 4);
        QCOMPARE(trainingOrder(groups, true, 3, 0), order);  // deterministic
        bool differs = false;
        for (int epoch = 1; epoch < 6 && !differs; ++epoch) differs = trainingOrder(groups, true, 3, epoch) != order;
        QVERIFY(differs);
        QCOMPARE(trainingOrder(groups, false, 3, 0), epochOrder(15, 3, 0));
    }

    void eceIsZeroWhenConfidenceMatchesAccuracy() {
        // Bin (0.7, 0.8]: 10 items at 0.75 confidence... use 0.8 exactly with 8 of 10 right.
        std::vector<PerceptionOutcome> outcomes;
        for (int i = 0; i < 10; ++i) outcomes.push_back(outcome(0.8, i < 8));
        QVERIFY(std::abs(expectedCalibrationError(outcomes)) < 1e-12);
        QCOMPARE(expectedCalibrationError({}), 0.0);
    }

    void eceWeighsBinsByTheirShare() {
        // 4 items at 0.95 all wrong: gap 0.95, weight 0.5; 4 at 0.55 all right: gap 0.45, weight 0.5.
        std::vector<PerceptionOutcome> outcomes;
        for (int i = 0; i < 4; ++i) outcomes.push_back(outcome(0.95, false));
        for (int i = 0; i < 4; ++i) outcomes.push_back(outcome(0.55, true));
        QVERIFY(std::abs(expectedCalibrationError(outcomes) - (0.5 * 0.95 + 0.5 * 0.45)) < 1e-12);
        // Bin edges: 0.3 belongs to (0.2, 0.3], so 0.3 and 0.25 share a bin and average out.
        std::vector<PerceptionOutcome> edge{outcome(0.3, true), outcome(0.25, false)};
        QVERIFY(std::abs(expectedCalibrationError(edge) - std::abs(0.5 - 0.275)) < 1e-12);
    }

    void accuracyBreaksDownByTypeAndGroup() {
        std::vector<PerceptionOutcome> outcomes{outcome(0.9, true, "yes-no", "ct"), outcome(0.9, false, "yes-no", "mri"),
                                                outcome(0.6, true, "what", "mri"), outcome(0.6, true, "how", "ct")};
        outcomes[0].entropy = 0.2;
        outcomes[1].entropy = 0.6;
        const PerceptionSummary s = summarisePerception(outcomes);
        QCOMPARE(s.overall.total, 4);
        QCOMPARE(s.overall.accuracy(), 0.75);
        QCOMPARE(s.byType["yes-no"].accuracy(), 0.5);
        QCOMPARE(s.byType["what"].accuracy(), 1.0);
        QCOMPARE(s.byGroup["mri"].total, 2);
        QCOMPARE(s.byGroup["mri"].correct, 1);
        QVERIFY(std::abs(s.meanEntropy - 0.2) < 1e-12);
        QCOMPARE(s.toJson().value("byType").toObject().value("how").toObject().value("accuracy").toDouble(), 1.0);
    }

    // base300's drafts: "This fundus image shows …" for 75% of the images of every modality.
    void aDescriptionNamingAnotherModalityIsCaught() {
        using medq::Modality;
        using medq::model::ModalityMention;
        QCOMPARE(ModalityMention::first("This fundus image shows a clean appearance."), Modality::Fundus);
        QCOMPARE(ModalityMention::first("The MR image presents moderate noise."), Modality::MRI);
        QCOMPARE(ModalityMention::first("This MRI image shows clear contrast."), Modality::MRI);
        QCOMPARE(ModalityMention::first("The CT scan shows streaks."), Modality::CT);
        QCOMPARE(ModalityMention::first("The endoscopic frame is blurred."), Modality::Endoscopy);
        QCOMPARE(ModalityMention::first("This histopathology slide is out of focus."), Modality::Histopathology);
        // The first one named counts; words that merely contain the letters do not.
        QCOMPARE(ModalityMention::first("Unlike a CT, this fundus photograph is sharp."), Modality::CT);
        QCOMPARE(ModalityMention::first("The image is strict, with a faint act of noise."), std::nullopt);
        QCOMPARE(ModalityMention::first("The image has mild noise."), std::nullopt);
        QVERIFY(ModalityMention::namesAnother("This fundus image shows a clean appearance.", "mri"));
        QVERIFY(!ModalityMention::namesAnother("This MRI image shows clear contrast.", "mri"));
        QVERIFY(!ModalityMention::namesAnother("The image has mild noise.", "ct"));      // names none
        QVERIFY(!ModalityMention::namesAnother("This fundus image is sharp.", ""));      // modality unknown
        QVERIFY(!ModalityMention::namesAnother("This fundus image is sharp.", "other"));
        // The decoder's guard: any other modality, anywhere; its own and none pass.
        QVERIFY(ModalityMention::namesOtherThan("This MRI image, unlike a CT, is sharp.", Modality::MRI));
        QVERIFY(ModalityMention::namesOtherThan("This MRI image shows clear contrast.", Modality::CT));
        QVERIFY(ModalityMention::namesOtherThan("The endoscop", Modality::Fundus));  // a word under way counts
        QVERIFY(!ModalityMention::namesOtherThan("This MRI image shows clear contrast.", Modality::MRI));
        QVERIFY(!ModalityMention::namesOtherThan("The image is strict, with a faint act of noise.", Modality::MRI));
        QVERIFY(!ModalityMention::namesOtherThan("This MR", Modality::MRI));
        // The stain names histopathology (base300's guarded endoscopy drafts: "This H&E image").
        QCOMPARE(ModalityMention::first("This H&E image shows a clean appearance."), Modality::Histopathology);
        QCOMPARE(ModalityMention::first("The histopathology tile is sharp."), Modality::Histopathology);
        QVERIFY(ModalityMention::namesOtherThan("This H&", Modality::Endoscopy));
        QVERIFY(!ModalityMention::namesOtherThan("This H&E image", Modality::Histopathology));
    }

    void rougeLIsTheLcsFMeasure_data() {
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<double>("f");
        QTest::newRow("identical") << "Mild noise, good quality." << "mild noise good quality" << 1.0;
        QTest::newRow("disjoint") << "sharp image" << "blurred scan" << 0.0;
        // Lin 2004's example: LCS("police killed the gunman", "police kill the gunman") = 3.
        QTest::newRow("lin") << "police kill the gunman" << "police killed the gunman" << 0.75;
        // LCS 2 ("a c"), P = 2/3, R = 2/4 -> F = 4/7.
        QTest::newRow("unequal lengths") << "a b c" << "a x c y" << 4.0 / 7.0;
        QTest::newRow("empty") << "" << "anything" << 0.0;
    }
    void rougeLIsTheLcsFMeasure() {
        QFETCH(QString, candidate);
        QFETCH(QString, reference);
        QFETCH(double, f);
        QVERIFY(std::abs(rougeL(candidate, reference).f - f) < 1e-12);
    }

    void scheduleWarmsUpThenDecaysToTheFloor() {
        TrainConfig c;
        c.learningRate = 1e-3;
        c.warmupSteps = 10;
        c.minLearningRateRatio = 0.1;
        const LearningRateSchedule s(c, 110);
        QVERIFY(std::abs(s.at(0) - 1e-4) < 1e-15);
        QVERIFY(std::abs(s.at(9) - 1e-3) < 1e-15);
        QVERIFY(std::abs(s.at(10) - 1e-3) < 1e-15);
        QVERIFY(std::abs(s.at(60) - 0.55e-3) < 1e-12);  // half way: floor + half the span
        QVERIFY(std::abs(s.at(110) - 1e-4) < 1e-15);
        for (int i = 11; i < 110; ++i) QVERIFY(s.at(i) <= s.at(i - 1));
        c.cosineSchedule = false;
        QCOMPARE(LearningRateSchedule(c, 110).at(100), 1e-3);
        // The explicit form is the same schedule.
        const LearningRateSchedule explicitForm(1e-3, 10, 0.1, 110);
        for (int i = 0; i <= 120; ++i) QCOMPARE(explicitForm.at(i), s.at(i));
    }

    void epochOrderIsAPinnedPermutationPerEpoch() {
        for (const std::uint64_t seed : {std::uint64_t(0), std::uint64_t(5), std::uint64_t(123456789)})
            for (int epoch = 0; epoch < 4; ++epoch) {
                std::vector<std::size_t> order = epochOrder(37, seed, epoch);
                QCOMPARE(epochOrder(37, seed, epoch), order);  // the same every time
                QVERIFY(order != epochOrder(37, seed, epoch + 1));
                std::sort(order.begin(), order.end());
                for (std::size_t i = 0; i < order.size(); ++i) QCOMPARE(order[i], i);  // a permutation
            }
        // Pinned: the order a run of seed 5 visits 10 examples in epoch 3 (the same before the
        // random idiom moved to common/Random.h).
        QCOMPARE(epochOrder(10, 5, 3), (std::vector<std::size_t>{7, 8, 3, 9, 4, 1, 0, 2, 6, 5}));
    }

    void chanceReferencesAreUniformAndMajorityPerTypeAndOptionCount() {
        auto make = [](QString type, int options, int truth, bool correct, QString group) {
            PerceptionOutcome o = outcome(0.5, true, std::move(type), std::move(group));
            o.optionCount = options;
            o.truth = truth;
            o.predicted = correct ? truth : (truth + 1) % options;
            return o;
        };
        // yes-no: answer 1 three times of four; how: 4 options (index 0 twice of three) and
        // 3 options (index 2 once, index 1 once: the tie goes to index 1).
        const std::vector<PerceptionOutcome> outcomes{
            make("yes-no", 2, 1, true, "ct"), make("yes-no", 2, 1, false, "ct"), make("yes-no", 2, 1, true, "mri"),
            make("yes-no", 2, 0, true, "mri"), make("how", 4, 0, false, "ct"), make("how", 4, 0, false, "ct"),
            make("how", 4, 3, true, "mri"), make("how", 3, 2, true, "ct"), make("how", 3, 1, false, "ct")};
        const auto majority = majorityAnswers(outcomes);
        QCOMPARE(majority.value({"yes-no", 2}), 1);
        QCOMPARE(majority.value({"how", 4}), 0);
        QCOMPARE(majority.value({"how", 3}), 1);
        const PerceptionSummary s = summarisePerception(outcomes);
        QCOMPARE(s.byType["yes-no"].uniformChance(), 0.5);
        QCOMPARE(s.byType["yes-no"].majorityChance(), 0.75);
        QCOMPARE(s.byType["how"].uniformChance(), (3 * 0.25 + 2.0 / 3.0) / 5);
        QCOMPARE(s.byType["how"].majorityChance(), 3.0 / 5);  // two "0" of four options, one "1" of three
        QCOMPARE(s.overall.majorityChance(), 6.0 / 9);
        QCOMPARE(s.byGroup["mri"].majorityChance(), 1.0 / 3);  // the yes-no "1" only
        const QJsonObject how = s.toJson().value("byType").toObject().value("how").toObject();
        QCOMPARE(how.value("majorityChance").toDouble(), 0.6);
        QVERIFY(s.toJson().contains("uniformChance"));
    }

    void perExampleLossWeighsEveryExampleOnce() {
        TrainConfig c;
        QVERIFY(c.lossPerExample);
        // Weight per example = token weight x its target tokens.
        QCOMPARE(c.tokenWeight(false, 60) * 60, 1.0);
        QCOMPARE(c.tokenWeight(true, 1) * 1, 1.0);
        QCOMPARE(c.tokenWeight(true, 0), 0.0);
        c.perceptionWeight = 2.0;
        QCOMPARE(c.tokenWeight(true, 3) * 3, 2.0);
        c.lossPerExample = false;  // per token: the description counts 60 times
        c.perceptionWeight = 1.0;
        QCOMPARE(c.tokenWeight(false, 60) * 60, 60.0);
        QCOMPARE(c.tokenWeight(true, 1), 1.0);
        // Configs saved before the option existed trained per token.
        QJsonObject old = TrainConfig().toJson();
        old.remove("lossPerExample");
        QVERIFY(!TrainConfig::fromJson(old).value().lossPerExample);
        old.insert("perceptionWeight", 0.0);
        QVERIFY(!TrainConfig::fromJson(old).ok());
    }

    void trainConfigRoundTripsAndValidates() {
        TrainConfig c;
        c.useLora = true;
        c.lora.rank = 4;
        c.lora.targets = {"q", "v", "fc1"};
        c.stopMetric = TrainConfig::StopMetric::ValidationAccuracy;
        c.seed = 123456789;
        c.lossPerExample = false;
        c.perceptionWeight = 3.0;
        auto back = TrainConfig::fromJson(c.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back.value().toJson(), c.toJson());
        QCOMPARE(c.totalSteps(33), 10 * 3);
        c.maxSteps = 7;
        QCOMPARE(c.totalSteps(33), 7);
        QJsonObject bad = c.toJson();
        bad.insert("batchSize", 0);
        QVERIFY(!TrainConfig::fromJson(bad).ok());
        bad = c.toJson();
        bad.insert("stopMetric", "bleu");
        QVERIFY(!TrainConfig::fromJson(bad).ok());
        QCOMPARE(TrainConfig::fromJson(bad).error().subject, QStringLiteral("stopMetric"));
        bad = c.toJson();
        bad.insert("batchSize", "many");
        QCOMPARE(TrainConfig::fromJson(bad).error().subject, QStringLiteral("batchSize"));
        bad = c.toJson();
        bad.insert("attributeOtherModalityWeight", 1.5);
        QCOMPARE(TrainConfig::fromJson(bad).error().subject, QStringLiteral("attributeOtherModalityWeight"));
        bad = c.toJson();
        bad.insert("futureSetting", 1);  // unknown keys are ignored
        QVERIFY(TrainConfig::fromJson(bad).ok());
    }

    void trainConfigFromOlderFilesTrainsAsTheyDid() {
        // Keys written before these settings existed: no attribute or slot loss, no image
        // batches, no encoder pretraining, the "none" weight of the attribute loss.
        QJsonObject old = TrainConfig().toJson();
        for (const char* key : {"attributeWeight", "attributePresentWeight", "attributeOtherModalityWeight", "guidedSlotWeight",
                                "batchByImage", "encoderEpochs", "stopMetric", "lora"})
            old.remove(key);
        const TrainConfig c = TrainConfig::fromJson(old).value();
        QCOMPARE(c.attributeWeight, 0.0);
        QCOMPARE(c.attributePresentWeight, 1.0);
        QCOMPARE(c.attributeOtherModalityWeight, 1.0);
        QCOMPARE(c.guidedSlotWeight, 0.0);
        QVERIFY(!c.batchByImage);
        QCOMPARE(c.encoderEpochs, 0);
        QVERIFY(c.stopMetric == TrainConfig::StopMetric::ValidationLoss);
        QCOMPARE(c.lora.toJson(), medq::model::LoraConfig().toJson());
        QCOMPARE(TrainConfig::fromJson(QJsonObject{}).value().toJson().size(), TrainConfig().toJson().size());
    }

    void dataHashSeesEveryField() {
        auto base = TrainingExample::perception({{0.1f, 0.2f}, {}}, "Is it noisy?", {"Yes", "No"}, 0);
        std::vector<TrainingExample> a{base};
        const QString h = trainingDataHash(a);
        QCOMPARE(trainingDataHash(a), h);
        a[0].answerIndex = 1;
        QVERIFY(trainingDataHash(a) != h);
        a = {base};
        a[0].image.first.edit()[1] = 0.3f;
        QVERIFY(trainingDataHash(a) != h);
        a = {base};
        a[0].options[1] = "Maybe";
        QVERIFY(trainingDataHash(a) != h);
    }
};

QTEST_GUILESS_MAIN(TrainingMetricsTest)
#include "tst_training_metrics.moc"
