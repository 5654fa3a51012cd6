// Trainer, EncoderPretrainer and Evaluator on a tiny model: overfitting a small synthetic set, generation
// after training, cancel, crash + resume, LoRA (merged == unmerged), early stopping.
#include "SyntheticImages.h"
#include "model/ModalityMention.h"
#include "model/PromptFormat.h"
#include "model/QualityModel.h"
#include "train/AttributeMetrics.h"
#include "train/EncoderPretrainer.h"
#include "train/Evaluator.h"
#include "train/ResumeState.h"
#include "train/Trainer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <set>
#include <cmath>

using namespace medq;
using namespace medq::model;
using namespace medq::train;
using medq::jobs::JobCancelled;
using medq::jobs::Progress;
using medq::testing::Pattern;

namespace {

const QStringList kDescriptions{
    "A bright square on a dark background. The quality is good.",
    "Strong noise all over. The quality is reject.",
    "A smooth gradient. The quality is usable."};

// 20 perception items (yes/no and what, over three patterns) and 6 descriptions (two per pattern).
std::vector<TrainingExample> patternExamples(int imageSize) {
    std::vector<TrainingExample> examples;
    for (int i = 0; i < 20; ++i) {
        const Pattern pattern = Pattern(i % 3);
        VisualInput image{testing::patternPixels(pattern, std::uint32_t(i), imageSize), {}};
        TrainingExample e = (i / 3) % 2 == 0
            ? TrainingExample::perception(image, "Is there noise in this image?", {"Yes", "No"}, pattern == Pattern::Noise ? 0 : 1)
            : TrainingExample::perception(image, "What pattern does this image show?", {"square", "noise", "gradient"}, int(pattern));
        e.questionType = (i / 3) % 2 == 0 ? "yes-no" : "what";
        e.group = i % 2 ? "ct" : "mri";
        e.id = QString::number(i);
        examples.push_back(e);
    }
    for (int p = 0; p < 6; ++p) {
        TrainingExample e = TrainingExample::description({testing::patternPixels(Pattern(p % 3), 100u + p, imageSize), {}},
                                                         kDescriptions[p % 3]);
        e.group = "ct";
        examples.push_back(e);
    }
    return examples;
}

// Slot 0: noise severity (severe on the noise pattern, none elsewhere); slot 1: the pattern as
// a severity 0-2; slot 2 unknown (-1) everywhere, like another modality's attribute, and the
// slots beyond the vector too: both are trained as absent.
std::vector<TrainingExample> withAttributeLabels(std::vector<TrainingExample> examples) {
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const int pattern = i < 20 ? int(i % 3) : int((i - 20) % 3);
        examples[i].attributeTargets = {std::int8_t(pattern == int(Pattern::Noise) ? 3 : 0), std::int8_t(pattern), -1};
    }
    return examples;
}

std::vector<PerceptionQuery> queriesOf(const std::vector<TrainingExample>& examples) {
    std::vector<PerceptionQuery> q;
    for (const TrainingExample& e : examples)
        if (e.kind == TrainingExample::Kind::Perception) q.push_back({e.image, e.question, e.options});
    return q;
}

TrainConfig fastConfig(int steps) {
    TrainConfig c;
    c.maxSteps = steps;
    c.batchSize = 26;
    c.learningRate = 3e-3;
    c.warmupSteps = 5;
    c.weightDecay = 0.0;
    c.threads = 1;
    c.seed = 5;
    return c;
}

const Progress kQuiet(nullptr, nullptr);

class FixedRubric : public DescriptionScorer {
public:
    RubricScore score(const QString&, const QString&, const QString&, bool) const override { return {2, 2, 1, 2}; }
};

}  // namespace

class TrainerTest : public QObject {
    Q_OBJECT

    std::vector<TrainingExample> m_examples;
    Tokenizer m_tokenizer;
    QualityModel m_trained;
    TrainReport m_report;

    QualityModel freshModel(std::uint64_t seed = 11) {
        ModelConfig config = ModelConfig::fromPreset("tiny").value();
        config.seed = seed;
        return QualityModel::create(config, m_tokenizer).take();
    }

private slots:
    void initTestCase() {
        m_examples = patternExamples(ModelConfig::fromPreset("tiny").value().imageSize);
        m_tokenizer = Tokenizer::train(tokenizerCorpus(m_examples), 300).take();
        // Every description must fit the text budget with its EOS, or the model never learns to stop.
        const PromptFormat format(m_tokenizer, ModelConfig::fromPreset("tiny").value().maxTextLength);
        for (const QString& d : kDescriptions) QCOMPARE(format.description(false, d).ids.back(), m_tokenizer.eosId());
        m_trained = freshModel();
        QElapsedTimer clock;
        clock.start();
        auto report = Trainer(m_trained, fastConfig(150)).train(m_examples, {}, QString(), kQuiet);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
        m_report = report.take();
        qInfo("overfit: 150 steps in %lld ms, loss %.3f -> %.4f, %.0f samples/s", clock.elapsed(),
              m_report.losses.front(), m_report.losses.back(), m_report.samplesPerSecond);
    }

