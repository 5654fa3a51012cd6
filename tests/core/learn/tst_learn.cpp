// Training and evaluation on a workspace, end to end on a tiny benchmark: a checkpoint
// appears and becomes current, the evaluation reports every figure next to the expert,
// fine-tuning records its parent, and a cancelled training leaves no checkpoint.
#include "dataset/BenchmarkBuildJob.h"
#include "learn/AttributeLabels.h"
#include "learn/CalibrateModelJob.h"
#include "learn/AttributeRecallTable.h"
#include "learn/CheckpointRegistry.h"
#include "learn/EvaluateModelJob.h"
#include "learn/ExampleAssembler.h"
#include "learn/SourceBreakdown.h"
#include "learn/TemperatureQuestions.h"
#include "model/QualityMeasures.h"
#include "model/QualityModel.h"
#include "train/AnswerTemperature.h"
#include "train/PresenceThresholds.h"
#include "learn/TrainModelJob.h"
#include "store/Workspace.h"
#include "taxonomy/QuestionTemplates.h"
#include "taxonomy/Taxonomy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <map>
#include <QtTest>

using namespace medq;

class LearnTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_ws;

    static jobs::JobOutcome run(jobs::Job& job, std::atomic<bool>* cancel = nullptr,
                                std::function<void(double)> onProgress = {}) {
        static std::atomic<bool> never{false};
        return job.run(jobs::Progress(cancel ? cancel : &never, [&](double f, const QString&) {
            if (onProgress) onProgress(f);
        }));
    }
    static learn::TrainOptions tinyTraining() {
        learn::TrainOptions o;
        o.preset = "tiny";
        o.vocabSize = 400;
        o.config.maxSteps = 12;
        o.config.batchSize = 8;
        o.config.warmupSteps = 2;
        o.config.threads = 1;
        return o;
    }

