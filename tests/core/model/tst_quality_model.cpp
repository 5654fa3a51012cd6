// QualityModel without training: answers, generation, embeddings, checkpoints and their errors.
#include "SyntheticImages.h"
#include "model/ComputeDevice.h"
#include "model/Entropy.h"
#include "model/PromptFormat.h"
#include "model/QualityModel.h"
#include "model/QualityMeasures.h"
#include "taxonomy/AttributeSlots.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <functional>
#include <cmath>

using namespace medq;
using namespace medq::model;
using medq::testing::Pattern;

namespace {

Tokenizer testTokenizer() {
    QStringList corpus{PromptFormat::descriptionText(false), PromptFormat::descriptionText(true)};
    for (int i = 0; i < 20; ++i) {
        corpus << PromptFormat::perceptionText("Is there noise in this image?", {"Yes", "No"});
        corpus << PromptFormat::perceptionText("What pattern does this image show?", {"square", "noise", "gradient"});
        corpus << "A bright square on a dark background. Overall, the quality of this image is good.";
    }
    return Tokenizer::train(corpus, 200).take();
}

QualityModel tinyModel(std::uint64_t seed = 7) {
    ModelConfig config = ModelConfig::fromPreset("tiny").value();
    config.seed = seed;
    return QualityModel::create(config, testTokenizer()).take();
}

std::vector<PerceptionQuery> queries(int size) {
    std::vector<PerceptionQuery> q;
    for (int i = 0; i < 5; ++i) {
        VisualInput image{testing::patternPixels(Pattern(i % 3), std::uint32_t(i), size), {}};
        if (i == 4) image.second = testing::patternPixels(Pattern::Noise, 99, size);  // a comparison pair
        q.push_back({image, i % 2 ? "Is there noise in this image?" : "What pattern does this image show?",
                     i % 2 ? QStringList{"Yes", "No"} : QStringList{"square", "noise", "gradient"}});
    }
    q.push_back({q[0].image, "Which is better?", {"first", "second", "same", "neither"}});
    return q;
}

std::vector<std::vector<float>> images(int size) {
    return {testing::patternPixels(Pattern::Square, 1, size), testing::patternPixels(Pattern::Gradient, 2, size)};
}

void corruptByte(const QString& path, qint64 offset) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray bytes = f.readAll();
    bytes[offset] = char(bytes[offset] ^ 0x5a);
    f.seek(0);
    f.write(bytes);
}

// Rewrites a saved checkpoint's manifest as one written before `keys` existed in the config.
QJsonObject withoutConfigKeys(const QString& checkpointDir, const QStringList& keys) {
    const QString manifestPath = QDir(checkpointDir).filePath("manifest.json");
    QFile m(manifestPath);
    if (!m.open(QIODevice::ReadOnly)) return {};
    QJsonObject json = QJsonDocument::fromJson(m.readAll()).object();
    m.close();
    QJsonObject config = json.value("config").toObject();
    for (const QString& key : keys) {
        if (!config.contains(key)) return {};
        config.remove(key);
    }
    json.insert("config", config);
    if (!writeFileDurably(manifestPath, QJsonDocument(json).toJson()).ok()) return {};
    return json;
}

// A checkpoint of `config` whose manifest lacks `keys` (one written before they existed)
// loads, `check` accepts the config it reads, and it answers exactly as the model saved.
void checkOlderManifestLoads(const ModelConfig& config, const QStringList& keys,
                             const std::function<void(const ModelConfig&)>& check) {
    QTemporaryDir tmp;
    const QString dir = tmp.filePath("ckpt");
    QualityModel model = QualityModel::create(config, testTokenizer()).take();
    QVERIFY(model.save(dir).ok());
    QVERIFY(!withoutConfigKeys(dir, keys).isEmpty());
    auto loaded = QualityModel::load(dir);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message()));
    check(loaded.value().config());
    const auto q = queries(config.imageSize);
    const auto saved = model.answer(q).take(), reloaded = loaded.value().answer(q).take();
    for (std::size_t i = 0; i < q.size(); ++i) QCOMPARE(reloaded[i].probabilities, saved[i].probabilities);
}

}  // namespace

class QualityModelTest : public QObject {
    Q_OBJECT
private slots:
    void answersAreDistributionsOverOptions() {
        QualityModel model = tinyModel();
        QVERIFY(model.parameterCount() > 10000);
        QVERIFY(model.deviceName().startsWith(cudaAvailable() ? "cuda" : "cpu"));
        QCOMPARE(model.config().vocabSize, model.tokenizer().vocabSize());
        const auto q = queries(model.config().imageSize);
        auto answers = model.answer(q);
        QVERIFY2(answers.ok(), qPrintable(answers.ok() ? QString() : answers.error().message()));
        QCOMPARE(answers.value().size(), q.size());
        for (std::size_t i = 0; i < q.size(); ++i) {
            const PerceptionAnswer& a = answers.value()[i];
            QCOMPARE(int(a.probabilities.size()), int(q[i].options.size()));
            double sum = 0;
            for (double p : a.probabilities) sum += p;
            QVERIFY(std::abs(sum - 1.0) < 1e-9);
            QCOMPARE(a.choice, int(std::max_element(a.probabilities.begin(), a.probabilities.end()) - a.probabilities.begin()));
            QVERIFY(std::abs(a.entropy - entropyNats(a.probabilities)) < 1e-12);
            QVERIFY(a.entropy <= std::log(double(q[i].options.size())) + 1e-12);
        }
        // Batch composition does not change an item's answer.
        auto single = model.answer({q[1]});
        QVERIFY(std::abs(single.value()[0].probabilities[0] - answers.value()[1].probabilities[0]) < 1e-5);
    }

