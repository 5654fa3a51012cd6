// A site's own TorchScript model (docs/own-model.md), exported at test time with Debian's
// python3-torch: registered beside the built-in checkpoints, evaluated, drafting with
// routing uncertainties, its own descriptions, a save/load round trip, and the refusals of
// modules that break the contract (the workspace unchanged after each).
#include "dataset/BenchmarkBuildJob.h"
#include "dataset/PoolBuildJob.h"
#include "learn/CheckpointRegistry.h"
#include "learn/EvaluateModelJob.h"
#include "learn/ExampleAssembler.h"
#include "learn/OwnModelRegistration.h"
#include "loop/ItemDrafter.h"
#include "loop/RoundRunner.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"
#include "taxonomy/AttributeSlots.h"
#include "train/Trainer.h"

#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace medq;

namespace {

const jobs::Progress& noProgress() {
    static std::atomic<bool> never{false};
    static const jobs::Progress progress(&never, [](double, const QString&) {});
    return progress;
}

int auditRows(store::Workspace& ws) { return int(ws.audit().count()); }

// The error of a result for a failure message; empty when it holds a value (QVERIFY2
// evaluates its message either way).
template <typename T>
QByteArray why(const Result<T>& r) {
    return r.ok() ? QByteArray() : r.error().message().toLocal8Bit();
}

}  // namespace

class OwnModelTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_wsDir;
    std::unique_ptr<store::Workspace> m_ws;

    QString file(const QString& name) const { return m_tmp.filePath(name); }

    // Runs a Python script of the repository with Debian's python3 (python3-torch).
    static void python(const QStringList& args) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(MEDQ_PYTHON3), args);
        QVERIFY2(p.waitForFinished(180000), "python3 did not finish");
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, p.readAll().constData());
    }

    learn::OwnModelRequest request(const QString& module, const QString& name) const {
        learn::OwnModelRequest r;
        r.import.file = module;
        r.name = name;
        r.actor = QStringLiteral("test");
        return r;
    }

    model::QualityModel load(const QString& name) {
        auto m = model::QualityModel::load(learn::CheckpointRegistry(*m_ws).resolve(name));
        if (!m) qFatal("%s", why(m).constData());
        return m.take();
    }

