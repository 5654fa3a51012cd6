// Model inputs without torch: config JSON and validation, image preprocessing, entropy, the
// tokens that decoding blocks so a description never loops.
#include "model/Entropy.h"
#include "model/ImagePreprocessor.h"
#include "model/LoraConfig.h"
#include "model/ModelConfig.h"
#include "model/Pixels.h"
#include "model/RepeatedNgrams.h"

#include <QtTest>
#include <cmath>

using namespace medq;
using namespace medq::model;

class ModelInputsTest : public QObject {
    Q_OBJECT
private slots:
    // Copies share one buffer; writing through edit() leaves the other copies as they were.
    void pixelsAreSharedUntilEdited() {
        const Pixels original{0.1f, 0.2f, 0.3f};
        Pixels copy = original;
        QVERIFY(copy.sharesBufferWith(original));
        QCOMPARE(copy.data(), original.data());
        copy.edit()[1] = 0.9f;
        QVERIFY(!copy.sharesBufferWith(original));
        QCOMPARE(original[1], 0.2f);
        QCOMPARE(copy[1], 0.9f);
        QVERIFY(original < copy && original != copy);
        QVERIFY(Pixels(std::vector<float>{0.1f, 0.2f, 0.3f}) == original);  // equal values, two buffers
        const Pixels none;
        QVERIFY(none.empty() && none.values().empty() && !none.sharesBufferWith(Pixels()));
        Pixels grown;
        grown.edit().assign(4, 1.0f);
        QCOMPARE(grown.size(), std::size_t(4));
    }

    void presetsAreValidAndOrderedBySize() {
        for (const QString& name : ModelConfig::presetNames()) {
            auto c = ModelConfig::fromPreset(name);
            QVERIFY2(c.ok(), qPrintable(name));
            QVERIFY2(c.value().validate().ok(), qPrintable(name));
            QCOMPARE(c.value().presetName, name);
        }
        const auto tiny = ModelConfig::fromPreset("tiny").value();
        const auto base = ModelConfig::fromPreset("base").value();
        QVERIFY(tiny.lmWidth < ModelConfig().lmWidth && ModelConfig().lmWidth < base.lmWidth);
        QVERIFY(!ModelConfig::fromPreset("huge").ok());
    }

    void configJsonRoundTrips() {
        ModelConfig c = ModelConfig::fromPreset("tiny").value();
        c.seed = 987654321;
        c.dropout = 0.25;
        c.tieEmbeddings = false;
        auto back = ModelConfig::fromJson(c.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back.value().toJson(), c.toJson());
        QVERIFY(back.value().sameArchitecture(c));
        QCOMPARE(back.value().seed, c.seed);
        ModelConfig wider = c;
        wider.lmWidth = 128;
        QVERIFY(!wider.sameArchitecture(c));
    }