    void rejectsBadQueries() {
        QualityModel model = tinyModel();
        auto q = queries(model.config().imageSize);
        q[0].options = {"only one"};
        QVERIFY(!model.answer(q).ok());
        q = queries(model.config().imageSize);
        q[2].image.first.edit().resize(10);
        auto wrongSize = model.answer(q);
        QVERIFY(!wrongSize.ok());
        QVERIFY(wrongSize.error().subject.contains("2"));
        QVERIFY(!model.embed({std::vector<float>(5)}).ok());
    }

    void embeddingsAreUnitLength() {
        QualityModel model = tinyModel();
        auto e = model.embed(images(model.config().imageSize));
        QVERIFY(e.ok());
        QCOMPARE(int(e.value().size()), 2);
        for (const auto& v : e.value()) {
            QCOMPARE(int(v.size()), model.embeddingDimension());
            double norm = 0;
            for (float x : v) norm += double(x) * x;
            QVERIFY(std::abs(std::sqrt(norm) - 1.0) < 1e-5);
        }
    }

    void generationIsDeterministicForASeedAndStopsAtTheLimit() {
        QualityModel model = tinyModel();
        std::vector<VisualInput> inputs;
        for (const auto& image : images(model.config().imageSize)) inputs.push_back({image, {}});
        inputs.push_back({inputs[0].first, inputs[1].first});  // a pair
        GenerationOptions options;
        options.mode = GenerationOptions::Mode::Sample;
        options.maxTokens = 12;
        options.seed = 42;
        auto a = model.describe(inputs, options).take();
        auto b = model.describe(inputs, options).take();
        options.seed = 43;
        auto c = model.describe(inputs, options).take();
        bool anyDifferent = false;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            QCOMPARE(a[i].tokens, b[i].tokens);
            QCOMPARE(a[i].text, b[i].text);
            anyDifferent = anyDifferent || a[i].tokens != c[i].tokens;
            // One entropy per decision, EOS included; without EOS the limit was reached.
            QCOMPARE(a[i].tokenEntropies.size(), a[i].tokens.size() + (a[i].stoppedAtEos ? 1 : 0));
            if (!a[i].stoppedAtEos) QCOMPARE(int(a[i].tokens.size()), options.maxTokens);
            QVERIFY(a[i].meanEntropy > 0);
        }
        QVERIFY2(anyDifferent, "another seed should draw other tokens from an untrained model");
        // Greedy ignores the seed.
        options.mode = GenerationOptions::Mode::Greedy;
        options.maxTokens = 5;
        auto g1 = model.describe(inputs, options).take();
        options.seed = 1;
        auto g2 = model.describe(inputs, options).take();
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            QCOMPARE(g1[i].tokens, g2[i].tokens);
            QVERIFY(g1[i].tokens.size() <= 5);
        }
    }

    // By default a description may use all the room training gave the references: what the
    // config's maxTextLength leaves after the prompt (a fixed 64 cut long references off).
    void generationByDefaultUsesTheRoomTrainingGaveTheReferences() {
        ModelConfig config = ModelConfig::fromPreset("tiny").value();
        config.maxTextLength = 120;
        QualityModel model = QualityModel::create(config, testTokenizer()).take();
        std::vector<VisualInput> inputs;
        for (const auto& image : images(config.imageSize)) inputs.push_back({image, {}});
        inputs.push_back({inputs[0].first, inputs[1].first});  // a pair: its own, longer prompt
        GenerationOptions options;
        options.mode = GenerationOptions::Mode::Sample;
        options.noRepeatNgram = 0;  // an untrained model then seldom picks EOS among ~800 tokens
        const PromptFormat format(model.tokenizer(), config.maxTextLength);
        int runToTheLimit = 0;
        for (const std::uint64_t seed : {1, 2, 3}) {
            options.seed = seed;
            const auto out = model.describe(inputs, options).take();
            for (std::size_t i = 0; i < inputs.size(); ++i) {
                const int room = config.maxTextLength - int(format.description(inputs[i].isPair()).ids.size());
                QVERIFY(room > 64);
                if (out[i].stoppedAtEos) {
                    QVERIFY(int(out[i].tokens.size()) < room);
                } else {
                    QCOMPARE(int(out[i].tokens.size()), room);
                    ++runToTheLimit;
                }
            }
        }
        QVERIFY2(runToTheLimit > 0, "an untrained model should run to the limit at least once");
    }

    void sameSeedGivesSameWeights() {
        const auto q = queries(32);
        auto a = tinyModel(3).answer(q).take();
        auto b = tinyModel(3).answer(q).take();
        auto c = tinyModel(4).answer(q).take();
        QCOMPARE(a[0].probabilities, b[0].probabilities);
        QVERIFY(a[0].probabilities != c[0].probabilities);
    }

    void checkpointRoundTripGivesIdenticalOutputs() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("ckpt");
        QualityModel model = tinyModel();
        CheckpointInfo info{"datahash", "parent-ckpt", QJsonObject{{"accuracy", 0.5}}};
        QVERIFY(model.save(dir, info).ok());
        for (const char* name : {"manifest.json", "weights.pt", "tokenizer.model"}) QVERIFY(QFile::exists(QDir(dir).filePath(name)));
        QVERIFY(!QFile::exists(QDir(dir).filePath("adapter.pt")));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"ckpt"});

        // Another seed in the manifest: the loaded weights, not a re-initialisation, must match.
        const QString manifestPath = QDir(dir).filePath("manifest.json");
        QFile m(manifestPath);
        QVERIFY(m.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(m.readAll()).object();
        m.close();
        QJsonObject config = json.value("config").toObject();
        config.insert("seed", 12345);
        json.insert("config", config);
        QVERIFY(writeFileDurably(manifestPath, QJsonDocument(json).toJson()).ok());

        auto loaded = QualityModel::load(dir);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message()));
        const auto q = queries(model.config().imageSize);
        const auto before = model.answer(q).take();
        const auto after = loaded.value().answer(q).take();
        for (std::size_t i = 0; i < q.size(); ++i) QCOMPARE(after[i].probabilities, before[i].probabilities);  // bit-identical
        QCOMPARE(loaded.value().embed(images(32)).take(), model.embed(images(32)).take());
        QVERIFY(loaded.value().config().sameArchitecture(model.config()));

        auto manifest = CheckpointManifest::read(dir);
        QVERIFY(manifest.ok());
        QCOMPARE(manifest.value().info.trainingDataHash, QStringLiteral("datahash"));
        QCOMPARE(manifest.value().info.parentCheckpoint, QStringLiteral("parent-ckpt"));
        QCOMPARE(manifest.value().info.metrics.value("accuracy").toDouble(), 0.5);
        QVERIFY(manifest.value().created.isValid());

        // Saving over an existing checkpoint replaces it whole and leaves no staging folders.
        QualityModel other = tinyModel(8);
        QVERIFY(other.save(dir).ok());
        QCOMPARE(QualityModel::load(dir).value().answer(q).take()[0].probabilities, other.answer(q).take()[0].probabilities);
        QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"ckpt"});
    }

    void corruptWeightsFailWithTheFileNamed() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("ckpt");
        QVERIFY(tinyModel().save(dir).ok());
        const QString weights = QDir(dir).filePath("weights.pt");
        corruptByte(weights, 200);
        auto flipped = QualityModel::load(dir);
        QVERIFY(!flipped.ok());
        QCOMPARE(flipped.error().subject, weights);
        QVERIFY(flipped.error().reason.contains("checksum"));

        // A truncated archive whose checksum was "fixed" reaches torch, which must not leak.
        QFile f(weights);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const QByteArray half = f.readAll().left(1000);
        f.resize(0);
        f.write(half);
        f.close();
        const QString manifestPath = QDir(dir).filePath("manifest.json");
        QFile m(manifestPath);
        QVERIFY(m.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(m.readAll()).object();
        m.close();
        QJsonObject sums = json.value("sha256").toObject();
        sums.insert("weights.pt", sha256Hex(half));
        json.insert("sha256", sums);
        QVERIFY(writeFileDurably(manifestPath, QJsonDocument(json).toJson()).ok());
        auto truncated = QualityModel::load(dir);
        QVERIFY(!truncated.ok());
        QCOMPARE(truncated.error().subject, weights);
        QVERIFY2(truncated.error().reason.contains("archive"), qPrintable(truncated.error().reason));
    }

    void manifestOfAnotherConfigFailsWithTheFileNamed() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("ckpt");
        QualityModel model = tinyModel();
        QVERIFY(model.save(dir).ok());
        const QString manifestPath = QDir(dir).filePath("manifest.json");

        ModelConfig wider = model.config();
        wider.lmWidth = 128;
        auto refused = QualityModel::load(dir, &wider);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().subject, manifestPath);

        QFile m(manifestPath);
        QVERIFY(m.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(m.readAll()).object();
        m.close();
        json.insert("config", wider.toJson());
        QVERIFY(writeFileDurably(manifestPath, QJsonDocument(json).toJson()).ok());
        auto mismatched = QualityModel::load(dir);
        QVERIFY(!mismatched.ok());
        QCOMPARE(mismatched.error().subject, QDir(dir).filePath("weights.pt"));
        QVERIFY2(mismatched.error().reason.contains("shape"), qPrintable(mismatched.error().reason));

        QVERIFY(writeFileDurably(manifestPath, "{ not json").ok());
        auto garbage = QualityModel::load(dir);
        QVERIFY(!garbage.ok());
        QCOMPARE(garbage.error().subject, manifestPath);
    }

    void qualityFiltersRespondToNoiseMoreThanToACleanImage() {
        const int size = 64;
        Image clean = testing::makePatternImage(Pattern::Gradient, 3);
        Image noisy = clean;
        std::uint32_t state = 77;
        for (int y = 0; y < noisy.height; ++y)
            for (int x = 0; x < noisy.width; ++x) {
                state = state * 1664525u + 1013904223u;
                noisy.at(x, y) = std::clamp(noisy.at(x, y) + 0.2f * (float(state >> 8) / float(1u << 24) - 0.5f), 0.0f, 1.0f);
            }
        const ImagePreprocessor preprocess(size);
        auto a = QualityModel::qualityFilterResponse(preprocess.process(clean).take(), size);
        auto b = QualityModel::qualityFilterResponse(preprocess.process(noisy).take(), size);
        QVERIFY(a.ok() && b.ok());
        qInfo("clean %.3f %.3f %.3f, noisy %.3f %.3f %.3f", a.value().laplacian, a.value().gradient, a.value().highFrequency,
              b.value().laplacian, b.value().gradient, b.value().highFrequency);
        // Log scale: noise lifts every response by a clear margin (here about +0.86, +0.11 and
        // +0.15, i.e. factors of 20, 1.5 and 1.8), not a rounding error.
        QVERIFY(b.value().laplacian > a.value().laplacian + 0.5);
        QVERIFY(b.value().gradient > a.value().gradient + 0.05);
        QVERIFY(b.value().highFrequency > a.value().highFrequency + 0.1);
        QVERIFY(!QualityModel::qualityFilterResponse({1.0f, 2.0f}, size).ok());
    }

    void checkpointWithoutQualityFiltersLoadsAsItsOwnArchitecture() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("ckpt");
        ModelConfig plain = ModelConfig::fromPreset("tiny").value();
        plain.qualityFrontEnd = false;
        QualityModel model = QualityModel::create(plain, testTokenizer()).take();
        QVERIFY(model.save(dir).ok());
        // A manifest written before the field existed has no key: it means no filters.
        QJsonObject json = withoutConfigKeys(dir, {"qualityFrontEnd"});
        QVERIFY(!json.isEmpty());
        QJsonObject config = json.value("config").toObject();
        const QString manifestPath = QDir(dir).filePath("manifest.json");
        auto loaded = QualityModel::load(dir);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message()));
        QVERIFY(!loaded.value().config().qualityFrontEnd);
        const auto q = queries(plain.imageSize);
        QCOMPARE(loaded.value().answer(q).take()[0].probabilities, model.answer(q).take()[0].probabilities);

        // The current preset refuses it by config, and its weights do not fit a filtered network.
        const ModelConfig filtered = ModelConfig::fromPreset("tiny").value();
        QVERIFY(filtered.qualityFrontEnd);
        auto refused = QualityModel::load(dir, &filtered);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().reason.contains("quality filters"), qPrintable(refused.error().reason));
        config.insert("qualityFrontEnd", true);
        json.insert("config", config);
        QVERIFY(writeFileDurably(manifestPath, QJsonDocument(json).toJson()).ok());
        auto mismatched = QualityModel::load(dir);
        QVERIFY(!mismatched.ok());
        QCOMPARE(mismatched.error().subject, QDir(dir).filePath("weights.pt"));
        QVERIFY2(mismatched.error().reason.contains("another model config"), qPrintable(mismatched.error().reason));
    }

    void rowsOnOneImageShareItsEncodingAndGetTheSameAnswers() {
        QualityModel model = tinyModel();
        const auto q = queries(model.config().imageSize);
        // Three questions on one image and one on another, answered together and one by one.
        std::vector<PerceptionQuery> batch{q[0], q[1], q[0], q[2]};
        batch[1].image = q[0].image;
        const auto together = model.answer(batch).take();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto alone = model.answer({batch[i]}).take();
            for (std::size_t k = 0; k < alone[0].probabilities.size(); ++k)
                QVERIFY(std::abs(alone[0].probabilities[k] - together[i].probabilities[k]) < 1e-5);
        }
        // The second question on the image differs from the first only in its text.
        QVERIFY(together[0].probabilities != together[1].probabilities || batch[0].question == batch[1].question);
    }

    void pooledVisualTokensShortenThePrefix() {
        ModelConfig config = ModelConfig::fromPreset("tiny").value();  // 32 px / 8 px patches: a 4 x 4 grid
        // Patches, the spectrum token, the attribute token and the question-guided token.
        QCOMPARE(config.tokensPerImage(), 16 + 1 + 1 + 1);
        config.visualTokenGrid = 2;
        QCOMPARE(config.tokensPerImage(), 4 + 1 + 1 + 1);
        QualityModel pooled = QualityModel::create(config, testTokenizer()).take();
        const auto q = queries(config.imageSize);
        auto answers = pooled.answer(q);
        QVERIFY(answers.ok());
        QVERIFY(pooled.describe({q[0].image}, GenerationOptions{}).ok());
        QVERIFY(!pooled.config().sameArchitecture(tinyModel().config()));
        config.visualTokenGrid = 5;  // more than the patch grid
        QVERIFY(!config.validate().ok());
        QCOMPARE(config.validate().error().subject, QStringLiteral("visualTokenGrid"));
    }

    void attributeHeadGivesASeverityPerSlot() {
        QualityModel model = tinyModel();
        QCOMPARE(model.config().attributeSlots, 48);
        auto severities = model.attributeSeverities(images(model.config().imageSize));
        QVERIFY(severities.ok());
        QCOMPARE(int(severities.value().size()), 2);
        for (const auto& row : severities.value()) {
            QCOMPARE(int(row.size()), 48);
            for (int s : row) QVERIFY(s >= 0 && s <= 3);
        }
        ModelConfig headless = ModelConfig::fromPreset("tiny").value();
        headless.attributeSlots = 0;
        QualityModel plain = QualityModel::create(headless, testTokenizer()).take();
        QVERIFY(!plain.attributeSeverities(images(headless.imageSize)).ok());
        QVERIFY(plain.parameterCount() < model.parameterCount());
    }

    void checkpointBeforePooledTokensAndAttributeHeadLoads() {
        // A manifest written before the two fields existed means: every patch a token, no head.
        ModelConfig old = ModelConfig::fromPreset("tiny").value();
        old.visualTokenGrid = 0;
        old.attributeSlots = 0;
        checkOlderManifestLoads(old, {"visualTokenGrid", "attributeSlots"}, [](const ModelConfig& c) {
            QCOMPARE(c.attributeSlots, 0);
            QCOMPARE(c.visualTokenGrid, 0);
        });
    }

    void questionGuidedTokenReadsTheQuestion() {
        QualityModel guided = tinyModel();
        QVERIFY(guided.config().hasGuidedToken());
        ModelConfig plainConfig = guided.config();
        plainConfig.questionGuidedToken = false;
        QCOMPARE(plainConfig.tokensPerImage(), guided.config().tokensPerImage() - 1);
        QVERIFY(!plainConfig.sameArchitecture(guided.config()));
        QualityModel plain = QualityModel::create(plainConfig, testTokenizer()).take();
        QVERIFY(plain.parameterCount() < guided.parameterCount());
        // Pairs get one guided token per image, and generation reads its prompt too.
        const auto q = queries(guided.config().imageSize);
        const auto answers = guided.answer(q);
        QVERIFY(answers.ok());
        QVERIFY(guided.describe({q[4].image, q[0].image}, GenerationOptions{}).ok());
        // Every single-image answer names the slot its guided token read most; pairs name none,
        // and neither does a model without the token.
        for (std::size_t i = 0; i < q.size(); ++i) {
            const int slot = answers.value()[i].guidedSlot;
            if (q[i].image.isPair()) QCOMPARE(slot, -1);
            else QVERIFY(slot >= 0 && slot < guided.config().attributeSlots);
        }
        QCOMPARE(plain.answer(q).take()[0].guidedSlot, -1);
        // The image bias is part of the architecture: without it, one parameter matrix fewer.
        ModelConfig unbiasedConfig = guided.config();
        unbiasedConfig.guidedImageBias = false;
        QVERIFY(guided.config().hasGuidedImageBias() && !unbiasedConfig.hasGuidedImageBias());
        QVERIFY(!unbiasedConfig.sameArchitecture(guided.config()));
        QualityModel unbiased = QualityModel::create(unbiasedConfig, testTokenizer()).take();
        QCOMPARE(guided.parameterCount() - unbiased.parameterCount(),
                 std::int64_t(guided.config().attributeSlots) * (guided.config().visionWidth + 1));
    }

    // With ownModalitySlots the guided token attends only to the slots of the image's
    // modality; an image of unknown modality reads every slot, and a manifest from before
    // the key reads every slot too.
    void ownModalitySlotsKeepTheGuidedTokenInTheImagesModality() {
        ModelConfig config = ModelConfig::fromPreset("tiny").value();
        config.ownModalitySlots = true;
        QVERIFY(config.hasOwnModalitySlots());
        ModelConfig everySlot = config;
        everySlot.ownModalitySlots = false;
        QVERIFY(config.sameArchitecture(everySlot));  // no parameters of its own
        // The same seed: the same weights, read two ways.
        QualityModel own = QualityModel::create(config, testTokenizer()).take();
        QualityModel every = QualityModel::create(everySlot, testTokenizer()).take();
        std::vector<PerceptionQuery> q;
        for (Modality m : kClinicalModalities)
            for (PerceptionQuery one : queries(config.imageSize))
                if (!one.image.isPair()) {
                    one.image.modality = modalityKey(m);
                    q.push_back(one);
                }
        const auto ownAnswers = own.answer(q).take(), everyAnswers = every.answer(q).take();
        int outside = 0;
        for (std::size_t i = 0; i < q.size(); ++i) {
            const std::vector<int> owned = attributeSlotsOf(*modalityFromString(q[i].image.modality));
            const auto in = [&](int slot) { return std::find(owned.begin(), owned.end(), slot) != owned.end(); };
            QVERIFY2(in(ownAnswers[i].guidedSlot), qPrintable(QStringLiteral("%1: slot %2").arg(q[i].image.modality).arg(ownAnswers[i].guidedSlot)));
            outside += in(everyAnswers[i].guidedSlot) ? 0 : 1;
        }
        QVERIFY2(outside > 0, "reading every slot, the untrained guided token never left the image's modality");
        // The attribute token too: the answers differ once the modality is known...
        QVERIFY(ownAnswers[0].probabilities != everyAnswers[0].probabilities);
        // ...and not without it.
        const auto unknown = queries(config.imageSize);
        const auto ownUnknown = own.answer(unknown).take(), everyUnknown = every.answer(unknown).take();
        for (std::size_t i = 0; i < unknown.size(); ++i) QCOMPARE(ownUnknown[i].probabilities, everyUnknown[i].probabilities);
        checkOlderManifestLoads(config, {"ownModalitySlots"}, [](const ModelConfig& c) { QVERIFY(!c.hasOwnModalitySlots()); });
    }

    void checkpointBeforeTheImageBiasLoads() {
        // A manifest written before the key existed: guided token without the image bias.
        ModelConfig old = ModelConfig::fromPreset("tiny").value();
        old.guidedImageBias = false;
        checkOlderManifestLoads(old, {"guidedImageBias"}, [](const ModelConfig& c) {
            QVERIFY(c.hasGuidedToken());
            QVERIFY(!c.hasGuidedImageBias());
        });
    }

    void checkpointBeforeTheGuidedTokenLoads() {
        // A manifest written before the key existed: attribute head, no guided token.
        ModelConfig old = ModelConfig::fromPreset("tiny").value();
        old.questionGuidedToken = false;
        checkOlderManifestLoads(old, {"questionGuidedToken"}, [](const ModelConfig& c) {
            QVERIFY(!c.hasGuidedToken());
            QCOMPARE(c.attributeSlots, 48);
        });
    }

    // A checkpoint from before StructureMeasures (no "measureCount") reads the first 30 of
    // today's longer measure vectors and nothing after them.
    void aFirstGenerationMeasureCheckpointReadsItsThirty() {
        ModelConfig old = ModelConfig::fromPreset("tiny").value();
        old.sourceMeasures = true;
        QCOMPARE(old.measureCount, QualityMeasures::kCount);
        old.measureCount = QualityMeasures::kFirstGenerationCount;
        QVERIFY(!old.sameArchitecture([] { ModelConfig c = ModelConfig::fromPreset("tiny").value(); c.sourceMeasures = true; return c; }()));
        checkOlderManifestLoads(old, {"measureCount"}, [](const ModelConfig& c) { QCOMPARE(c.measureCount, QualityMeasures::kFirstGenerationCount); });
        QualityModel model = QualityModel::create(old, testTokenizer()).take();
        const auto withMeasures = [&](float first, float later) {
            auto q = queries(old.imageSize);
            std::vector<float> m(std::size_t(QualityMeasures::kCount), later);
            std::fill_n(m.begin(), QualityMeasures::kFirstGenerationCount, first);
            for (auto& one : q) {
                one.image.firstMeasures = m;
                if (one.image.isPair()) one.image.secondMeasures = m;
            }
            return model.answer(q).take()[1].probabilities;
        };
        QCOMPARE(withMeasures(1.0f, 3.0f), withMeasures(1.0f, -3.0f));
        QVERIFY(withMeasures(1.0f, 3.0f) != withMeasures(-1.0f, 3.0f));
    }

    // Measure dropout acts in training only: answers stay deterministic, and a manifest
    // from before it reads none.
    void measureDropoutIsATrainingOnlySetting() {
        ModelConfig config = ModelConfig::fromPreset("tiny").value();
        config.sourceMeasures = true;
        config.measureDropout = 1.0;
        QVERIFY(!config.validate());
        config.measureDropout = 0.5;
        QVERIFY(config.validate());
        checkOlderManifestLoads(config, {"measureDropout"}, [](const ModelConfig& c) { QCOMPARE(c.measureDropout, 0.0); });
        QualityModel model = QualityModel::create(config, testTokenizer()).take();
        auto q = queries(config.imageSize);
        for (auto& one : q) {
            one.image.firstMeasures.assign(QualityMeasures::kCount, 2.0f);
            if (one.image.isPair()) one.image.secondMeasures.assign(QualityMeasures::kCount, -2.0f);
        }
        QCOMPARE(model.answer(q).take()[1].probabilities, model.answer(q).take()[1].probabilities);
        QTemporaryDir tmp;
        QVERIFY(model.save(tmp.filePath("ckpt")).ok());
        QCOMPARE(QualityModel::load(tmp.filePath("ckpt")).value().config().measureDropout, 0.5);
    }

    void sourceMeasuresReachTheHeadAndTheAnswers() {
        ModelConfig config = ModelConfig::fromPreset("tiny").value();
        config.sourceMeasures = true;
        QCOMPARE(config.tokensPerImage(), ModelConfig::fromPreset("tiny").value().tokensPerImage() + 1);
        QVERIFY(!config.sameArchitecture(ModelConfig::fromPreset("tiny").value()));
        QualityModel model = QualityModel::create(config, testTokenizer()).take();
        auto plain = queries(config.imageSize);
        auto measured = plain;
        for (std::size_t i = 0; i < measured.size(); ++i) {
            measured[i].image.firstMeasures.assign(QualityMeasures::kCount, i % 2 ? 2.5f : -2.5f);
            if (measured[i].image.isPair()) measured[i].image.secondMeasures.assign(QualityMeasures::kCount, 1.0f);
        }
        AttributeReadings plainHead, measuredHead;
        const auto without = model.answer(plain, &plainHead);
        const auto with = model.answer(measured, &measuredHead);
        QVERIFY(without.ok() && with.ok());
        QVERIFY(with.value()[1].probabilities != without.value()[1].probabilities);
        QVERIFY(measuredHead[1] != plainHead[1]);
        // Without measures an image reads as its source's typical one: all zeros.
        auto zeros = plain;
        for (auto& q : zeros) q.image.firstMeasures.assign(QualityMeasures::kCount, 0.0f);
        QCOMPARE(model.answer(zeros).take()[1].probabilities, without.value()[1].probabilities);
        // Generation takes them too, and the measures survive a checkpoint round trip.
        QVERIFY(model.describe({measured[1].image, measured[4].image}, GenerationOptions{}).ok());
        // So does the training sources' measure reference.
        QVERIFY(model.measureReference().isEmpty());
        MeasureReference reference;
        reference.addSource("CT", {std::vector<float>(QualityMeasures::kCount, 1.0f), std::vector<float>(QualityMeasures::kCount, 2.0f)});
        reference.fit();
        model.setMeasureReference(reference);
        model.setPresenceThresholds({0.25, 0.5});
        QTemporaryDir tmp;
        QVERIFY(model.save(tmp.filePath("ckpt")).ok());
        auto loaded = QualityModel::load(tmp.filePath("ckpt"));
        QVERIFY(loaded.ok());
        QVERIFY(loaded.value().config().sourceMeasures);
        QCOMPARE(loaded.value().measureReference().toJson(), reference.toJson());
        QCOMPARE(loaded.value().presenceThresholds(), (std::vector<double>{0.25, 0.5}));
        // A threshold outside [0, 1] in the manifest is refused, naming the manifest.
        QFile manifest(tmp.filePath("ckpt/manifest.json"));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(manifest.readAll()).object();
        manifest.close();
        json.insert("presenceThresholds", QJsonArray{0.2, 1.5});
        QVERIFY(manifest.open(QIODevice::WriteOnly | QIODevice::Truncate));
        manifest.write(QJsonDocument(json).toJson());
        manifest.close();
        const auto refused = QualityModel::load(tmp.filePath("ckpt"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message().contains("manifest.json") && refused.error().message().contains("presence"),
                 qPrintable(refused.error().message()));
        QCOMPARE(loaded.value().answer(measured).take()[1].probabilities, with.value()[1].probabilities);
        // Retrieval embeddings do not depend on the measures.
        QCOMPARE(int(model.embed(images(config.imageSize)).take().front().size()), config.visionWidth);
    }

    void measureRoutesKeepThePixelsOutOfTheHeadOrEverything() {
        // Two different images with the same measures: which readings may tell them apart.
        const std::vector<std::vector<float>> measures(2, std::vector<float>(QualityMeasures::kCount, 1.5f));
        const auto headOf = [&](const QualityModel& m) { return m.attributeProbabilities(images(m.config().imageSize), &measures).take(); };
        const auto answersFor = [](const QualityModel& m, const std::vector<float>& pixels) {
            PerceptionQuery q{VisualInput{pixels, {}}, "Is there noise in this image?", {"Yes", "No"}};
            q.image.firstMeasures.assign(QualityMeasures::kCount, 1.5f);
            return m.answer({q}).take().front().probabilities;
        };
        ModelConfig config = ModelConfig::fromPreset("tiny").value();
        config.sourceMeasures = true;
        const QualityModel token = QualityModel::create(config, testTokenizer()).take();
        QVERIFY(headOf(token)[0] != headOf(token)[1]);

        config.measureRoute = ModelConfig::MeasureRoute::Head;
        QVERIFY(config.headReadsMeasuresOnly() && config.prefixHasPixels());
        QVERIFY(!config.sameArchitecture(token.config()));
        const QualityModel head = QualityModel::create(config, testTokenizer()).take();
        QCOMPARE(headOf(head)[0], headOf(head)[1]);
        const auto pixels = images(config.imageSize);
        QVERIFY(answersFor(head, pixels[0]) != answersFor(head, pixels[1]));  // the decoder still sees the pixels

        config.measureRoute = ModelConfig::MeasureRoute::Only;
        QCOMPARE(config.tokensPerImage(), 3);  // measure, attribute and guided tokens
        QVERIFY(!config.readsPixels() && head.config().readsPixels() && token.config().readsPixels());
        QualityModel only = QualityModel::create(config, testTokenizer()).take();
        QCOMPARE(answersFor(only, pixels[0]), answersFor(only, pixels[1]));
        // Nothing trained reads the pixel encoder, so answering skips it, and retrieval's
        // embeddings come from the measure token: the same measures give the same vector
        // whatever the pixels, other measures another one; without measures it is refused.
        QVERIFY(only.embedsMeasures() && !head.embedsMeasures() && !token.embedsMeasures());
        QVERIFY(!only.embed({pixels[0], pixels[1]}).ok());
        std::vector<std::vector<float>> mixed = measures;
        mixed.push_back(std::vector<float>(QualityMeasures::kCount, -1.0f));
        const auto embedded = only.embed({pixels[0], pixels[1], pixels[0]}, &mixed);
        QVERIFY(embedded.ok());
        QCOMPARE(int(embedded.value()[0].size()), only.embeddingDimension());
        QCOMPARE(embedded.value()[0], embedded.value()[1]);
        QVERIFY(embedded.value()[0] != embedded.value()[2]);
        double norm = 0;
        for (float x : embedded.value()[2]) norm += double(x) * x;
        QVERIFY(std::abs(norm - 1.0) < 1e-4);
        QVERIFY(!only.embed({pixels[0]}, &mixed).ok());  // one measure row per image
        // The pixel routes still embed pixels: the measures change nothing there.
        QVERIFY(head.embed({pixels[0], pixels[1]}).value()[0] != head.embed({pixels[0], pixels[1]}).value()[1]);
        QVERIFY(only.describe({VisualInput{pixels[0], {}}}, GenerationOptions{}).ok());
        QTemporaryDir tmp;
        QVERIFY(only.save(tmp.filePath("ckpt")).ok());
        const auto loaded = QualityModel::load(tmp.filePath("ckpt"));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().config().measureRoute, ModelConfig::MeasureRoute::Only);
        QCOMPARE(answersFor(loaded.value(), pixels[0]), answersFor(only, pixels[0]));

        // The words: one per route, anything else refused with the choices named.
        QVERIFY(ModelConfig::measureRouteNamed("head") == ModelConfig::MeasureRoute::Head);
        QVERIFY(!ModelConfig::measureRouteNamed("pixels"));
        QJsonObject json = config.toJson();
        QCOMPARE(json.value("measureRoute").toString(), QStringLiteral("only"));
        json.insert("measureRoute", "pixels");
        const auto refused = ModelConfig::fromJson(json);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message().contains("token, head, only"), qPrintable(refused.error().message()));
    }

    void checkpointBeforeMeasureRoutesLoads() {
        ModelConfig config = ModelConfig::fromPreset("tiny").value();
        config.sourceMeasures = true;
        checkOlderManifestLoads(config, {"measureRoute"}, [](const ModelConfig& c) {
            QVERIFY(c.sourceMeasures);
            QCOMPARE(c.measureRoute, ModelConfig::MeasureRoute::Token);
        });
    }

    void checkpointBeforeSourceMeasuresLoads() {
        checkOlderManifestLoads(ModelConfig::fromPreset("tiny").value(), {"sourceMeasures"},
                                [](const ModelConfig& c) { QVERIFY(!c.sourceMeasures); });
    }

    void missingFilesFailWithTheFileNamed() {
        QTemporaryDir tmp;
        auto none = QualityModel::load(tmp.filePath("nowhere"));
        QVERIFY(!none.ok());
        QCOMPARE(none.error().subject, tmp.filePath("nowhere"));
        const QString dir = tmp.filePath("ckpt");
        QVERIFY(tinyModel().save(dir).ok());
        QVERIFY(QFile::remove(QDir(dir).filePath("tokenizer.model")));
        auto noTokenizer = QualityModel::load(dir);
        QVERIFY(!noTokenizer.ok());
        QCOMPARE(noTokenizer.error().subject, QDir(dir).filePath("tokenizer.model"));
    }
};

QTEST_GUILESS_MAIN(QualityModelTest)
#include "tst_quality_model.moc"
