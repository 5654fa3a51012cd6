// The simulated annotator: perception noise at the configured rates, cost model, JSON config.
#include "synth/ItemGenerator.h"
#include "synth/RecipeSampler.h"
#include "synth/SimulatedAnnotator.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::synth;

namespace {
AnnotatorConfig perfect() {
    AnnotatorConfig c;
    c.missProbability = c.wrongSeverityProbability = c.falseFindingProbability = c.anchoringProbability = 0.0;
    return c;
}

const QString kNoise = QStringLiteral("noise"), kRing = QStringLiteral("ring"), kMotion = QStringLiteral("motion");
}  // namespace

class SimulatedAnnotatorTest : public QObject {
    Q_OBJECT
private slots:
    void perfectAnnotatorReproducesTheTruth() {
        const SimulatedAnnotator annotator(perfect());
        for (std::uint64_t seed = 0; seed < 50; ++seed) {
            const BenchmarkItem item = ItemGenerator::generate(Modality::Endoscopy, RecipeSampler::sample(Modality::Endoscopy, seed), seed);
            const AnnotationResult r = annotator.annotate(item.truth, item.questions, seed);
            QCOMPARE(r.labels.attributes, item.truth.attributes);
            QCOMPARE(r.labels.level, item.truth.level);
            for (std::size_t i = 0; i < item.questions.size(); ++i) QCOMPARE(r.answers[i], item.questions[i].correct);
            QCOMPARE(r.action, AnnotationAction::Full);
            QCOMPARE(r.seconds, 90.0 + 5.0 * double(item.questions.size()));
        }
    }

    void errorRatesFollowTheConfig() {
        AnnotatorConfig c = perfect();
        c.missProbability = 0.2;
        c.wrongSeverityProbability = 0.3;
        const SimulatedAnnotator annotator(c);
        const GroundTruth truth = GroundTruth::from(Modality::MRI, {{QStringLiteral("noise"), Severity::Moderate}});
        int missed = 0, wrong = 0;
        const int n = 4000;
        for (int i = 0; i < n; ++i) {
            const GroundTruth seen = annotator.perceive(truth, std::uint64_t(i));
            if (!seen.has(QStringLiteral("noise"))) ++missed;
            else if (seen.severityOf(QStringLiteral("noise")) != Severity::Moderate) ++wrong;
        }
        QVERIFY2(std::abs(missed / double(n) - 0.2) < 0.025, qPrintable(QString::number(missed)));
        QVERIFY2(std::abs(wrong / double(n - missed) - 0.3) < 0.03, qPrintable(QString::number(wrong)));
    }

    void reviewVerifiesGoodDraftsAndEditsBadOnes() {
        const SimulatedAnnotator annotator(perfect());
        const GroundTruth truth = GroundTruth::from(Modality::CT, {{kNoise, Severity::Mild}, {kRing, Severity::Severe}});
        const AnnotationResult accepted = annotator.review(truth, truth, {}, {}, 1);
        QCOMPARE(accepted.action, AnnotationAction::Verify);
        QCOMPARE(accepted.edits, 0);
        QCOMPARE(accepted.seconds, 12.0 + 2 * 4.0);  // reading the draft and checking its two findings
        // Draft misses the ring, grades noise wrong and invents a motion artefact: three edits.
        const GroundTruth draft = GroundTruth::from(Modality::CT, {{kNoise, Severity::Severe}, {kMotion, Severity::Mild}});
        const AnnotationResult edited = annotator.review(truth, draft, {}, {}, 1);
        QCOMPARE(edited.action, AnnotationAction::Edit);
        QCOMPARE(edited.edits, 3);
        QCOMPARE(edited.seconds, 12.0 + 2 * 4.0 + 25.0 + 3 * 8.0);
        QCOMPARE(edited.labels.attributes, truth.attributes);
        QVERIFY(annotator.cost(AnnotationAction::Verify, 0, 0) < annotator.cost(AnnotationAction::Edit, 1, 0));
        QVERIFY(annotator.cost(AnnotationAction::Edit, 1, 0) < annotator.cost(AnnotationAction::Full, 0, 0));
    }

