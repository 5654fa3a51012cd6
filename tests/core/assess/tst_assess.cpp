// `medq assess` underneath: a model trained briefly on the synthetic benchmark scores a
// degraded copy of each real sample image lower than the clean copy in most pairs (and says
// in how many it rates the attribute degraded worse); files read from disk give named errors when they cannot be assessed;
// the summary keeps the worst images first and the gate decides the exit code.
#include "assess/AssessFilesJob.h"
#include "assess/AssessGate.h"
#include "assess/AssessmentReport.h"
#include "assess/ImageAssessor.h"
#include "assess/MeasureSources.h"
#include "dataset/BaseLibrary.h"
#include "dataset/BenchmarkBuildJob.h"
#include "eval/FindingExtractor.h"
#include "learn/CheckpointRegistry.h"
#include "learn/TrainModelJob.h"
#include "io/ImageReader.h"
#include "model/ImagePreprocessor.h"
#include "model/QualityMeasures.h"
#include "model/QualityModel.h"
#include "support/SampleFiles.h"
#include "synth/Degrader.h"
#include "taxonomy/Taxonomy.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq;

namespace {

jobs::JobOutcome run(jobs::Job& job) {
    static std::atomic<bool> never{false};
    return job.run(jobs::Progress(&never, {}));
}

assess::Assessment fakeAssessment(const QString& path, double good, double usable, double reject) {
    assess::Assessment a;
    a.path = path;
    a.modality = Modality::CT;
    a.levelProbabilities = {good, usable, reject};
    a.level = good >= usable && good >= reject ? QualityLevel::Good : usable >= reject ? QualityLevel::Usable : QualityLevel::Reject;
    a.score = assess::QualityScore::fromLevels(a.levelProbabilities);
    a.attributes.push_back({QStringLiteral("noise"), QStringLiteral("Noise"), {0.1, 0.2, 0.3, 0.4}, Severity::Severe});
    return a;
}

}  // namespace

class AssessTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_checkpoint;
    std::optional<model::QualityModel> m_model;

    // Every file the job reports, by path.
    struct Collected {
        std::vector<assess::Assessment> assessed;
        std::vector<assess::AssessProblem> problems;
        jobs::JobOutcome outcome;
        const assess::AssessProblem* problem(const QString& path) const {
            for (const auto& p : problems)
                if (p.path == path) return &p;
            return nullptr;
        }
    };

    Collected assessFiles(const QStringList& paths, bool recursive = false) {
        Collected c;
        assess::AssessFilesOptions options;
        options.checkpointDir = m_checkpoint;
        options.paths = paths;
        options.recursive = recursive;
        options.assessor.describe = false;
        options.chunkImages = 3;  // several chunks: the read-ahead path runs
        assess::AssessSink sink{[&c](const assess::Assessment& a) { c.assessed.push_back(a); },
                                [&c](const assess::AssessProblem& p) { c.problems.push_back(p); }};
        assess::AssessFilesJob job(options, sink);
        c.outcome = run(job);
        return c;
    }