    void configRejectsInvalidShapes_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("value");
        QTest::newRow("patch does not divide image") << "patchSize" << 7;
        QTest::newRow("odd rotary head size") << "lmWidth" << 66;  // 66 / 2 heads = 33
        QTest::newRow("vision heads") << "visionWidth" << 47;
        QTest::newRow("no layers") << "lmLayers" << 0;
    }
    void configRejectsInvalidShapes() {
        QFETCH(QString, field);
        QFETCH(int, value);
        QJsonObject json = ModelConfig::fromPreset("tiny").value().toJson();
        json.insert(field, value);
        QVERIFY(!ModelConfig::fromJson(json).ok());
        json.insert(field, QStringLiteral("wide"));
        auto wrongType = ModelConfig::fromJson(json);
        QVERIFY(!wrongType.ok());
    }

    void loraConfigValidatesTargets() {
        LoraConfig lora;
        lora.targets = {"q", "fc2"};
        QVERIFY(lora.validate().ok());
        QCOMPARE(LoraConfig::fromJson(lora.toJson()).value().targets, lora.targets);
        lora.targets = {"attention"};
        QVERIFY(!lora.validate().ok());
        QCOMPARE(lora.validate().error().subject, QStringLiteral("attention"));
    }

    void greyIsWindowedAndReplicated() {
        Image image(4, 4);
        image.windows.push_back({"w", 100, 200});  // [0, 200] -> [0, 1]
        for (int i = 0; i < 16; ++i) image.voxels[std::size_t(i)] = float(i < 8 ? 0 : 200);
        image.voxels[5] = 100;
        auto out = ImagePreprocessor(4).process(image);
        QVERIFY(out.ok());
        const auto& v = out.value();
        QCOMPARE(int(v.size()), 3 * 16);
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(v[std::size_t(c * 16 + 0)], 0.0f);
            QCOMPARE(v[std::size_t(c * 16 + 5)], 0.5f);
            QCOMPARE(v[std::size_t(c * 16 + 15)], 1.0f);
        }
    }

    void volumeUsesMiddleSlice() {
        Image image(2, 2, 5);
        image.windows.push_back({"w", 0.5, 1.0});
        for (int z = 0; z < 5; ++z)
            for (int i = 0; i < 4; ++i) image.voxels[std::size_t(z * 4 + i)] = z == 2 ? 1.0f : 0.0f;
        const auto v = ImagePreprocessor(2).process(image).take();
        for (float x : v) QCOMPARE(x, 1.0f);
    }

    void rgbIsScaledPerChannel() {
        Image image(2, 2, 1, 3);
        for (int i = 0; i < 4; ++i) {
            image.voxels[std::size_t(i * 3 + 0)] = 255;
            image.voxels[std::size_t(i * 3 + 1)] = 51;
            image.voxels[std::size_t(i * 3 + 2)] = 0;
        }
        const auto v = ImagePreprocessor(2).process(image).take();
        QCOMPARE(v[0], 1.0f);
        QCOMPARE(v[4], 0.2f);
        QCOMPARE(v[8], 0.0f);
    }

    void wideImageIsLetterboxedKeepingAspect() {
        Image image(8, 4);  // 2:1 -> 8 x 4 content inside 8 x 8, rows 2..5
        image.windows.push_back({"w", 0.5, 1.0});
        std::fill(image.voxels.begin(), image.voxels.end(), 1.0f);
        const auto v = ImagePreprocessor(8).process(image).take();
        for (int y = 0; y < 8; ++y) {
            const float expected = (y >= 2 && y < 6) ? 1.0f : 0.0f;
            for (int x = 0; x < 8; ++x) QCOMPARE(v[std::size_t(y * 8 + x)], expected);
        }
        // Anisotropic pixels: 4 x 4 pixels of 2 mm x 1 mm are physically 2:1 as well.
        Image tall(4, 4);
        tall.geometry.spacing = {2.0, 1.0, 1.0};
        tall.windows.push_back({"w", 0.5, 1.0});
        std::fill(tall.voxels.begin(), tall.voxels.end(), 1.0f);
        const auto t = ImagePreprocessor(8).process(tall).take();
        QCOMPARE(t[std::size_t(0 * 8 + 4)], 0.0f);
        QCOMPARE(t[std::size_t(3 * 8 + 4)], 1.0f);
    }

    void bilinearDownsamplingInterpolates() {
        Image ramp(4, 1);
        ramp.windows.push_back({"w", 1.5, 3.0});  // [0, 3] -> [0, 1]
        for (int x = 0; x < 4; ++x) ramp.at(x, 0) = float(x);
        // 4 x 1 fits 2 wide and 1 (rounded from 0.5) tall; samples at source x = 0.5 and 2.5.
        const auto v = ImagePreprocessor(2).process(ramp).take();
        QCOMPARE(v[0], 0.5f / 3.0f);
        QCOMPARE(v[1], 2.5f / 3.0f);
    }

    void rejectsEmptyAndOddChannelImages() {
        QVERIFY(!ImagePreprocessor(8).process(Image()).ok());
        Image two(2, 2, 1, 2);
        QVERIFY(!ImagePreprocessor(8).process(two).ok());
    }

    void entropyOfUniformOptionsIsLnK() {
        for (int k = 2; k <= 4; ++k) {
            const auto p = softmax(std::vector<double>(std::size_t(k), 3.7));
            for (double x : p) QVERIFY(std::abs(x - 1.0 / k) < 1e-12);
            QVERIFY(std::abs(entropyNats(p) - std::log(double(k))) < 1e-12);
        }
        QCOMPARE(entropyNats({1.0, 0.0, 0.0}), 0.0);
        const auto stable = softmax({1000.0, 0.0});  // no overflow
        QVERIFY(std::abs(stable[0] - 1.0) < 1e-12);
    }

    void decodingBlocksRepeatedTrigramsAndImmediateRepeats() {
        using V = std::vector<int>;
        QCOMPARE(repeatingNgramTokens({}, 3), V{});
        QCOMPARE(repeatingNgramTokens({7}, 3), V{7});          // no token twice in a row
        QCOMPARE(repeatingNgramTokens({5, 6, 7, 5}, 3), V{5});  // 5 6 seen once, followed by 7 only after "5 6"
        QCOMPARE(repeatingNgramTokens({5, 6, 7, 5, 6}, 3), (V{6, 7}));  // "5 6 7" again, or "6 6"
        // "the image shows X . the image" -> "shows" would repeat "the image shows".
        QCOMPARE(repeatingNgramTokens({1, 2, 3, 9, 4, 1, 2}, 3), (V{2, 3}));
        QCOMPARE(repeatingNgramTokens({4, 4, 4}, 3), V{4});
        QCOMPARE(repeatingNgramTokens({5, 6, 7, 5, 6}, 0), V{});  // off
        QCOMPARE(repeatingNgramTokens({5, 6, 5, 6}, 2), (V{5, 6}));  // bigrams: 6->5 seen, and 6 itself
    }
};

QTEST_GUILESS_MAIN(ModelInputsTest)
#include "tst_model_inputs.moc"