private slots:
    void initTestCase() {
        m_ws = m_tmp.filePath("ws");
        QVERIFY(store::Workspace::create(m_ws).ok());
        dataset::BenchmarkOptions b;
        b.perModality = 6;
        dataset::BenchmarkBuildJob bench(m_ws, b);
        QVERIFY(run(bench).ok());
    }

    // The answer temperature is fitted on held-out real sources when they have enough
    // questions (a site's images are all real), else on every held-out question.
    void temperatureQuestionsPreferRealSources() {
        using dataset::SourceKind;
        std::vector<train::TrainingExample> heldOut;
        QHash<QString, SourceKind> kinds;
        const auto add = [&](int n, SourceKind kind, train::TrainingExample::Kind exampleKind) {
            for (int i = 0; i < n; ++i) {
                train::TrainingExample e;
                e.kind = exampleKind;
                e.id = QString::number(heldOut.size() + 1);
                kinds.insert(e.id, kind);
                heldOut.push_back(e);
            }
        };
        add(150, SourceKind::Unseen, train::TrainingExample::Kind::Perception);
        add(30, SourceKind::Unseen, train::TrainingExample::Kind::Description);  // not questions
        add(400, SourceKind::Phantom, train::TrainingExample::Kind::Perception);
        using TQ = learn::TemperatureQuestions;
        TQ few = TQ::choose(heldOut, kinds);
        QCOMPARE(few.realQuestions, 150);
        QCOMPARE(few.basis, TQ::Basis::AllHeldOut);
        QCOMPARE(few.examples.size(), heldOut.size());
        add(40, SourceKind::Site, train::TrainingExample::Kind::Perception);   // a site's own images are real
        add(10, SourceKind::Unseen, train::TrainingExample::Kind::Perception);
        add(25, SourceKind::Seen, train::TrainingExample::Kind::Perception);   // trained on: never
        TQ enough = TQ::choose(heldOut, kinds);
        QCOMPARE(enough.realQuestions, TQ::kMinRealQuestions);
        QCOMPARE(enough.basis, TQ::Basis::RealSources);
        QCOMPARE(int(enough.examples.size()), 150 + 30 + 40 + 10);
        for (const auto& e : enough.examples) QVERIFY(kinds.value(e.id) == SourceKind::Unseen || kinds.value(e.id) == SourceKind::Site);
        QCOMPARE(TQ::key(enough.basis), QStringLiteral("real sources"));
    }

    void assemblesEveryAnsweredTaskOfASplit() {
        auto ws = store::Workspace::open(m_ws).take();
        learn::ExampleAssembler assembler(*ws, 64);
        std::atomic<bool> never{false};
        auto set = assembler.split("train", jobs::Progress(&never, {}));
        QVERIFY2(set.ok(), qPrintable(set.ok() ? "" : set.error().message()));
        QCOMPARE(int(set.value().examples.size()), int(ws->tasks().inSplit("train").size()));
        // The tasks of one image share its pixels: one buffer an image, not a copy an example.
        std::map<store::Id, model::Pixels> pixelsOf;
        int shared = 0;
        for (std::size_t i = 0; i < set.value().examples.size(); ++i) {
            const auto& e = set.value().examples[i];
            const auto [it, first] = pixelsOf.emplace(ws->tasks().get(set.value().taskIds[i])->imageId, e.image.first);
            if (!first) {
                QVERIFY(it->second.sharesBufferWith(e.image.first));
                ++shared;
            }
        }
        QVERIFY(shared > 0);
        for (const auto& e : set.value().examples) {
            QCOMPARE(int(e.image.first.size()), 3 * 64 * 64);
            if (e.kind == train::TrainingExample::Kind::Perception) QVERIFY(e.answerIndex >= 0 && e.answerIndex < e.options.size());
            else QVERIFY(e.targetText.contains("Overall"));
        }
        // A misspelt split names the ones there are.
        const auto missing = assembler.split("validation", jobs::Progress(&never, {}));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message().contains("validation") && missing.error().message().contains("no such split") &&
                     missing.error().message().contains("train") && missing.error().message().contains("val"),
                 qPrintable(missing.error().message()));
    }

    // For a model with source measures every image carries them, standardised within its
    // source over every image the assembler has read: once a source has enough images its
    // values spread around zero; before, they read zeros.
    void sourceMeasuresAreStandardisedWithinEachSource() {
        auto ws = store::Workspace::open(m_ws).take();
        model::ModelConfig config = model::ModelConfig::fromPreset("tiny").value();
        config.sourceMeasures = true;
        learn::ExampleAssembler assembler(*ws, config);
        std::atomic<bool> never{false};
        auto set = assembler.split("train", jobs::Progress(&never, {}));
        QVERIFY(set.ok());
        for (const auto& e : set.value().examples) {
            QCOMPARE(int(e.image.firstMeasures.size()), model::QualityMeasures::kCount);
            QCOMPARE(e.image.secondMeasures.size(), e.image.isPair() ? std::size_t(model::QualityMeasures::kCount) : std::size_t(0));
        }
        QVERIFY(assembler.split("val", jobs::Progress(&never, {})).ok());
        QVERIFY(assembler.split("test", jobs::Progress(&never, {})).ok());
        QHash<QString, std::vector<std::vector<float>>> bySource;
        QSet<store::Id> seen;
        for (const QString split : {"train", "val", "test"})
            for (const auto& task : ws->tasks().inSplit(split)) {
                if (seen.contains(task.imageId)) continue;
                seen.insert(task.imageId);
                auto measures = assembler.standardisedMeasures(task.imageId);
                if (!measures.empty()) bySource[learn::SourceBreakdown::sourceOfTask(*ws, task.id)].push_back(std::move(measures));
            }
        int standardised = 0;
        for (auto it = bySource.cbegin(); it != bySource.cend(); ++it) {
            const auto& rows = it.value();
            bool spread = false;
            for (int k = 0; k < model::QualityMeasures::kCount; ++k) {
                float lo = rows.front()[std::size_t(k)], hi = lo;
                for (const auto& r : rows) lo = std::min(lo, r[std::size_t(k)]), hi = std::max(hi, r[std::size_t(k)]);
                if (int(rows.size()) < model::SourceStandardiser::kMinImages) {
                    QVERIFY2(lo == 0 && hi == 0, qPrintable(it.key()));  // too few images: zeros
                    continue;
                }
                // The source's median image of each measure reads zero, the others either side.
                QVERIFY2(lo <= 0 && hi >= 0, qPrintable(QStringLiteral("%1, measure %2: %3 .. %4").arg(it.key()).arg(k).arg(lo).arg(hi)));
                spread = spread || lo < hi;
            }
            standardised += spread;
        }
        QVERIFY(standardised > 0);
        // Without them (the default), no measures are computed.
        learn::ExampleAssembler plain(*ws, model::ModelConfig::fromPreset("tiny").value());
        QVERIFY(plain.split("train", jobs::Progress(&never, {})).value().examples.front().image.firstMeasures.empty());
    }

    // The sources read so far give each modality's measure reference; an assembler given it
    // as fallback reads an image of a source too small to standardise against it, where
    // one without reads zeros.
    void smallSourcesReadTheReferenceWhenGivenOne() {
        auto ws = store::Workspace::open(m_ws).take();
        model::ModelConfig config = model::ModelConfig::fromPreset("tiny").value();
        config.sourceMeasures = true;
        std::atomic<bool> never{false};
        learn::ExampleAssembler training(*ws, config);
        QVERIFY(training.split("train", jobs::Progress(&never, {})).ok());
        const model::MeasureReference reference = training.measureReference();
        QVERIFY(!reference.isEmpty());
        std::optional<store::Id> image;
        for (const auto& task : ws->tasks().inSplit("test"))
            if (reference.has(ws->images().get(task.imageId)->modality)) {
                image = task.imageId;
                break;
            }
        QVERIFY(image);
        learn::ExampleAssembler alone(*ws, config), withReference(*ws, config);
        withReference.setFallbackReference(reference);
        const auto zeros = alone.visual(*image, std::nullopt).take().firstMeasures;
        const auto read = withReference.visual(*image, std::nullopt).take().firstMeasures;
        QCOMPARE(zeros, std::vector<float>(model::QualityMeasures::kCount, 0.0f));
        QCOMPARE(int(read.size()), model::QualityMeasures::kCount);
        QVERIFY(std::any_of(read.begin(), read.end(), [](float v) { return v != 0.0f; }));
    }

    // setMeasuresAlone reads even an image of a whole source against the reference, as the
    // workstation reads one opened image: not the values standardised within its source.
    void measuresAloneReadEveryImageAgainstTheReference() {
        auto ws = store::Workspace::open(m_ws).take();
        model::ModelConfig config = model::ModelConfig::fromPreset("tiny").value();
        config.sourceMeasures = true;
        std::atomic<bool> never{false};
        learn::ExampleAssembler training(*ws, config);
        auto set = training.split("train", jobs::Progress(&never, {}));
        QVERIFY(set.ok());
        // A reference of other sources than the images read: the training sources' levels
        // moved by half a unit, so within-source and reference readings must differ.
        QJsonObject moved = training.measureReference().toJson();
        for (const QString& modality : moved.keys()) {
            QJsonObject level = moved.value(modality).toObject();
            QJsonArray median;
            for (const QJsonValue& v : level.value("median").toArray()) median.append(v.toDouble() + 0.5);
            level.insert("median", median);
            moved.insert(modality, level);
        }
        const model::MeasureReference reference = model::MeasureReference::fromJson(moved);
        QVERIFY(!reference.isEmpty());
        learn::ExampleAssembler alone(*ws, config);
        alone.setFallbackReference(reference);
        alone.setMeasuresAlone(true);
        QVERIFY(alone.split("train", jobs::Progress(&never, {})).ok());
        int differ = 0, checked = 0;
        for (const auto& task : ws->tasks().inSplit("train")) {
            const auto record = ws->images().get(task.imageId);
            if (!record || !reference.has(record->modality) || task.secondImageId) continue;
            const auto withinSource = training.standardisedMeasures(task.imageId);
            const auto single = alone.standardisedMeasures(task.imageId);
            QCOMPARE(int(single.size()), model::QualityMeasures::kCount);
            if (withinSource != single) ++differ;
            if (++checked == 10) break;
        }
        QVERIFY(checked > 0);
        QVERIFY(differ > 0);
    }

    void attributeLabelsReadBothFormsAndFillTheModalitysSlots() {
        const auto fromGui = learn::severitiesFromJson(QJsonObject{{"noise", "moderate"}, {"motion_ghosting", "none"}});
        QCOMPARE(fromGui.value("noise"), 2);
        QVERIFY(!fromGui.contains("motion_ghosting"));  // "none" is absence, not a label
        const auto fromTruth = learn::severitiesFromJson(QJsonArray{QJsonObject{{"key", "noise"}, {"severity", "severe"}}});
        QCOMPARE(fromTruth.value("noise"), 3);
        const int noise = learn::attributeSlot(Modality::MRI, "noise");
        QVERIFY(noise >= 0);
        QCOMPARE(learn::attributeSlotNames().value(noise), QStringLiteral("mri.noise"));
        QCOMPARE(learn::attributeSlot(Modality::CT, "no_such_attribute"), -1);
        const auto targets = learn::attributeTargets(Modality::MRI, fromTruth, 48);
        QCOMPARE(int(targets.size()), 48);
        int zeros = 0, unknown = 0;
        for (int k = 0; k < 48; ++k) {
            if (k == noise) QCOMPARE(int(targets[std::size_t(k)]), 3);
            else if (targets[std::size_t(k)] == 0) ++zeros;
            else if (targets[std::size_t(k)] == -1) ++unknown;
        }
        QCOMPARE(zeros + 1, int(Taxonomy::instance().attributes(Modality::MRI).size()));
        QCOMPARE(zeros + 1 + unknown, 48);
        QVERIFY(learn::attributeSlotCount() <= 48);
    }

    void everyAttributeQuestionNamesItsOwnSlot() {
        int checked = 0;
        for (Modality m : kClinicalModalities)
            for (const QualityAttribute& a : Taxonomy::instance().attributes(m)) {
                const int slot = learn::attributeSlot(m, a.key);
                for (int v = 0; v < QuestionTemplates::variantCount(QuestionType::YesNo); ++v)
                    QCOMPARE(learn::askedAttributeSlot(m, QuestionTemplates::yesNo(a, v)), slot);
                for (int v = 0; v < QuestionTemplates::variantCount(QuestionType::How); ++v)
                    QCOMPARE(learn::askedAttributeSlot(m, QuestionTemplates::how(a, v)), slot);
                ++checked;
            }
        QCOMPARE(checked, learn::attributeSlotCount());
        QCOMPARE(learn::askedAttributeSlot(Modality::MRI, QuestionTemplates::overallHow(0)), -1);
        QCOMPARE(learn::askedAttributeSlot(Modality::MRI, QuestionTemplates::what(1)), -1);
    }

    void perceptionExamplesNameTheAskedSlot() {
        auto ws = store::Workspace::open(m_ws).take();
        learn::ExampleAssembler assembler(*ws, 32);
        assembler.setAttributeSlots(48);
        int named = 0, unnamed = 0;
        for (const auto& task : ws->tasks().inSplit("train")) {
            auto e = assembler.example(task);
            QVERIFY(e.ok());
            const auto modality = modalityFromString(ws->images().get(task.imageId)->modality);
            const bool attributeQuestion = task.questionType == QuestionType::YesNo ||
                                           (task.questionType == QuestionType::How &&
                                            !task.options.contains(QJsonValue("Good")));
            if (attributeQuestion && !task.secondImageId) {
                QVERIFY(e.value().askedSlot >= 0);
                const QString name = learn::attributeSlotNames().value(e.value().askedSlot);
                QVERIFY2(name.startsWith(modalityKey(*modality) + "."), qPrintable(name));
                const QualityAttribute* a = Taxonomy::instance().find(*modality, name.section('.', 1));
                QVERIFY(a && task.question.contains(a->noun));
                ++named;
            } else {
                QCOMPARE(e.value().askedSlot, -1);
                ++unnamed;
            }
        }
        QVERIFY(named > 10);
        QVERIFY(unnamed > 3);
    }

    void examplesCarryGroundTruthOrAnnotatedAttributes() {
        auto ws = store::Workspace::open(m_ws).take();
        learn::ExampleAssembler assembler(*ws, 32);
        assembler.setAttributeSlots(48);
        int checked = 0;
        for (const auto& task : ws->tasks().inSplit("train")) {
            if (task.kind != TaskKind::Description || task.secondImageId) continue;
            const auto image = ws->images().get(task.imageId);
            const auto modality = modalityFromString(image->modality);
            const auto truth = learn::severitiesFromJson(image->metadata.value("truth").toObject().value("attributes"));
            auto e = assembler.example(task);
            QVERIFY(e.ok());
            QCOMPARE(int(e.value().attributeTargets.size()), 48);
            for (auto it = truth.begin(); it != truth.end(); ++it)
                QCOMPARE(int(e.value().attributeTargets[std::size_t(learn::attributeSlot(*modality, it.key()))]), it.value());
            // An annotated answer brings the annotator's labels instead of the truth.
            const QString key = Taxonomy::instance().attributes(*modality).front().key;
            auto annotated = assembler.example(task, "An annotated description.", QJsonObject{{key, "mild"}});
            QVERIFY(annotated.ok());
            int present = 0;
            for (std::int8_t t : annotated.value().attributeTargets) present += t > 0;
            QCOMPARE(present, 1);
            QCOMPARE(int(annotated.value().attributeTargets[std::size_t(learn::attributeSlot(*modality, key))]), 1);
            // Without labels, an annotated answer has no attribute targets at all.
            QVERIFY(assembler.example(task, "An annotated description.").value().attributeTargets.empty());
            ++checked;
        }
        QVERIFY(checked > 3);
        learn::ExampleAssembler plain(*ws, 32);  // no head: no targets
        QVERIFY(plain.example(ws->tasks().inSplit("train").front()).value().attributeTargets.empty());
    }

    void trainsFromScratchThenEvaluates() {
        learn::TrainModelJob train(m_ws, tinyTraining());
        const auto trained = run(train);
        QVERIFY2(trained.ok(), qPrintable(trained.message));
        auto ws = store::Workspace::open(m_ws).take();
        learn::CheckpointRegistry registry(*ws);
        QCOMPARE(registry.names(), QStringList{"base-1"});
        QCOMPARE(registry.current(), QStringLiteral("base-1"));
        QVERIFY(QFileInfo::exists(registry.resolve("base-1") + "/manifest.json"));

        learn::EvaluateOptions e;
        e.limit = 60;
        e.listDescriptions = true;
        learn::EvaluateModelJob evaluate(m_ws, e);
        const auto report = run(evaluate);
        QVERIFY2(report.ok(), qPrintable(report.message));
        const QJsonObject perception = report.result.value("perception").toObject();
        QVERIFY(perception.value("total").toInt() > 0);
        QVERIFY(perception.contains("expectedCalibrationError"));
        QVERIFY(report.result.value("description").toObject().contains("meanRubricTotal"));
        // Every description beside its reference, for the people who read the report file.
        QVERIFY(report.result.value("keepToModality").toBool());
        const QJsonArray descriptions = report.result.value("descriptions").toArray();
        QVERIFY(!descriptions.isEmpty());
        QCOMPARE(descriptions.size(), report.result.value("description").toObject().value("total").toInt());
        for (const auto& d : descriptions) {
            const QJsonObject item = d.toObject();
            QVERIFY(!item.value("reference").toString().isEmpty());
            QVERIFY(item.contains("generated"));
            const int rubric = item.value("rubric").toObject().value("total").toInt(-1);
            QVERIFY2(rubric >= 0 && rubric <= 8, qPrintable(QJsonDocument(item).toJson()));
        }
        // The expert line comes from the simulated annotator on the same split: far above chance.
        const double expert = report.result.value("expert").toObject().value("perception").toObject().value("accuracy").toDouble();
        QVERIFY2(expert > 0.7, qPrintable(QString::number(expert)));
        // ... and by source kind, its parts adding up to the whole, so that the unseen figure
        // stands beside the expert's on the same items.
        const QJsonObject expertSources = report.result.value("expert").toObject().value("bySource").toObject();
        QVERIFY2(expertSources.contains("phantom"), qPrintable(QJsonDocument(expertSources).toJson()));
        int expertQuestions = 0, expertDescriptions = 0;
        for (const auto& part : expertSources) {
            expertQuestions += part.toObject().value("perception").toObject().value("total").toInt();
            expertDescriptions += part.toObject().value("descriptions").toInt();
            QVERIFY(part.toObject().value("perception").toObject().value("accuracy").toDouble() > 0.5);
        }
        QCOMPARE(expertQuestions, report.result.value("expert").toObject().value("perception").toObject().value("total").toInt());
        QCOMPARE(expertDescriptions, report.result.value("expert").toObject().value("descriptions").toInt());
        // The attribute head is scored on the labelled images, next to answering "absent" everywhere.
        const QJsonObject head = report.result.value("attributeHead").toObject();
        QVERIFY(head.value("images").toInt() > 0);
        QVERIFY(head.value("absentBaseline").toDouble() > 0.5);
        QVERIFY(!head.value("byAttribute").toObject().isEmpty());
        // Attribute questions answered from the head, beside the decoder on the same questions.
        const QJsonObject headAnswers = report.result.value("headAnswersBySource").toObject();
        QVERIFY2(!headAnswers.isEmpty(), qPrintable(QJsonDocument(report.result).toJson()));
        for (const auto& kind : headAnswers)
            for (const auto& type : kind.toObject()) {
                const QJsonObject c = type.toObject();
                QVERIFY(c.value("questions").toInt() > 0);
                QVERIFY(c.value("head").toDouble() >= 0 && c.value("head").toDouble() <= 1);
                QVERIFY(c.value("decoder").toDouble() >= 0 && c.value("decoder").toDouble() <= 1);
            }
        QVERIFY(headAnswers.value("phantom").toObject().contains("yesno") || headAnswers.value("unseen").toObject().contains("yesno"));
        // The docs' table of it: one row per attribute, a column group per source kind.
        const QString table = learn::AttributeRecallTable::markdown(report.result);
        QVERIFY2(table.contains("phantom: present | mild | moderate | severe | precision"), qPrintable(table));
        const QString firstAttribute = report.result.value("attributeHeadBySource").toObject().value("phantom").toObject()
                                           .value("byAttribute").toObject().keys().value(0);
        QVERIFY2(table.contains("| " + firstAttribute + " | "), qPrintable(table));
        QVERIFY(learn::AttributeRecallTable::markdown(QJsonObject{}).isEmpty());
        // The head per source kind: the kinds' images add up to the whole.
        const QJsonObject headBySource = report.result.value("attributeHeadBySource").toObject();
        QVERIFY(headBySource.contains("phantom"));
        int headImages = 0;
        for (const QString& kind : headBySource.keys()) headImages += headBySource.value(kind).toObject().value("images").toInt();
        QCOMPARE(headImages, head.value("images").toInt());
        // By source: test items are on sources training never saw or on phantoms, never on a
        // seen source (the split is by source); the kinds add up to the whole.
        const QJsonObject sources = report.result.value("bySource").toObject();
        QVERIFY2(!sources.contains("seen"), qPrintable(QJsonDocument(sources).toJson()));
        QVERIFY(sources.contains("phantom"));
        int total = 0;
        for (const QString& kind : sources.keys()) {
            const QJsonObject cell = sources.value(kind).toObject().value("perception").toObject();
            total += cell.value("total").toInt();
            // Each kind by question type, adding up to the kind.
            int byType = 0;
            for (const auto& t : cell.value("byType").toObject()) byType += t.toObject().value("total").toInt();
            QCOMPARE(byType, cell.value("total").toInt());
            // Each kind's own calibration error.
            QVERIFY(cell.contains("ece"));
            QVERIFY(cell.value("ece").toDouble() >= 0.0 && cell.value("ece").toDouble() <= 1.0);
        }
        QCOMPARE(total, perception.value("total").toInt());
    }

    void fineTuneRecordsItsParent() {
        auto o = tinyTraining();
        o.fromCheckpoint = "base-1";
        o.config.maxSteps = 4;
        learn::TrainModelJob train(m_ws, o);
        QVERIFY(run(train).ok());
        auto ws = store::Workspace::open(m_ws).take();
        learn::CheckpointRegistry registry(*ws);
        QCOMPARE(registry.current(), QStringLiteral("ft-1"));
        QFile manifest(registry.resolve("ft-1") + "/manifest.json");
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        QVERIFY(manifest.readAll().contains("base-1"));
    }

    void calibratesACheckpointOnAHeldOutSplit() {
        learn::CalibrateOptions o;
        o.checkpoint = "base-1";
        o.split = "train";  // the tiny benchmark's validation split has too few questions
        learn::CalibrateModelJob calibrate(m_ws, o);
        const auto done = run(calibrate);
        QVERIFY2(done.ok(), qPrintable(done.message));
        QVERIFY(done.result.value("questions").toInt() >= train::AnswerTemperature::kMinQuestions);
        QVERIFY(done.result.value("nllAfter").toDouble() <= done.result.value("nllBefore").toDouble());
        auto ws = store::Workspace::open(m_ws).take();
        learn::CheckpointRegistry registry(*ws);
        const auto loaded = model::QualityModel::load(registry.resolve("base-1"));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().config().answerTemperature, done.result.value("temperature").toDouble());
        // The head's presence thresholds come from the same split's labelled images (the fit
        // itself: tst_presence_thresholds). The tiny benchmark's train split has too few, which
        // the result says, and the checkpoint keeps none.
        const QString skipped = done.result.value("presence").toObject().value("skipped").toString();
        QVERIFY2(skipped.contains(QStringLiteral("%1 needed").arg(train::PresenceThresholds::kMinImages)), qPrintable(skipped));
        QVERIFY(done.message.contains("presence thresholds not fitted"));
        QVERIFY(loaded.value().presenceThresholds().empty());
        QCOMPARE(registry.current(), QStringLiteral("ft-1"));  // calibrating changes no current checkpoint

        learn::CalibrateOptions missing;
        missing.checkpoint = "nowhere";
        learn::CalibrateModelJob none(m_ws, missing);
        const auto refused = run(none);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message.contains("nowhere"), qPrintable(refused.message));
    }

    // A model trained on measures keeps its training sources' levels per modality: what an
    // image assessed alone is read against.
    void aMeasuresModelKeepsItsTrainingSourcesReference() {
        auto o = tinyTraining();
        o.name = "measures";
        o.sourceMeasures = true;
        o.config.maxSteps = 2;
        o.makeCurrent = false;
        o.validateOnRealSources = true;
        learn::TrainModelJob train(m_ws, o);
        const auto trained = run(train);
        QVERIFY2(trained.ok(), qPrintable(trained.message));
        auto ws = store::Workspace::open(m_ws).take();
        // Six items per modality hold far fewer than 200 questions on real sources: the run
        // asked to validate on them keeps the whole validation split, and says so.
        QCOMPARE(trained.result.value("validation_basis").toString(), QStringLiteral("all held-out"));
        QCOMPARE(trained.result.value("validation_examples").toInt(), int(ws->tasks().inSplit("val").size()));
        learn::CheckpointRegistry registry(*ws);
        const auto loaded = model::QualityModel::load(registry.resolve("measures"));
        QVERIFY(loaded.ok());
        const model::MeasureReference& reference = loaded.value().measureReference();
        QVERIFY(!reference.isEmpty());
        QStringList modalities;
        for (const auto& task : ws->tasks().inSplit("train")) modalities << ws->images().get(task.imageId)->modality;
        for (const QString& m : reference.toJson().keys()) QVERIFY2(modalities.contains(m), qPrintable(m));
        // A model without measures keeps none.
        QVERIFY(model::QualityModel::load(registry.resolve("base-1")).value().measureReference().isEmpty());
    }

    void cancelledTrainingLeavesNoCheckpoint() {
        auto o = tinyTraining();
        o.name = "cancelled";
        o.config.maxSteps = 200;
        std::atomic<bool> cancel{false};
        learn::TrainModelJob train(m_ws, o);
        QVERIFY_THROWS_EXCEPTION(jobs::JobCancelled, run(train, &cancel, [&](double f) {
            if (f > 0.4) cancel = true;
        }));
        auto ws = store::Workspace::open(m_ws).take();
        learn::CheckpointRegistry registry(*ws);
        QVERIFY(!registry.names().contains("cancelled"));
        QVERIFY(!QFileInfo::exists(registry.resolve("cancelled") + "/manifest.json"));
        QCOMPARE(registry.current(), QStringLiteral("ft-1"));  // unchanged
    }
};

QTEST_GUILESS_MAIN(LearnTest)
#include "tst_learn.moc"