    void overfitsATinySet() {
        QCOMPARE(m_report.steps, 150);
        QCOMPARE(int(m_report.losses.size()), 150);
        QVERIFY2(m_report.losses.back() < 0.1 * m_report.losses.front(),
                 qPrintable(QStringLiteral("loss %1 -> %2").arg(m_report.losses.front()).arg(m_report.losses.back())));
        const auto answers = m_trained.answer(queriesOf(m_examples)).take();
        int i = 0;
        for (const TrainingExample& e : m_examples) {
            if (e.kind != TrainingExample::Kind::Perception) continue;
            QCOMPARE(answers[std::size_t(i)].choice, e.answerIndex);
            QVERIFY(answers[std::size_t(i)].probabilities[std::size_t(e.answerIndex)] > 0.5);
            ++i;
        }
    }

    void generationAfterTrainingStopsAtEos() {
        std::vector<VisualInput> images;
        for (const TrainingExample& e : m_examples)
            if (e.kind == TrainingExample::Kind::Description) images.push_back(e.image);
        GenerationOptions greedy;
        greedy.maxTokens = 64;
        const auto generated = m_trained.describe(images, greedy).take();
        for (std::size_t p = 0; p < generated.size(); ++p) {
            QVERIFY2(generated[p].stoppedAtEos, qPrintable(generated[p].text));
            QCOMPARE(generated[p].text, kDescriptions[int(p % 3)]);
            QCOMPARE(generated[p].tokenEntropies.size(), generated[p].tokens.size() + 1);
        }
        // A limit shorter than the description stops there.
        greedy.maxTokens = 3;
        const auto cut = m_trained.describe({images[0]}, greedy).take();
        QCOMPARE(int(cut[0].tokens.size()), 3);
        QVERIFY(!cut[0].stoppedAtEos);
    }

    // Images the decoder cannot tell apart (the same pixels; a measures-only decoder reads
    // no modality either) described by their modality: with the modality in the prompt the
    // model writes each one's own; without it, one text for both.
    void descriptionsNameTheModalityThePromptGives() {
        const int size = ModelConfig::fromPreset("tiny").value().imageSize;
        const QMap<QString, QString> target{{"mri", "The MRI image is good."}, {"ct", "The CT image is good."}};
        std::vector<TrainingExample> examples;
        for (int i = 0; i < 6; ++i) {
            const QString modality = i % 2 ? "ct" : "mri";
            VisualInput image{testing::patternPixels(Pattern::Square, 1u, size), {}};
            image.modality = modality;
            TrainingExample e = TrainingExample::description(image, target[modality]);
            e.group = modality;
            examples.push_back(e);
        }
        QStringList corpus = tokenizerCorpus(examples);
        corpus << PromptFormat::descriptionText(false, "mri") << PromptFormat::descriptionText(false, "ct");
        const Tokenizer tokenizer = Tokenizer::train(corpus, 300).take();
        QCOMPARE(PromptFormat::descriptionText(false, "mri"), QStringLiteral("Describe the quality of this MRI image."));
        QCOMPARE(PromptFormat::descriptionText(true, "ct"), QStringLiteral("Compare the quality of the two CT images."));
        QCOMPARE(PromptFormat::descriptionText(false, "other"), PromptFormat::descriptionText(false));
        for (const bool named : {true, false}) {
            ModelConfig config = ModelConfig::fromPreset("tiny").value();
            config.modalityInPrompt = named;
            QualityModel model = QualityModel::create(config, tokenizer).take();
            TrainConfig train = fastConfig(120);
            train.batchSize = 6;
            QVERIFY(Trainer(model, train).train(examples, {}, QString(), kQuiet).ok());
            std::vector<VisualInput> images{examples[0].image, examples[1].image, examples[2].image};
            const auto texts = model.describe(images, GenerationOptions{}).take();
            if (named) {
                for (std::size_t i = 0; i < texts.size(); ++i)
                    QCOMPARE(texts[i].text, target[images[i].modality]);
            } else {
                // Nothing tells the two apart: unguarded, one text for both, so one of them
                // names the other's modality; the guard (the default) keeps each to its own.
                GenerationOptions unguarded;
                unguarded.keepToModality = false;
                const auto free = model.describe(images, unguarded).take();
                QCOMPARE(free[0].text, free[1].text);
                QVERIFY(ModalityMention::namesAnother(free[0].text, "ct") || ModalityMention::namesAnother(free[0].text, "mri"));
                for (std::size_t i = 0; i < texts.size(); ++i) {
                    QVERIFY2(!ModalityMention::namesAnother(texts[i].text, images[i].modality), qPrintable(texts[i].text));
                    QVERIFY(!texts[i].text.isEmpty());
                }
            }
        }
        // Checkpoints written before the key existed were trained without the modality.
        QJsonObject old = ModelConfig::fromPreset("tiny").value().toJson();
        old.remove("modalityInPrompt");
        QVERIFY(!ModelConfig::fromJson(old).value().modalityInPrompt);
        QVERIFY(ModelConfig::fromPreset("default").value().modalityInPrompt);
    }