private slots:
    void initTestCase() {
        m_wsDir = m_tmp.filePath(QStringLiteral("ws"));
        QVERIFY(store::Workspace::create(m_wsDir).ok());
        dataset::BenchmarkOptions b;
        b.perModality = 10;
        dataset::BenchmarkBuildJob bench(m_wsDir, b);
        QVERIFY(bench.run(noProgress()).ok());
        auto ws = store::Workspace::open(m_wsDir);
        QVERIFY(ws.ok());
        m_ws = ws.take();
        const QString exporter = QStringLiteral(MEDQ_SOURCE_DIR "/docs/own-model/export_site_model.py");
        python({exporter, file("site-ct.pt"), "--attributes", "ct.noise,ct.blur,ct.motion,ct.metal_streak"});
        python({exporter, file("describing.pt"), "--describe", "--attributes", "ct.noise,ct.blur"});
        python({exporter, file("unknown-attribute.pt"), "--attributes", "ct.noise,ct.wobble"});
        python({QStringLiteral(MEDQ_SOURCE_DIR "/tests/support/broken_own_models.py"), file("broken")});
    }

    void registersBesideTheBuiltInCheckpoints() {
        auto r = request(file("site-ct.pt"), QStringLiteral("site-ct"));
        r.makeCurrent = true;
        auto added = learn::registerOwnModel(*m_ws, r);
        QVERIFY2(added.ok(), why(added).constData());
        learn::CheckpointRegistry registry(*m_ws);
        QVERIFY(registry.names().contains(QStringLiteral("site-ct")));
        QCOMPARE(registry.current(), QStringLiteral("site-ct"));
        const model::QualityModel m = load(QStringLiteral("site-ct"));
        QVERIFY(m.isScripted());
        QCOMPARE(m.config().imageSize, 64);  // the module's own input_size
        QCOMPARE(m.scriptedSpec()->modalities, QStringList{QStringLiteral("ct")});
        QCOMPARE(m.embeddingDimension(), 16);
        // The same name twice is refused.
        QVERIFY(!learn::registerOwnModel(*m_ws, request(file("site-ct.pt"), QStringLiteral("site-ct"))).ok());
    }

    // Yes/no answers are P(present) of the named attribute; another modality's questions,
    // which it does not read, are uniform (routed to the expert).
    void answersFromItsAttributeReadings() {
        const model::QualityModel m = load(QStringLiteral("site-ct"));
        learn::ExampleAssembler assembler(*m_ws, m.config());
        auto set = assembler.split(QStringLiteral("test"), noProgress());
        QVERIFY(set.ok());
        std::vector<model::PerceptionQuery> queries;
        std::vector<const train::TrainingExample*> asked;
        for (const auto& e : set.value().examples)
            if (e.kind == train::TrainingExample::Kind::Perception) {
                queries.push_back({e.image, e.question, e.options});
                asked.push_back(&e);
            }
        QVERIFY(queries.size() > 20);
        model::AttributeReadings readings;
        auto answers = m.answer(queries, &readings);
        QVERIFY2(answers.ok(), why(answers).constData());
        int ctYesNo = 0, otherUniform = 0;
        for (std::size_t i = 0; i < queries.size(); ++i) {
            const auto& p = answers.value()[i].probabilities;
            double sum = 0;
            for (double v : p) sum += v;
            QVERIFY(std::abs(sum - 1.0) < 1e-9);
            const bool isCt = queries[i].image.modality == QLatin1String("ct");
            const int slot = askedAttributeSlot(Modality::CT, queries[i].question);
            if (isCt && asked[i]->questionType == QLatin1String("yesno") && m.readsAttributeSlot(slot)) {
                const double present = 1.0 - readings[i][std::size_t(slot)][0];
                QVERIFY(std::abs(p[std::size_t(queries[i].options.indexOf(QStringLiteral("Yes")))] - present) < 1e-6);
                ++ctYesNo;
            }
            if (!isCt && !queries[i].image.isPair()) {
                for (double v : p) QVERIFY(std::abs(v - 1.0 / double(p.size())) < 1e-9);
                ++otherUniform;
            }
        }
        QVERIFY(ctYesNo > 0);
        QVERIFY(otherUniform > 0);
        // Embeddings are unit vectors of the module's width.
        auto embedded = m.embed({queries.front().image.first});
        QVERIFY(embedded.ok());
        double norm = 0;
        for (float v : embedded.value().front()) norm += double(v) * v;
        QVERIFY(std::abs(norm - 1.0) < 1e-5);
    }

    void evaluatesLikeAnyCheckpoint() {
        learn::EvaluateOptions o;
        o.checkpoint = QStringLiteral("site-ct");
        learn::EvaluateModelJob job(m_wsDir, o);
        const auto outcome = job.run(noProgress());
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        const QJsonObject perception = outcome.result.value("perception").toObject();
        QVERIFY(perception.value("total").toInt() > 20);
        QVERIFY(outcome.result.value("description").toObject().value("total").toInt() > 0);
    }

    // Drafts of CT items carry answer distributions, a written description and a routing
    // uncertainty; an item of a modality it does not read is as uncertain as can be.
    void draftsWithRoutingUncertainty() {
        const model::QualityModel m = load(QStringLiteral("site-ct"));
        learn::ExampleAssembler assembler(*m_ws, m.config());
        loop::ItemDrafter drafter(*m_ws, &m, QStringLiteral("site-ct"), assembler);
        std::vector<store::Id> ct, mri;
        for (const auto& image : m_ws->images().list(0, 3, QStringLiteral("ct"))) ct.push_back(image.id);
        for (const auto& image : m_ws->images().list(0, 1, QStringLiteral("mri"))) mri.push_back(image.id);
        QVERIFY(!ct.empty() && !mri.empty());
        auto drafts = drafter.draft(ct, noProgress());
        QVERIFY2(drafts.ok(), why(drafts).constData());
        for (const auto& item : drafts.value()) {
            QVERIFY(!item.tasks.empty());
            QVERIFY(item.uncertainty >= 0 && item.uncertainty <= 1);
            for (const auto& t : item.tasks)
                if (!t.isPerception()) QVERIFY2(t.output.draftText.contains(QStringLiteral("quality")), qPrintable(t.output.draftText));
        }
        auto lost = drafter.draft(mri, noProgress());
        QVERIFY(lost.ok());
        QVERIFY2(lost.value().front().answerUncertainty > 0.99, qPrintable(QString::number(lost.value().front().answerUncertainty)));
    }

    void writesItsOwnDescriptionsWhenItHasDescribe() {
        QVERIFY(learn::registerOwnModel(*m_ws, request(file("describing.pt"), QStringLiteral("describing"))).ok());
        const model::QualityModel m = load(QStringLiteral("describing"));
        QVERIFY(m.scriptedSpec()->hasDescribe);
        learn::ExampleAssembler assembler(*m_ws, m.config());
        std::vector<model::VisualInput> inputs;
        for (const auto& image : m_ws->images().list(0, 2, QStringLiteral("ct"))) {
            auto v = assembler.visual(image.id, std::nullopt);
            QVERIFY(v.ok());
            inputs.push_back(v.take());
        }
        auto written = m.describe(inputs, {});
        QVERIFY(written.ok());
        for (const auto& d : written.value())
            QVERIFY2(d.text == QLatin1String("No visible artefact.") || d.text.startsWith(QLatin1String("Artefacts of grade")), qPrintable(d.text));
    }

    void survivesSaveAndLoad() {
        const model::QualityModel m = load(QStringLiteral("site-ct"));
        const QString copy = file("copy");
        QVERIFY(m.save(copy).ok());
        auto again = model::QualityModel::load(copy);
        QVERIFY2(again.ok(), why(again).constData());
        learn::ExampleAssembler assembler(*m_ws, m.config());
        const auto first = m_ws->images().list(0, 1, QStringLiteral("ct")).front();
        auto pixels = assembler.pixels(first.id);
        QVERIFY(pixels.ok());
        const auto a = m.attributeProbabilities({pixels.value()}), b = again.value().attributeProbabilities({pixels.value()});
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a.value(), b.value());
    }

    // Fine-tuning trains only the parameters its registration names: with ^head\. the
    // backbone, and so the embeddings, stay as exported while the readings move; the result
    // is a TorchScript checkpoint again.
    void finetunesOnlyItsRegisteredParameters() {
        auto r = request(file("site-ct.pt"), QStringLiteral("site-head"));
        r.import.trainable = QStringLiteral("^head\\.");
        QVERIFY(learn::registerOwnModel(*m_ws, r).ok());
        model::QualityModel m = load(QStringLiteral("site-head"));
        learn::ExampleAssembler assembler(*m_ws, m.config());
        assembler.setAttributeSlots(m.config().attributeSlots);
        auto training = assembler.split(QStringLiteral("train"), noProgress());
        QVERIFY(training.ok());
        const auto probe = m_ws->images().list(0, 1, QStringLiteral("ct")).front();
        auto pixels = assembler.pixels(probe.id);
        QVERIFY(pixels.ok());
        const auto embeddedBefore = m.embed({pixels.value()}).take();
        const auto readBefore = m.attributeProbabilities({pixels.value()}).take();

        train::TrainConfig config;
        config.maxSteps = 40;
        config.batchSize = 8;
        config.learningRate = 1e-2;
        config.warmupSteps = 2;
        config.threads = 1;
        train::Trainer trainer(m, config);
        const QString dir = learn::CheckpointRegistry(*m_ws).resolve(QStringLiteral("site-head-tuned"));
        auto report = trainer.train(training.value().examples, {}, dir, noProgress());
        QVERIFY2(report.ok(), why(report).constData());
        QCOMPARE(report.value().steps, 40);
        const auto& losses = report.value().losses;
        const auto mean = [&](std::size_t from, std::size_t to) {
            double sum = 0;
            for (std::size_t i = from; i < to; ++i) sum += losses[i];
            return sum / double(to - from);
        };
        QVERIFY2(mean(30, 40) < mean(0, 10), qPrintable(QStringLiteral("%1 -> %2").arg(mean(0, 10)).arg(mean(30, 40))));

        const model::QualityModel tuned = load(QStringLiteral("site-head-tuned"));
        QVERIFY(tuned.isScripted());
        QCOMPARE(tuned.scriptedSpec()->trainable, QStringLiteral("^head\\."));
        QCOMPARE(tuned.embed({pixels.value()}).take(), embeddedBefore);
        const auto readAfter = tuned.attributeProbabilities({pixels.value()}).take();
        const int noise = attributeSlot(Modality::CT, QStringLiteral("noise"));
        QVERIFY(std::abs(readAfter[0][std::size_t(noise)][0] - readBefore[0][std::size_t(noise)][0]) > 1e-4);
    }

    // One loop round on the TorchScript model: the pool is embedded, failures mined, drafts
    // routed and annotated, the model fine-tuned as TorchScript and gated; a step too small
    // to change anything does not improve validation, so the round rolls back.
    void loopRoundFinetunesAndRollsBack() {
        dataset::PoolOptions pool;
        pool.size = 120;
        dataset::PoolBuildJob build(m_wsDir, pool);
        QVERIFY(build.run(noProgress()).ok());
        learn::CheckpointRegistry(*m_ws).setCurrent(QStringLiteral("site-ct"), QStringLiteral("test"));
        loop::RoundOptions o;
        o.strategy = RetrievalStrategy::Engine;
        o.budget = 12;
        o.poolEmbedLimit = 120;
        o.validationLimit = 30;
        o.calibrationLimit = 30;
        o.fineTuneSteps = 10;
        o.learningRate = 1e-12;
        o.batchSize = 8;
        o.threads = 1;
        o.kMax = 4;
        loop::LoopRoundJob job(m_wsDir, o);
        const auto outcome = job.run(noProgress());
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        auto reopened = store::Workspace::open(m_wsDir);
        QVERIFY(reopened.ok());
        const auto rounds = reopened.value()->rounds().all();
        QCOMPARE(int(rounds.size()), 1);
        const QJsonObject finetune = rounds.front().metrics.value("finetune").toObject();
        QVERIFY2(finetune.value("steps").toInt() == 10, qPrintable(QJsonDocument(finetune).toJson()));
        QCOMPARE(finetune.value("decision").toString(), key(CheckpointDecision::RolledBack));
        learn::CheckpointRegistry registry(*reopened.value());
        QCOMPARE(registry.current(), QStringLiteral("site-ct"));
        const QString candidate = finetune.value("candidate").toString();
        auto manifest = model::CheckpointManifest::read(registry.resolve(candidate));
        QVERIFY2(manifest.ok() && manifest.value().scripted.has_value(), qPrintable(candidate));
    }

    void refusesModulesThatBreakTheContract_data() {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing method") << "broken/missing_method.pt" << "attribute_logits is missing";
        QTest::newRow("wrong shape") << "broken/wrong_shape.pt" << "returned [2, 2, 3]; the contract is [N, 2, 4]";
        QTest::newRow("NaN output") << "broken/nan_output.pt" << "attribute_logits returned NaN";
        QTest::newRow("wrong input size") << "broken/wrong_input_size.pt" << "embed failed: RuntimeError: shape";
        QTest::newRow("not TorchScript") << "junk.pt" << "not a TorchScript module";
        QTest::newRow("unknown attribute") << "unknown-attribute.pt" << "'ct.wobble' is not a ct attribute";
        QTest::newRow("no such file") << "absent.pt" << "no such file";
    }
    void refusesModulesThatBreakTheContract() {
        QFETCH(QString, module);
        QFETCH(QString, reason);
        QFile junk(file("junk.pt"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        learn::CheckpointRegistry registry(*m_ws);
        const QStringList before = QDir(registry.root()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        const QString current = registry.current();
        const int audit = auditRows(*m_ws);
        auto r = request(file(module), QStringLiteral("refused"));
        r.makeCurrent = true;
        auto added = learn::registerOwnModel(*m_ws, r);
        QVERIFY(!added.ok());
        QVERIFY2(added.error().message().contains(reason), why(added).constData());
        QVERIFY2(added.error().message().contains(QFileInfo(module).fileName()), why(added).constData());
        QCOMPARE(QDir(registry.root()).entryList(QDir::Dirs | QDir::NoDotAndDotDot), before);
        QCOMPARE(registry.current(), current);
        QCOMPARE(auditRows(*m_ws), audit);
    }

    // The contract may come from a JSON side file next to the module (its values win), and
    // a side file with a key the contract does not have is refused, naming the file.
    void readsTheContractFromASideFile() {
        QVERIFY(QFile::copy(file("site-ct.pt"), file("side.pt")));
        const auto writeSide = [&](const QByteArray& json) {
            QFile side(file("side.json"));
            QVERIFY(side.open(QIODevice::WriteOnly | QIODevice::Truncate));
            side.write(json);
        };
        writeSide(R"({"mean": [0.4], "std": [0.2]})");
        auto added = learn::registerOwnModel(*m_ws, request(file("side.pt"), QStringLiteral("side")));
        QVERIFY2(added.ok(), why(added).constData());
        const model::QualityModel m = load(QStringLiteral("side"));
        QCOMPARE(m.scriptedSpec()->mean, std::vector<double>{0.4});
        QCOMPARE(m.scriptedSpec()->std, std::vector<double>{0.2});
        writeSide(R"({"input_size": 64, "colour": "grey"})");
        auto refused = learn::registerOwnModel(*m_ws, request(file("side.pt"), QStringLiteral("side-2")));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message().contains(QStringLiteral("side.json")) &&
                     refused.error().message().contains(QStringLiteral("unknown key 'colour'")),
                 why(refused).constData());
    }

    void refusesAModalityItsAttributesDoNotName() {
        auto r = request(file("site-ct.pt"), QStringLiteral("for-mri"));
        r.import.modalities = {QStringLiteral("mri")};
        auto added = learn::registerOwnModel(*m_ws, r);
        QVERIFY(!added.ok());
        QVERIFY2(added.error().message().contains(QStringLiteral("registered for mri")), why(added).constData());
    }
};

QTEST_GUILESS_MAIN(OwnModelTest)
#include "tst_own_model.moc"