    // A reviewer that always anchors signs the draft as it is: wrong attributes and answers
    // stay, and nothing is charged as an edit.
    void aFullyAnchoredReviewerKeepsTheDraft() {
        AnnotatorConfig c = perfect();
        c.anchoringProbability = 1.0;
        const SimulatedAnnotator annotator(c);
        for (std::uint64_t seed = 0; seed < 20; ++seed) {
            const BenchmarkItem item = ItemGenerator::generate(Modality::MRI, RecipeSampler::sample(Modality::MRI, seed), seed);
            const GroundTruth draft = GroundTruth::from(Modality::MRI, {{kNoise, Severity::Severe}});
            std::vector<int> wrong;
            for (const auto& q : item.questions) wrong.push_back((q.correct + 1) % int(q.options.size()));
            const AnnotationResult r = annotator.review(item.truth, draft, wrong, item.questions, seed);
            QCOMPARE(r.labels.attributes, draft.attributes);
            QCOMPARE(r.answers, wrong);
            QCOMPARE(r.action, AnnotationAction::Verify);
            QCOMPARE(r.edits, 0);
        }
    }

    // At the configured rate, a wrong draft answer survives review; right ones always do,
    // and a question the draft left open is answered from what the reviewer sees.
    void anchoringFollowsTheConfiguredRate() {
        AnnotatorConfig c = perfect();
        c.anchoringProbability = 0.45;
        const SimulatedAnnotator annotator(c);
        int wrongKept = 0, wrongShown = 0;
        for (std::uint64_t seed = 0; seed < 600; ++seed) {
            const BenchmarkItem item = ItemGenerator::generate(Modality::CT, RecipeSampler::sample(Modality::CT, seed), seed);
            std::vector<int> drafted;
            for (std::size_t i = 0; i < item.questions.size(); ++i)
                drafted.push_back(i == 0 ? -1 : i % 2 ? item.questions[i].correct : (item.questions[i].correct + 1) % int(item.questions[i].options.size()));
            const AnnotationResult r = annotator.review(item.truth, item.truth, drafted, item.questions, seed);
            QCOMPARE(r.labels.attributes, item.truth.attributes);  // the draft's labels were right
            for (std::size_t i = 0; i < item.questions.size(); ++i) {
                if (i == 0 || i % 2) {
                    QCOMPARE(r.answers[i], item.questions[i].correct);
                    continue;
                }
                ++wrongShown;
                if (r.answers[i] == drafted[i]) ++wrongKept;
                else QCOMPARE(r.answers[i], item.questions[i].correct);
            }
            QCOMPARE(r.answers, annotator.review(item.truth, item.truth, drafted, item.questions, seed).answers);  // deterministic
        }
        QVERIFY(wrongShown > 500);
        QVERIFY2(std::abs(wrongKept / double(wrongShown) - 0.45) < 0.05, qPrintable(QStringLiteral("%1 of %2").arg(wrongKept).arg(wrongShown)));
    }

    void loadsTheDefaultConfigFile() {
        const auto config = AnnotatorConfig::load(QStringLiteral(MEDQ_SOURCE_DIR "/resources/annotator.json"));
        QVERIFY2(config, config ? "" : qPrintable(config.error().message()));
        QCOMPARE(config.value().secondsFullDescription, 90.0);
        QCOMPARE(config.value().seed, std::uint64_t(20240601));
        // The file states the built-in defaults, so a bench without --annotator runs the same.
        QCOMPARE(config.value().toJson(), AnnotatorConfig().toJson());
        // toJson / fromJson round trip.
        const auto again = AnnotatorConfig::fromJson(config.value().toJson());
        QVERIFY(again);
        QCOMPARE(again.value().missProbability, config.value().missProbability);
        QCOMPARE(again.value().seed, config.value().seed);
    }

    void rejectsBadConfigs_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("probability > 1") << QByteArray(R"({"missProbability": 1.5})") << "missProbability";
        QTest::newRow("negative cost") << QByteArray(R"({"secondsPerEdit": -1})") << "secondsPerEdit";
        QTest::newRow("wrong type") << QByteArray(R"({"secondsVerifyDraft": "fast"})") << "secondsVerifyDraft";
        QTest::newRow("typo") << QByteArray(R"({"misProbability": 0.1})") << "misProbability";
        QTest::newRow("broken json") << QByteArray(R"({"missProbability": )") << "invalid JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << "object";
    }
    void rejectsBadConfigs() {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("annotator.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();
        const auto config = AnnotatorConfig::load(path);
        QVERIFY(!config);
        QVERIFY2(config.error().message().contains(mentions), qPrintable(config.error().message()));
        QVERIFY(config.error().message().contains(path));
        QVERIFY(!AnnotatorConfig::load(dir.filePath(QStringLiteral("missing.json"))));
    }
};

QTEST_GUILESS_MAIN(SimulatedAnnotatorTest)
#include "tst_synth_annotator.moc"