    void evaluatorScoresTheTrainedModel() {
        Evaluator evaluator(m_trained);
        FixedRubric rubric;
        evaluator.setDescriptionScorer(&rubric);
        double lastFraction = -1;
        Progress progress(nullptr, [&](double f, const QString&) { lastFraction = f; });
        auto report = evaluator.evaluate(m_examples, progress, 8);
        QVERIFY(report.ok());
        const EvaluationReport& r = report.value();
        QCOMPARE(r.perception.overall.total, 20);
        QCOMPARE(r.perception.overall.accuracy(), 1.0);
        QCOMPARE(r.perception.byType["yes-no"].total + r.perception.byType["what"].total, 20);
        QCOMPARE(r.perception.byGroup["ct"].total, 10);
        QVERIFY(r.perception.expectedCalibrationError >= 0 && r.perception.expectedCalibrationError < 0.5);
        QCOMPARE(r.description.total, 6);
        QVERIFY(std::abs(r.description.meanRougeL - 1.0) < 1e-12);
        QCOMPARE(*r.description.meanRubricTotal, 7.0);
        QCOMPARE(lastFraction, 1.0);
        QVERIFY(r.toJson().contains("perception"));
    }

    void cancelThrowsAndLeavesNoCheckpoint() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("cancelled");
        QualityModel model = freshModel();
        std::atomic<bool> cancel{false};
        int reports = 0;
        Progress progress(&cancel, [&](double, const QString& phrase) {
            QVERIFY(phrase.contains("loss"));
            if (++reports == 5) cancel = true;
        });
        TrainConfig config = fastConfig(50);
        config.checkpointEvery = 2;  // resume state exists when the cancel arrives
        bool cancelled = false;
        try {
            (void)Trainer(model, config).train(m_examples, {}, dir, progress);
        } catch (const JobCancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QCOMPARE(reports, 5);
        QVERIFY(!QFileInfo::exists(dir));
        QVERIFY(QDir(tmp.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));

        // Cancelling a retraining into an existing checkpoint leaves that checkpoint as it was.
        QVERIFY(m_trained.save(dir).ok());
        cancel = false;
        reports = 0;
        try {
            (void)Trainer(model, config).train(m_examples, {}, dir, progress);
        } catch (const JobCancelled&) {
        }
        QVERIFY(!Trainer::hasResumeState(dir));
        auto kept = QualityModel::load(dir);
        QVERIFY(kept.ok());
        QCOMPARE(kept.value().answer(queriesOf(m_examples)).take()[0].probabilities,
                 m_trained.answer(queriesOf(m_examples)).take()[0].probabilities);
    }