private slots:
    void initTestCase() {
        const QString ws = m_tmp.filePath("ws");
        QVERIFY(store::Workspace::create(ws).ok());
        dataset::BenchmarkOptions b;
        b.perModality = 60;
        dataset::BenchmarkBuildJob bench(ws, b);
        QVERIFY(run(bench).ok());
        learn::TrainOptions t;
        t.preset = "tiny";
        t.config.maxSteps = 800;
        const auto trained = run(*std::make_unique<learn::TrainModelJob>(ws, t));
        QVERIFY2(trained.ok(), qPrintable(trained.message));
        auto opened = store::Workspace::open(ws);
        learn::CheckpointRegistry registry(*opened.value());
        m_checkpoint = registry.resolve(registry.current());
        auto loaded = model::QualityModel::load(m_checkpoint);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message()));
        m_model = loaded.take();
    }

    // The real sample images against copies degraded (severe) for one attribute at a time,
    // attributes read from the head (the default) and asked as questions.
    void degradedCopiesRateWorseForTheirAttribute_data() {
        QTest::addColumn<int>("reading");
        QTest::newRow("head") << int(assess::AttributeReading::Head);
        QTest::newRow("questions") << int(assess::AttributeReading::Questions);
    }

    void degradedCopiesRateWorseForTheirAttribute() {
        QFETCH(int, reading);
        const int size = m_model->config().imageSize;
        const model::ImagePreprocessor pre(size);
        assess::AssessorOptions options;
        options.describe = false;
        options.attributes = assess::AttributeReading(reading);
        const assess::ImageAssessor assessor(*m_model, options);
        int pairs = 0, worse = 0, levelWorse = 0;
        for (Modality modality : kClinicalModalities) {
            const std::vector<int> bases = dataset::BaseLibrary::instance().installedBases(modality);
            const auto& attributes = Taxonomy::instance().attributes(modality);
            int modalityPairs = 0, modalityWorse = 0;
            for (int base : bases) {
                auto clean = dataset::BaseLibrary::instance().load(modality, base, 1);
                QVERIFY2(clean.ok(), qPrintable(clean.ok() ? QString() : clean.error().message()));
                std::vector<assess::AssessInput> inputs;
                inputs.push_back({QStringLiteral("clean"), modality, clean.value().width, clean.value().height, 1,
                                  pre.process(clean.value()).take()});
                for (const QualityAttribute& a : attributes) {
                    auto degraded = synth::Degrader::apply(clean.value(), {{a.key, Severity::Severe}}, 7 + std::uint64_t(base));
                    QVERIFY2(degraded.ok(), qPrintable(degraded.ok() ? QString() : degraded.error().message()));
                    inputs.push_back({a.key, modality, degraded.value().width, degraded.value().height, 1,
                                      pre.process(degraded.value()).take()});
                }
                auto out = assessor.assess(std::move(inputs));
                QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message()));
                const auto& results = out.value();
                QCOMPARE(results.size(), attributes.size() + 1);
                for (std::size_t i = 0; i < attributes.size(); ++i) {
                    const assess::Assessment& d = results[i + 1];
                    QCOMPARE(d.attributes.size(), attributes.size());
                    QCOMPARE(d.attributes[i].key, attributes[i].key);
                    ++pairs;
                    ++modalityPairs;
                    if (d.attributes[i].expectedSeverity() > results[0].attributes[i].expectedSeverity()) {
                        ++worse;
                        ++modalityWorse;
                    }
                    if (d.score < results[0].score) ++levelWorse;
                }
            }
            qInfo("%s: degraded copy rated worse for its attribute in %d of %d pairs", qPrintable(modalityKey(modality)),
                  modalityWorse, modalityPairs);
        }
        qInfo("all: degraded copy rated worse for its attribute in %d of %d pairs; lower score in %d", worse, pairs,
              levelWorse);
        QVERIFY(pairs >= 40);
        // The overall score falls in most pairs. The attribute's own severity rises in about half
        // of them with this briefly trained model (the attribute head's recall on real images is
        // the generalisation issue's work), so that figure is printed, not gated.
        QVERIFY2(levelWorse * 2 > pairs, "most degraded copies should get a lower overall score");
    }

    void filesThatCannotBeAssessedAreNamed() {
        const QString dir = m_tmp.filePath("files");
        QVERIFY(QDir().mkpath(dir + "/inner"));
        QVERIFY(QFile::copy(test::skimage("retina.jpg"), dir + "/retina.jpg"));
        QVERIFY(QFile::copy(test::pydicom("CT_small.dcm"), dir + "/inner/CT_small.dcm"));
        QVERIFY(QFile::copy(test::pydicom("MR_small.dcm"), dir + "/inner/MR_small.dcm"));
        const QByteArray jpeg = test::readFile(test::skimage("retina.jpg"));
        QVERIFY(test::writeFile(dir + "/cut-short.jpg", jpeg.left(jpeg.size() / 3)));
        QVERIFY(test::writeFile(dir + "/notes.txt", "not an image\n"));
        QVERIFY(QFile::copy(test::skimage("camera.png"), dir + "/camera.png"));  // no modality anywhere

        auto flat = assessFiles({dir});
        QVERIFY2(flat.outcome.ok(), qPrintable(flat.outcome.message));
        QCOMPARE(int(flat.assessed.size()), 1);  // retina.jpg; inner/ is not entered without -r
        QCOMPARE(flat.assessed.front().modality, Modality::Fundus);
        QCOMPARE(flat.assessed.front().width, 1411);  // the file's size, not the reduced decode
        QVERIFY(flat.problem(dir + "/notes.txt") && flat.problem(dir + "/notes.txt")->notAnImage);
        const auto* cut = flat.problem(dir + "/cut-short.jpg");
        QVERIFY(cut && !cut->notAnImage);
        QVERIFY2(!cut->reason.isEmpty(), qPrintable(cut->reason));
        const auto* camera = flat.problem(dir + "/camera.png");
        QVERIFY(camera && camera->reason.contains("--modality"));

        auto deep = assessFiles({dir, m_tmp.filePath("missing.dcm"), dir + "/notes.txt"}, true);
        QVERIFY(deep.outcome.ok());
        QCOMPARE(int(deep.assessed.size()), 3);
        const auto* missing = deep.problem(m_tmp.filePath("missing.dcm"));
        QVERIFY(missing && !missing->notAnImage && missing->reason == "no such file");
        // A non-image named on the command line is an error, not a stray file.
        int namedNotes = 0;
        for (const auto& p : deep.problems)
            if (p.path == dir + "/notes.txt" && !p.notAnImage) ++namedNotes;
        QCOMPARE(namedNotes, 1);
        for (const auto& a : deep.assessed) {
            QVERIFY(a.modality == Modality::CT || a.modality == Modality::MRI || a.modality == Modality::Fundus);
            QCOMPARE(int(a.attributes.size()), int(Taxonomy::instance().attributes(a.modality).size()));
            const double sum = a.levelProbabilities[0] + a.levelProbabilities[1] + a.levelProbabilities[2];
            QVERIFY(std::abs(sum - 1.0) < 1e-6);
            QVERIFY(a.score >= 1.0 && a.score <= 5.0);
            QVERIFY(a.uncertainty > 0 && a.uncertainty <= 1.0);
            QVERIFY(!a.description);
            QVERIFY(!a.thumbnail.isNull());
        }
    }

    // A model that reads measures: a folder of at least SourceStandardiser::kMinImages images
    // is standardised within itself, a smaller one against the checkpoint's reference, and
    // without a reference an image reads zeros.
    void measuresAreStandardisedByFolderOrAgainstTheReference() {
        QCOMPARE(assess::MeasureSources::basisFor(model::SourceStandardiser::kMinImages, false), assess::MeasureBasis::OwnSource);
        QCOMPARE(assess::MeasureSources::basisFor(1, true), assess::MeasureBasis::ModelReference);
        QCOMPARE(assess::MeasureSources::basisFor(1, false), assess::MeasureBasis::None);

        // Only-route: the answers depend on the measures alone, so the basis shows in them.
        model::ModelConfig config = m_model->config();
        config.sourceMeasures = true;
        config.measureRoute = model::ModelConfig::MeasureRoute::Only;
        model::QualityModel measuring = model::QualityModel::create(config, m_model->tokenizer()).take();
        auto retina = ImageReader::read(test::skimage("retina.jpg"), Modality::Fundus, model::QualityMeasures::kMaxSide);
        QVERIFY(retina.ok());
        const std::vector<float> raw = model::QualityMeasures::of(retina.value()).take();
        model::MeasureReference reference;
        model::MeasureReference::Level level{raw, std::vector<float>(raw.size(), 0.5f)};
        for (float& m : level.median) m += 1.0f;  // the retina reads 2 spreads below the typical fundus
        reference.addSource(modalityKey(Modality::Fundus), level);
        reference.fit();
        measuring.setMeasureReference(reference);
        const QString saved = m_tmp.filePath("measures-ckpt");
        QVERIFY(measuring.save(saved).ok());

        const QString series = m_tmp.filePath("fundus-series"), single = m_tmp.filePath("fundus-single");
        QVERIFY(QDir().mkpath(series) && QDir().mkpath(single));
        for (int i = 0; i < model::SourceStandardiser::kMinImages + 1; ++i)
            QVERIFY(QFile::copy(test::skimage("retina.jpg"), QStringLiteral("%1/retina-%2.jpg").arg(series).arg(i)));
        QVERIFY(QFile::copy(test::skimage("retina.jpg"), single + "/retina.jpg"));
        const QString previous = std::exchange(m_checkpoint, saved);
        auto c = assessFiles({series, single});
        m_checkpoint = previous;
        QVERIFY2(c.outcome.ok(), qPrintable(c.outcome.message));
        QCOMPARE(c.outcome.result.value("measuresOwnSource").toInt(), model::SourceStandardiser::kMinImages + 1);
        QCOMPARE(c.outcome.result.value("measuresReference").toInt(), 1);
        QCOMPARE(c.outcome.result.value("measuresNone").toInt(), 0);
        const auto& inSeries = c.assessed.front();
        const auto& alone = c.assessed.back();
        QCOMPARE(alone.path, single + "/retina.jpg");
        // The same pixels: the series reads its own median (zeros), the single file -2 spreads.
        QVERIFY(inSeries.levelProbabilities != alone.levelProbabilities);

        // Without a reference the single file reads zeros, as the series' images do.
        std::vector<assess::AssessInput> inputs(1);
        inputs[0].path = single + "/retina.jpg";
        inputs[0].modality = Modality::Fundus;
        inputs[0].measures = raw;
        assess::MeasureSources none{model::MeasureReference{}};
        QCOMPARE(none.standardise(inputs).none, 1);
        QCOMPARE(inputs[0].measures, std::vector<float>(raw.size(), 0.0f));
        QVERIFY(measuring.config().sourceMeasures);
    }

    void aFolderOfNonImagesFindsNothing() {
        const QString dir = m_tmp.filePath("docs");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(test::writeFile(dir + "/README", "text"));
        QVERIFY(test::writeFile(dir + "/data.csv", "a,b\n1,2\n"));
        auto c = assessFiles({dir});
        QVERIFY(c.outcome.ok());
        QVERIFY(c.assessed.empty());
        QCOMPARE(int(c.problems.size()), 2);
        assess::AssessmentSummary summary;
        for (const auto& p : c.problems) {
            QVERIFY(p.notAnImage);
            QVERIFY(p.reason.startsWith("not an image"));
            summary.addProblem(p);
        }
        QCOMPARE(assess::AssessGate::decide(summary, QualityLevel::Reject), assess::GateResult::NothingFound);
    }

    void descriptionsAreWrittenWhenAsked() {
        assess::AssessorOptions options;
        options.describe = true;
        options.maxDescriptionTokens = 12;
        loop::RoutingThresholds route;
        route.autoAccept = 0.2;
        route.expert = 0.95;
        options.route = route;
        auto clean = dataset::BaseLibrary::instance().load(Modality::Fundus, 0, 1);
        QVERIFY(clean.ok());
        std::vector<assess::AssessInput> inputs{{"a", Modality::Fundus, 1, 1, 1,
                                                 model::ImagePreprocessor(m_model->config().imageSize).process(clean.value()).take()}};
        auto out = assess::ImageAssessor(*m_model, options).assess(std::move(inputs));
        QVERIFY(out.ok());
        const assess::Assessment& a = out.value().front();
        // A description, or the reason it is none (twelve tokens rarely reach the end): never both.
        QVERIFY(bool(a.description) != bool(a.descriptionProblem));
        QVERIFY(a.textUncertainty > 0);
        QCOMPARE(a.uncertainty, 0.5 * (a.answerUncertainty + a.textUncertainty));
        // As the loop routes items: one without a draft goes to the expert.
        QVERIFY(a.route && *a.route == route.route(a.uncertainty, !a.descriptionProblem));
        const QJsonObject json = a.toJson();
        QCOMPARE(json.contains("description"), bool(a.description));
        if (a.descriptionProblem) QCOMPARE(json["descriptionProblem"].toString(), key(*a.descriptionProblem));
        QCOMPARE(json["route"].toString(), key(*a.route));
        QCOMPARE(json["levelProbabilities"].toObject().size(), 3);
        // The level the description states, read as the rubric reads it, and whether it
        // contradicts the rated level.
        if (a.description) {
            QCOMPARE(a.descriptionConclusion, eval::FindingExtractor::extract(*a.description, Modality::Fundus).conclusion);
            QCOMPARE(a.descriptionContradictsLevel(), a.descriptionConclusion && *a.descriptionConclusion != a.level);
        }
        // What the workstation reads back from the job's result is what was assessed.
        const auto back = assess::Assessment::fromJson(json);
        QVERIFY(back);
        QCOMPARE(back->toJson(), json);
        QVERIFY(!assess::Assessment::fromJson(QJsonObject{{"path", "x"}}));
        // Cut off after two tokens, it never ends: no draft, said so, not passed on.
        options.maxDescriptionTokens = 2;
        std::vector<assess::AssessInput> again{{"b", Modality::Fundus, 1, 1, 1,
                                                model::ImagePreprocessor(m_model->config().imageSize).process(clean.value()).take()}};
        auto full = assess::ImageAssessor(*m_model, options).assess(std::move(again));
        QVERIFY(full.ok());
        const assess::Assessment& b = full.value().front();
        QVERIFY(!b.description);
        QVERIFY(b.descriptionProblem);
        QVERIFY(!b.toJson().contains("description"));
        QCOMPARE(b.route, std::optional<Queue>(Queue::Expert));
    }

    void summaryKeepsTheWorstAndTheGateDecides() {
        assess::AssessmentSummary summary(2);
        summary.add(fakeAssessment("good", 0.8, 0.15, 0.05));
        summary.add(fakeAssessment("reject", 0.1, 0.2, 0.7));
        summary.add(fakeAssessment("usable", 0.2, 0.6, 0.2));
        QCOMPARE(summary.assessed(), 3);
        QCOMPARE(int(summary.worst().size()), 2);
        QCOMPARE(summary.worst()[0].path, QString("reject"));
        QCOMPARE(summary.worst()[1].path, QString("usable"));
        QCOMPARE(summary.countAtOrWorse(QualityLevel::Reject), 1);
        QCOMPARE(summary.countAtOrWorse(QualityLevel::Usable), 2);
        QCOMPARE(summary.byAttribute().at("ct/noise").bySeverity[3], 3);
        QCOMPARE(assess::AssessGate::decide(summary, std::nullopt), assess::GateResult::Pass);
        QCOMPARE(assess::AssessGate::decide(summary, QualityLevel::Reject), assess::GateResult::Failed);
        summary.addProblem({"x.dcm", "truncated", false});
        QCOMPARE(assess::AssessGate::decide(summary, std::nullopt), assess::GateResult::SomeUnreadable);
        QCOMPARE(assess::AssessGate::decide(summary, QualityLevel::Usable), assess::GateResult::Failed);
        assess::AssessmentSummary strays;
        strays.add(fakeAssessment("good", 0.8, 0.15, 0.05));
        strays.addProblem({"notes.txt", "not an image", true});
        QCOMPARE(assess::AssessGate::decide(strays, QualityLevel::Usable), assess::GateResult::Pass);

        const QString html = assess::AssessmentReport::html(summary, {"ckpt", {"in"}, "r.jsonl", QualityLevel::Usable});
        QVERIFY(html.contains("Overall quality") && html.contains("By modality") && html.contains("By attribute"));
        QVERIFY(html.indexOf(">reject<") >= 0);
        QVERIFY(html.indexOf("x.dcm") > html.indexOf("Worst images first"));
        QVERIFY(html.contains("2 images at that level or worse"));
        QVERIFY(!html.contains("readings disagree"));
    }

    // base300 rated a NIfTI sample reject and wrote "… Overall, the quality of this image is
    // good.": the reader is told that the two readings disagree.
    void aDescriptionThatContradictsTheLevelIsFlagged() {
        assess::Assessment a = fakeAssessment("r", 0.1, 0.2, 0.7);
        QVERIFY(!a.descriptionContradictsLevel());  // no description
        a.description = QStringLiteral("The CT image presents no noticeable noise. Overall, the quality of this image is good.");
        a.descriptionConclusion = eval::FindingExtractor::extract(*a.description, Modality::CT).conclusion;
        QCOMPARE(a.descriptionConclusion, std::optional<QualityLevel>(QualityLevel::Good));
        QVERIFY(a.descriptionContradictsLevel());
        const auto back = assess::Assessment::fromJson(a.toJson());
        QVERIFY(back);
        QCOMPARE(back->descriptionConclusion, a.descriptionConclusion);
        QCOMPARE(back->toJson(), a.toJson());
        assess::AssessmentSummary summary(2);
        summary.add(a);
        const QString html = assess::AssessmentReport::html(summary, {"ckpt", {"in"}, "r.jsonl", std::nullopt});
        QVERIFY2(html.contains("The description concludes good, the rated level is reject"), qPrintable(html));
        // Agreeing, or stating no level, is no contradiction.
        a.descriptionConclusion = QualityLevel::Reject;
        QVERIFY(!a.descriptionContradictsLevel());
        a.descriptionConclusion.reset();
        QVERIFY(!a.descriptionContradictsLevel());
        QVERIFY(!a.toJson().contains("descriptionConclusion"));
    }
};

QTEST_GUILESS_MAIN(AssessTest)
#include "tst_assess.moc"
