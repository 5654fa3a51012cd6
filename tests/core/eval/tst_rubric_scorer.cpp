// The description rubric: references score 8/8 against themselves, the simulated expert
// scores high, contradictions and wrong conclusions are penalised as the rubric says.
#include "eval/RubricScorer.h"
#include "synth/ItemGenerator.h"
#include "synth/RecipeSampler.h"
#include "synth/SimulatedAnnotator.h"
#include "taxonomy/Taxonomy.h"

#include <QtTest>

using namespace medq;
using namespace medq::eval;

class RubricScorerTest : public QObject {
    Q_OBJECT
private slots:
    void referenceAgainstItselfIsPerfect() {
        RubricScorer scorer;
        int items = 0, perfect = 0;
        for (Modality m : kClinicalModalities)
            for (std::uint64_t seed = 1; seed <= 40; ++seed) {
                const auto recipe = synth::RecipeSampler::sample(m, seed);
                const auto item = synth::ItemGenerator::generate(m, recipe, seed);
                const auto found = FindingExtractor::extract(item.description, m);
                // The extractor recovers exactly the ground-truth attributes and level.
                QVERIFY2(found.present.size() == int(item.truth.attributes.size()),
                         qPrintable(item.description + " => " + QStringList(found.present.keys()).join(',')));
                for (const auto& a : item.truth.attributes) {
                    QVERIFY2(found.present.contains(a.key), qPrintable(item.description + " / " + a.key));
                    QCOMPARE(found.present.value(a.key), a.severity);
                }
                QCOMPARE(*found.conclusion, item.truth.level);
                const auto s = scorer.score(item.description, item.description, modalityKey(m), false);
                ++items;
                perfect += s.total() == 8;
            }
        QCOMPARE(perfect, items);
    }

    void otherPhrasingOfTheSameTruthScoresHigh() {
        RubricScorer scorer;
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            const auto recipe = synth::RecipeSampler::sample(Modality::MRI, seed);
            const auto a = synth::ItemGenerator::generate(Modality::MRI, recipe, seed);
            const auto b = synth::ItemGenerator::generate(Modality::MRI, recipe, seed + 1000);
            QCOMPARE(scorer.score(b.description, a.description, "mri", false).total(), 8);
        }
    }

    void contradictionsAndWrongConclusionsArePenalised() {
        RubricScorer scorer;
        const QString reference = "This MRI image shows severe motion ghosting. Overall, the quality of this image is reject.";
        const auto contradict = scorer.score("This MRI image shows no motion ghosting. Overall, the quality of this image is good.",
                                             reference, "mri", false);
        QCOMPARE(contradict.completeness, 0);
        QCOMPARE(contradict.qualityAccuracy, 0);
        const auto silent = scorer.score("A brain image.", reference, "mri", false);
        QCOMPARE(silent.completeness, 0);
        QCOMPARE(silent.consistency, 0);  // no conclusion at all
        QCOMPARE(silent.qualityAccuracy, 0);
        const auto offByOne = scorer.score("This MRI image shows severe motion ghosting. Overall, the quality of this image is usable.",
                                           reference, "mri", false);
        QCOMPARE(offByOne.qualityAccuracy, 1);
        QCOMPARE(offByOne.consistency, 1);  // severe finding but "usable"
    }

    void simulatedExpertScoresNearTheTop() {
        RubricScorer scorer;
        synth::SimulatedAnnotator expert;
        double total = 0;
        int n = 0;
        for (Modality m : kClinicalModalities)
            for (std::uint64_t seed = 1; seed <= 30; ++seed) {
                const auto recipe = synth::RecipeSampler::sample(m, seed);
                const auto item = synth::ItemGenerator::generate(m, recipe, seed);
                const auto result = expert.annotate(item.truth, item.questions, seed);
                total += scorer.score(result.description, item.description, modalityKey(m), false).total();
                ++n;
            }
        const double mean = total / n;
        qInfo("simulated expert: %.2f of 8 on %d items", mean, n);
        QVERIFY(mean > 6.5);
        QVERIFY(mean < 8.0);  // the expert is noisy by configuration, so not perfect
    }

    void pairsScoreOnPreference() {
        RubricScorer scorer;
        const QString ref = "The first image shows mild noise, while the second image shows severe noise. Overall, the first image has better quality.";
        QCOMPARE(scorer.score(ref, ref, "ct", true).qualityAccuracy, 2);
        const QString wrong = "The first image shows mild noise, while the second image shows severe noise. Overall, the second image has better quality.";
        QCOMPARE(scorer.score(wrong, ref, "ct", true).qualityAccuracy, 0);
    }
};

QTEST_GUILESS_MAIN(RubricScorerTest)
#include "tst_rubric_scorer.moc"