    void resumeAfterACrashReachesTheSameWeights() {
        QTemporaryDir tmp;
        TrainConfig config = fastConfig(12);
        config.batchSize = 8;  // three batches an epoch, so the data order matters
        config.checkpointEvery = 4;
        std::vector<TrainingExample> validation(m_examples.begin(), m_examples.begin() + 4);

        QualityModel straight = freshModel();
        auto full = Trainer(straight, config).train(m_examples, validation, tmp.filePath("a"), kQuiet);
        QVERIFY(full.ok());

        QualityModel crashing = freshModel();
        int reports = 0;
        Progress crash(nullptr, [&](double, const QString&) {
            if (++reports == 6) throw std::runtime_error("power cut");
        });
        const QString dir = tmp.filePath("b");
        auto interrupted = Trainer(crashing, config).train(m_examples, validation, dir, crash);
        QVERIFY(!interrupted.ok());
        QVERIFY(interrupted.error().reason.contains("power cut"));
        QVERIFY(Trainer::hasResumeState(dir));
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath("manifest.json")));  // not a checkpoint yet
        QCOMPARE(ResumeState::read(Trainer::resumeDir(dir)).value().nextStep, 4);

        QualityModel resumed = freshModel(99);  // other initial weights: resume must load its own
        TrainConfig other = config;
        other.learningRate = 1e-2;
        QVERIFY(!Trainer(resumed, other).resume(m_examples, validation, dir, kQuiet).ok());  // config checked
        auto rest = Trainer(resumed, config).resume(m_examples, validation, dir, kQuiet);
        QVERIFY2(rest.ok(), qPrintable(rest.ok() ? QString() : rest.error().message()));
        QCOMPARE(rest.value().startStep, 4);
        QCOMPARE(rest.value().steps, 12);
        QCOMPARE(rest.value().losses, full.value().losses);
        QVERIFY(!Trainer::hasResumeState(dir));
        const auto a = straight.answer(queriesOf(m_examples)).take();
        const auto b = resumed.answer(queriesOf(m_examples)).take();
        for (std::size_t i = 0; i < a.size(); ++i)
            for (std::size_t k = 0; k < a[i].probabilities.size(); ++k)
                QVERIFY(std::abs(a[i].probabilities[k] - b[i].probabilities[k]) < 1e-6);
        QVERIFY(QualityModel::load(dir).ok());
        QVERIFY(!Trainer(resumed, config).resume(m_examples, validation, dir, kQuiet).ok());  // nothing left to resume
    }

    void weightAverageIsWhatTheRunKeepsAndResumes() {
        QTemporaryDir tmp;
        TrainConfig config = fastConfig(12);
        config.batchSize = 8;  // three batches an epoch, validated after each epoch
        config.checkpointEvery = 4;
        config.weightAverageDecay = 0.9;
        std::vector<TrainingExample> validation(m_examples.begin(), m_examples.begin() + 4);
        const auto queries = queriesOf(m_examples);
        const auto largestDifference = [&](QualityModel& x, QualityModel& y) {
            const auto a = x.answer(queries).take();
            const auto b = y.answer(queries).take();
            double largest = 0;
            for (std::size_t i = 0; i < a.size(); ++i)
                for (std::size_t k = 0; k < a[i].probabilities.size(); ++k)
                    largest = std::max(largest, std::abs(a[i].probabilities[k] - b[i].probabilities[k]));
            return largest;
        };

        TrainConfig plain = config;
        plain.weightAverageDecay = 0;
        QualityModel lastStep = freshModel();
        auto withoutAverage = Trainer(lastStep, plain).train(m_examples, validation, tmp.filePath("plain"), kQuiet);
        QVERIFY(withoutAverage.ok());
        QualityModel averaged = freshModel();
        auto full = Trainer(averaged, config).train(m_examples, validation, tmp.filePath("a"), kQuiet);
        QVERIFY2(full.ok(), qPrintable(full.ok() ? QString() : full.error().message()));
        // Validating on the average swaps it in and out again: the steps train the same weights.
        QCOMPARE(full.value().losses, withoutAverage.value().losses);
        QVERIFY(full.value().validation.size() >= 3);
        // What is kept is the average, not the last step's weights ...
        QVERIFY2(largestDifference(averaged, lastStep) > 1e-3, qPrintable(QString::number(largestDifference(averaged, lastStep))));
        QCOMPARE(QualityModel::load(tmp.filePath("a")).value().answer(queries).take()[0].probabilities,
                 averaged.answer(queries).take()[0].probabilities);
        // ... and an average that forgets at once keeps the last step's.
        TrainConfig forgetful = config;
        forgetful.weightAverageDecay = 1e-12;
        QualityModel forgetting = freshModel();
        QVERIFY(Trainer(forgetting, forgetful).train(m_examples, validation, QString(), kQuiet).ok());
        QVERIFY(largestDifference(forgetting, lastStep) < 1e-5);

        // Interrupted after its first resume point, the run resumes its average too.
        QualityModel crashing = freshModel();
        int reports = 0;
        Progress crash(nullptr, [&](double, const QString&) {
            if (++reports == 6) throw std::runtime_error("power cut");
        });
        const QString dir = tmp.filePath("b");
        QVERIFY(!Trainer(crashing, config).train(m_examples, validation, dir, crash).ok());
        QVERIFY(QFileInfo::exists(QDir(Trainer::resumeDir(dir)).filePath("average.pt")));
        QualityModel resumed = freshModel(99);
        auto rest = Trainer(resumed, config).resume(m_examples, validation, dir, kQuiet);
        QVERIFY2(rest.ok(), qPrintable(rest.ok() ? QString() : rest.error().message()));
        QCOMPARE(rest.value().startStep, 4);
        QVERIFY(largestDifference(resumed, averaged) < 1e-6);
    }

    void resumeAfterPretrainingSkipsIt() {
        QTemporaryDir tmp;
        const std::vector<TrainingExample> labelled = withAttributeLabels(m_examples);
        TrainConfig config = fastConfig(6);
        config.encoderEpochs = 3;
        config.checkpointEvery = 4;

        QualityModel straight = freshModel();
        auto full = Trainer(straight, config).train(labelled, {}, tmp.filePath("a"), kQuiet);
        QVERIFY2(full.ok(), qPrintable(full.ok() ? QString() : full.error().message()));
        QVERIFY(full.value().encoderPretraining.contains("finalLoss"));

        // Power is cut at the first step's report, after pretraining.
        QualityModel crashing = freshModel();
        int pretrainingReports = 0;
        Progress crash(nullptr, [&](double, const QString& phrase) {
            if (phrase.contains("encoder epoch")) ++pretrainingReports;
            if (phrase.startsWith("step")) throw std::runtime_error("power cut");
        });
        const QString dir = tmp.filePath("b");
        auto interrupted = Trainer(crashing, config).train(labelled, {}, dir, crash);
        QVERIFY(!interrupted.ok());
        QVERIFY2(interrupted.error().reason.contains("resume state after encoder pretraining"),
                 qPrintable(interrupted.error().reason));
        QVERIFY(pretrainingReports > 0);
        const auto state = ResumeState::read(Trainer::resumeDir(dir));
        QVERIFY2(state.ok(), qPrintable(state.ok() ? QString() : state.error().message()));
        QCOMPARE(state.value().nextStep, 0);
        // The same pretraining as the uninterrupted run's (its speed aside).
        QCOMPARE(state.value().encoderPretraining.value("finalLoss"), full.value().encoderPretraining.value("finalLoss"));

        // The resumed run does not pretrain again and ends where the uninterrupted one did.
        QualityModel resumed = freshModel(99);
        pretrainingReports = 0;
        Progress watch(nullptr, [&](double, const QString& phrase) {
            if (phrase.contains("encoder epoch")) ++pretrainingReports;
        });
        auto rest = Trainer(resumed, config).resume(labelled, {}, dir, watch);
        QVERIFY2(rest.ok(), qPrintable(rest.ok() ? QString() : rest.error().message()));
        QCOMPARE(pretrainingReports, 0);
        QCOMPARE(rest.value().startStep, 0);
        QCOMPARE(rest.value().losses, full.value().losses);
        QCOMPARE(rest.value().encoderPretraining, state.value().encoderPretraining);  // its figures kept
        const auto a = straight.answer(queriesOf(labelled)).take();
        const auto b = resumed.answer(queriesOf(labelled)).take();
        for (std::size_t i = 0; i < a.size(); ++i)
            for (std::size_t k = 0; k < a[i].probabilities.size(); ++k)
                QVERIFY(std::abs(a[i].probabilities[k] - b[i].probabilities[k]) < 1e-6);
    }

    void loraMergedEqualsUnmerged() {
        QTemporaryDir tmp;
        QualityModel model = freshModel();
        const auto queries = queriesOf(m_examples);
        const auto before = model.answer(queries).take();
        const auto embeddingBefore = model.embed({m_examples[0].image.first}).take();
        const auto baseParameters = model.parameterCount();

        TrainConfig config = fastConfig(15);
        config.learningRate = 1e-2;
        config.useLora = true;
        config.lora.rank = 4;
        config.lora.alpha = 8;
        config.lora.targets = {"q", "v", "fc1"};
        const QString dir = tmp.filePath("lora");
        QVERIFY(Trainer(model, config).train(m_examples, {}, dir, kQuiet).ok());
        QVERIFY(model.lora().has_value());
        QVERIFY(model.parameterCount() > baseParameters);
        QVERIFY(QFileInfo::exists(QDir(dir).filePath("adapter.pt")));
        QVERIFY(QFileInfo::exists(QDir(dir).filePath("adapter.json")));

        const auto unmerged = model.answer(queries).take();
        double change = 0;
        for (std::size_t i = 0; i < queries.size(); ++i) change += std::abs(unmerged[i].probabilities[0] - before[i].probabilities[0]);
        QVERIFY2(change > 1e-3, "the adapters should have learned something");
        // The vision encoder carries no adapters and the base is frozen.
        QCOMPARE(model.embed({m_examples[0].image.first}).take(), embeddingBefore);

        auto loaded = QualityModel::load(dir);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().lora()->rank, 4);
        QCOMPARE(loaded.value().answer(queries).take()[3].probabilities, unmerged[3].probabilities);

        model.mergeLora();
        QVERIFY(!model.lora().has_value());
        QCOMPARE(model.parameterCount(), baseParameters);
        const auto merged = model.answer(queries).take();
        for (std::size_t i = 0; i < queries.size(); ++i)
            for (std::size_t k = 0; k < merged[i].probabilities.size(); ++k)
                QVERIFY(std::abs(merged[i].probabilities[k] - unmerged[i].probabilities[k]) < 1e-5);
        const QString mergedDir = tmp.filePath("merged");
        QVERIFY(model.save(mergedDir).ok());
        QVERIFY(!QFileInfo::exists(QDir(mergedDir).filePath("adapter.pt")));
        QCOMPARE(QualityModel::load(mergedDir).value().answer(queries).take()[3].probabilities, merged[3].probabilities);
    }

    void earlyStoppingKeepsTheBestValidationWeights() {
        // Validation labels are rotated and training starts from the model that already fits
        // the training set: validation cannot improve, so training stops after `patience`
        // evaluations without improvement and keeps the best weights seen.
        std::vector<TrainingExample> validation;
        for (const TrainingExample& e : m_examples)
            if (e.kind == TrainingExample::Kind::Perception) {
                TrainingExample flipped = e;
                flipped.answerIndex = (e.answerIndex + 1) % int(e.options.size());
                validation.push_back(flipped);
            }
        QTemporaryDir tmp;
        QVERIFY(m_trained.save(tmp.filePath("start")).ok());
        QualityModel model = QualityModel::load(tmp.filePath("start")).take();
        TrainConfig config = fastConfig(60);
        config.evaluateEvery = 3;
        config.patience = 2;
        auto report = Trainer(model, config).train(m_examples, validation, QString(), kQuiet);
        QVERIFY(report.ok());
        QVERIFY(report.value().stoppedEarly);
        QVERIFY(report.value().steps < 60);
        QCOMPARE(report.value().steps, report.value().bestStep + 1 + 3 * config.patience);
        const TrainReport& r = report.value();
        QCOMPARE(int(r.validation.size()), r.steps / 3);
        double bestLoss = 1e9;
        for (const ValidationPoint& v : r.validation) bestLoss = std::min(bestLoss, v.loss);
        for (const ValidationPoint& v : r.validation)
            if (v.step == r.bestStep) QCOMPARE(v.loss, bestLoss);
        // The kept weights are the best step's, not the last step's.
        QVERIFY(std::abs(r.validationLoss - bestLoss) < 1e-6);
        QVERIFY(r.validationLoss > 1.0);  // confidently wrong on rotated labels
        // Confidently wrong on held-out questions: the fitted answer temperature flattens the
        // answers, and the model keeps it.
        QCOMPARE(r.answerCalibration.value("questions").toInt(), int(validation.size()));
        QVERIFY2(r.answerCalibration.value("temperature").toDouble() > 2.0, qPrintable(QString::number(r.answerCalibration.value("temperature").toDouble())));
        QVERIFY(r.answerCalibration.value("nllAfter").toDouble() < r.answerCalibration.value("nllBefore").toDouble());
        QCOMPARE(model.config().answerTemperature, r.answerCalibration.value("temperature").toDouble());
    }

    void perExampleLossIsTheMeanOfExampleMeans() {
        // The first step's loss is measured before any update, so fresh models of one seed
        // give each example's own loss: a one-token answer and a long description.
        const TrainingExample& description = m_examples[20];
        TrainConfig c = fastConfig(1);
        auto firstLoss = [&](const std::vector<TrainingExample>& set, const TrainConfig& config) {
            QualityModel model = freshModel();
            auto r = Trainer(model, config).train(set, {}, QString(), kQuiet);
            return r.ok() ? r.value().losses.front() : -1.0;
        };
        const double descriptionLoss = firstLoss({description}, c);
        // An answer whose loss differs from the description's, else the test proves nothing.
        std::size_t pick = 0;
        double answerLoss = firstLoss({m_examples[0]}, c);
        while (std::abs(answerLoss - descriptionLoss) <= 0.05 && ++pick < 20) answerLoss = firstLoss({m_examples[pick]}, c);
        QVERIFY(pick < 20);
        const TrainingExample& answer = m_examples[pick];
        QVERIFY(answerLoss > 0 && descriptionLoss > 0);
        QVERIFY(std::abs(firstLoss({answer, description}, c) - (answerLoss + descriptionLoss) / 2) < 1e-4);
        c.perceptionWeight = 3.0;
        QVERIFY(std::abs(firstLoss({answer, description}, c) - (3 * answerLoss + descriptionLoss) / 4) < 1e-4);
        // Per token the description's many tokens dominate.
        c.lossPerExample = false;
        c.perceptionWeight = 1.0;
        const PromptFormat format(m_tokenizer, ModelConfig::fromPreset("tiny").value().maxTextLength);
        const auto sequence = format.description(false, description.targetText);
        const double tokens = double(sequence.ids.size()) - double(std::max(1, sequence.targetStart));
        QVERIFY(tokens > 5);
        QVERIFY(std::abs(firstLoss({answer, description}, c) - (answerLoss + tokens * descriptionLoss) / (1 + tokens)) < 1e-4);
    }

    void attributeHeadLearnsSeveritiesFromLabels() {
        const std::vector<TrainingExample> labelled = withAttributeLabels(m_examples);
        QualityModel model = freshModel();
        TrainConfig c = fastConfig(80);
        auto report = Trainer(model, c).train(labelled, {}, QString(), kQuiet);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
        std::vector<std::vector<float>> pixels;
        for (const TrainingExample& e : labelled) pixels.push_back(e.image.first);
        const auto predicted = model.attributeSeverities(pixels).take();
        for (std::size_t i = 0; i < labelled.size(); ++i) {
            QCOMPARE(predicted[i][0], int(labelled[i].attributeTargets[0]));
            QCOMPARE(predicted[i][1], int(labelled[i].attributeTargets[1]));
            for (std::size_t k = 2; k < predicted[i].size(); ++k) QCOMPARE(predicted[i][k], 0);
        }
        // Scored: every labelled severity of slots 0 and 1 found; a filter scores a subset.
        const auto summary = evaluateAttributeHead(model, labelled);
        QVERIFY(summary.ok());
        const QJsonObject slot0 = summary.value().toJson().value("byAttribute").toObject().value("0").toObject();
        const QJsonObject bySeverity = slot0.value("recallBySeverity").toObject();
        QVERIFY(!bySeverity.isEmpty());
        int presentAtSeverities = 0;
        for (const QString& severity : bySeverity.keys()) {
            QCOMPARE(bySeverity.value(severity).toObject().value("recall").toDouble(), 1.0);
            presentAtSeverities += bySeverity.value(severity).toObject().value("present").toInt();
        }
        QCOMPARE(presentAtSeverities, slot0.value("present").toInt());
        const std::set<QString> firstHalf = [&] {
            std::set<QString> ids;
            for (std::size_t i = 0; i < labelled.size() / 2; ++i) ids.insert(labelled[i].id);
            return ids;
        }();
        const auto part = evaluateAttributeHead(model, labelled, [&](const TrainingExample& e) { return firstHalf.count(e.id) > 0; });
        QVERIFY(part.ok() && part.value().images > 0 && part.value().images < summary.value().images);
        // Without the attribute loss the head stays untrained: it does not reproduce the labels.
        QualityModel untrained = freshModel();
        c.attributeWeight = 0.0;
        QVERIFY(Trainer(untrained, c).train(labelled, {}, QString(), kQuiet).ok());
        const auto guessed = untrained.attributeSeverities(pixels).take();
        int right = 0;
        for (std::size_t i = 0; i < labelled.size(); ++i)
            right += guessed[i][0] == labelled[i].attributeTargets[0] && guessed[i][1] == labelled[i].attributeTargets[1];
        QVERIFY2(right < int(labelled.size()), qPrintable(QString::number(right)));
    }

    void encoderPretrainingLowersTheAttributeLoss() {
        const std::vector<TrainingExample> labelled = withAttributeLabels(m_examples);
        EncoderPretrainConfig config;
        config.epochs = 30;
        config.batchImages = 8;  // several steps an epoch
        config.seed = 5;
        config.presentWeight = 3.0;
        QualityModel model = freshModel();
        auto report = EncoderPretrainer(model, config).run(labelled, kQuiet);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
        const EncoderPretrainReport& r = report.value();
        qInfo("encoder pretraining: %d images, %d steps, attribute loss %.6f -> %.6f", r.images, r.steps, r.firstLoss,
              r.finalLoss);
        QVERIFY(r.images > 8);  // distinct labelled images
        QCOMPARE(r.steps, 30 * ((r.images + 7) / 8));
        QVERIFY2(r.finalLoss < 0.5 * r.firstLoss,
                 qPrintable(QStringLiteral("%1 -> %2").arg(r.firstLoss).arg(r.finalLoss)));
        // A seed gives the same run.
        QualityModel again = freshModel();
        QCOMPARE(EncoderPretrainer(again, config).run(labelled, kQuiet).value().finalLoss, r.finalLoss);
        // Without attribute labels there is nothing to pretrain on.
        QVERIFY(!EncoderPretrainer(again, config).run(m_examples, kQuiet).ok());
    }

    void otherModalitySlotsWeighWhatTheWeightSays() {
        // Slot 2 and the slots beyond the label vectors stand for other modalities' attributes.
        const std::vector<TrainingExample> labelled = withAttributeLabels(m_examples);
        std::vector<std::vector<float>> pixels;
        for (const TrainingExample& e : labelled) pixels.push_back(e.image.first);
        // The mean P(none) on the other slots, and how many images' slot 0 is read right.
        const auto readOtherSlots = [&](double weight) -> std::pair<double, int> {
            EncoderPretrainConfig config;
            config.epochs = 30;
            config.batchImages = 8;
            config.seed = 5;
            config.presentWeight = 3.0;
            config.otherModalityWeight = weight;
            QualityModel model = freshModel();
            if (!EncoderPretrainer(model, config).run(labelled, kQuiet).ok()) return {-1.0, 0};
            const AttributeReadings readings = model.attributeProbabilities(pixels).take();
            double sum = 0;
            int n = 0, right = 0;
            for (std::size_t i = 0; i < readings.size(); ++i) {
                const auto& own = readings[i][0];
                right += std::max_element(own.begin(), own.end()) - own.begin() == labelled[i].attributeTargets[0];
                for (std::size_t k = 2; k < readings[i].size(); ++k) sum += readings[i][k][0], ++n;
            }
            return {sum / std::max(1, n), right};
        };
        const auto [weighed, rightWeighed] = readOtherSlots(1.0);
        const auto [unweighed, rightUnweighed] = readOtherSlots(0.0);
        qInfo("P(none) on the other modalities' slots: %.3f at weight 1, %.3f at weight 0; slot 0 right on %d and %d of %zu",
              weighed, unweighed, rightWeighed, rightUnweighed, labelled.size());
        QVERIFY2(weighed > 0.9, qPrintable(QString::number(weighed)));                        // trained as absent
        QVERIFY2(unweighed >= 0 && unweighed < 0.6, qPrintable(QString::number(unweighed)));  // left as initialised
        // Without them the head learns the image's own slot at least as well (here: better).
        QVERIFY(rightUnweighed >= rightWeighed && rightUnweighed >= int(labelled.size()) * 8 / 10);
    }

    void guidedSlotLossTeachesWhichSlotAQuestionNames() {
        // Yes/no questions name slot 5, "what" questions slot 9 (descriptions none): after
        // training with the slot loss, the guided token reads those slots for those questions.
        std::vector<TrainingExample> named = m_examples;
        for (TrainingExample& e : named)
            if (e.kind == TrainingExample::Kind::Perception) e.askedSlot = e.questionType == QLatin1String("yes-no") ? 5 : 9;
        auto slotsRead = [&](const QualityModel& model) {
            const auto answers = model.answer(queriesOf(named)).take();
            int right = 0;
            std::size_t k = 0;
            for (const TrainingExample& e : named)
                if (e.kind == TrainingExample::Kind::Perception) right += answers[k++].guidedSlot == e.askedSlot;
            return right;
        };
        const int perception = int(queriesOf(named).size());
        QualityModel model = freshModel();
        TrainConfig c = fastConfig(40);
        QVERIFY(Trainer(model, c).train(named, {}, QString(), kQuiet).ok());
        QCOMPARE(slotsRead(model), perception);
        // Without the slot loss nothing points the query at those two slots.
        QualityModel unguided = freshModel();
        c.guidedSlotWeight = 0.0;
        QVERIFY(Trainer(unguided, c).train(named, {}, QString(), kQuiet).ok());
        QVERIFY2(slotsRead(unguided) < perception / 2, qPrintable(QString::number(slotsRead(unguided))));
    }

    void rejectsExamplesTheModelCannotTake() {
        QualityModel model = freshModel();
        std::vector<TrainingExample> bad{m_examples[0]};
        bad[0].answerIndex = 5;
        auto r = Trainer(model, fastConfig(2)).train(bad, {}, QString(), kQuiet);
        QVERIFY(!r.ok());
        QVERIFY(r.error().subject.contains("training example 0"));
        bad = {m_examples[0]};
        bad[0].image.first.edit().resize(3);
        QVERIFY(!Trainer(model, fastConfig(2)).train(bad, {}, QString(), kQuiet).ok());
        QVERIFY(!Trainer(model, fastConfig(2)).train({}, {}, QString(), kQuiet).ok());
    }
};

QTEST_GUILESS_MAIN(TrainerTest)
#include "tst_trainer.moc"
