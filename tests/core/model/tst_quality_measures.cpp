// QualityMeasures respond to the degradations they are named after, and SourceStandardiser
// removes a source's offset while keeping the ranking within it.
#include "model/QualityMeasures.h"
#include "model/MeasureReference.h"
#include "model/SourceStandardiser.h"

#include <QJsonArray>

#include <QtTest>
#include <cmath>
#include <random>

using namespace medq;
using model::QualityMeasures;

namespace {

// A smooth 128 x 128 phantom-like grey image in [0, 1] (a bright disc with a soft ramp),
// with optional Gaussian noise, box blur or 8 x 8 block quantisation.
Image makeImage(double noise = 0, int blurRadius = 0, bool blocks = false, std::uint32_t seed = 1, double offset = 0) {
    Image image(128, 128);
    image.windows.push_back({QStringLiteral("unit"), 0.5, 1.0});
    std::mt19937 rng(seed);
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    std::vector<float> v(128 * 128);
    for (int y = 0; y < 128; ++y)
        for (int x = 0; x < 128; ++x) {
            const double r = std::hypot(x - 64.0, y - 60.0);
            v[std::size_t(y * 128 + x)] = float(0.15 + offset + (r < 40 ? 0.5 + 0.2 * std::sin(x / 7.0) * std::cos(y / 9.0) : 0.0));
        }
    if (blurRadius > 0) {
        std::vector<float> out(v.size());
        for (int y = 0; y < 128; ++y)
            for (int x = 0; x < 128; ++x) {
                float sum = 0;
                int n = 0;
                for (int dy = -blurRadius; dy <= blurRadius; ++dy)
                    for (int dx = -blurRadius; dx <= blurRadius; ++dx) {
                        const int xx = std::clamp(x + dx, 0, 127), yy = std::clamp(y + dy, 0, 127);
                        sum += v[std::size_t(yy * 128 + xx)];
                        ++n;
                    }
                out[std::size_t(y * 128 + x)] = sum / float(n);
            }
        v = out;
    }
    if (blocks)
        for (int by = 0; by < 128; by += 8)
            for (int bx = 0; bx < 128; bx += 8) {
                float mean = 0;
                for (int y = by; y < by + 8; ++y)
                    for (int x = bx; x < bx + 8; ++x) mean += v[std::size_t(y * 128 + x)] / 64;
                for (int y = by; y < by + 8; ++y)
                    for (int x = bx; x < bx + 8; ++x) v[std::size_t(y * 128 + x)] = mean;
            }
    for (int i = 0; i < 128 * 128; ++i) image.voxels[std::size_t(i)] = v[std::size_t(i)] + float(noise) * gauss(rng);
    return image;
}

float measure(const Image& image, const char* name) {
    const auto values = QualityMeasures::of(image);
    if (!values) return NAN;
    return values.value()[std::size_t(QualityMeasures::names().indexOf(QLatin1String(name)))];
}

}  // namespace

class QualityMeasuresTest : public QObject {
    Q_OBJECT
private slots:
    void namesMatchTheValues() {
        QCOMPARE(QualityMeasures::names().size(), QualityMeasures::kCount);
        QStringList names = QualityMeasures::names();
        QCOMPARE(names.removeDuplicates(), 0);
        const auto values = QualityMeasures::of(makeImage());
        QVERIFY(values);
        QCOMPARE(int(values.value().size()), QualityMeasures::kCount);
        for (float v : values.value()) QVERIFY(std::isfinite(v));
    }

    void noiseRaisesTheNoiseEstimate() {
        const float clean = measure(makeImage(0.0), "noise_haar_mad");
        const float mild = measure(makeImage(0.02), "noise_haar_mad");
        const float strong = measure(makeImage(0.08), "noise_haar_mad");
        QVERIFY2(clean < mild && mild < strong, qPrintable(QStringLiteral("%1 %2 %3").arg(clean).arg(mild).arg(strong)));
        // log10 of sigma: 0.08 noise reads near log10(0.08) ~ -1.1.
        QVERIFY(std::abs(strong - std::log10(0.08f)) < 0.15f);
    }

    void blurLowersSharpness() {
        QVERIFY(measure(makeImage(0, 2), "gradient_p99") < measure(makeImage(0, 0), "gradient_p99"));
        QVERIFY(measure(makeImage(0, 2), "laplacian_variance") < measure(makeImage(0, 0), "laplacian_variance"));
    }

    void blockQuantisationRaisesBlockiness() {
        QVERIFY(measure(makeImage(0, 0, true), "blockiness_8x8") > measure(makeImage(0, 0, false), "blockiness_8x8") + 1.0f);
    }

    void greyImagesHaveNoColourSaturation() {
        QCOMPARE(measure(makeImage(), "colour_saturation"), 0.0f);
        Image rgb(32, 32, 1, 3);
        for (int y = 0; y < 32; ++y)
            for (int x = 0; x < 32; ++x) {
                rgb.at(x, y, 0, 0) = 200;
                rgb.at(x, y, 0, 1) = 50;
                rgb.at(x, y, 0, 2) = 50;
            }
        QVERIFY(measure(rgb, "colour_saturation") > 0.7f);
    }

    // StructureMeasures: each rises with the structure it is named after, against the same
    // image without it.
    void structureMeasuresRespondToWhatTheyAreNamedAfter() {
        const Image base = makeImage(0.01);
        const auto at = [](Image& im, int x, int y) -> float& { return im.voxels[std::size_t(y * 128 + x)]; };
        Image folded = base;  // aliasing: a faint copy half the field away
        for (int y = 0; y < 128; ++y)
            for (int x = 0; x < 128; ++x) at(folded, x, y) += 0.4f * base.voxels[std::size_t(((y + 64) % 128) * 128 + x)];
        QVERIFY(measure(folded, "periodic_replication") > measure(base, "periodic_replication") + 0.1f);
        Image rings = base;  // fine concentric rings about the centre
        for (int y = 0; y < 128; ++y)
            for (int x = 0; x < 128; ++x) at(rings, x, y) += 0.05f * float(std::sin(std::hypot(x - 63.5, y - 63.5) * 1.6));
        QVERIFY(measure(rings, "ring_energy") > measure(base, "ring_energy") + 0.5f);
        Image smeared = base;  // motion along x
        for (int y = 0; y < 128; ++y)
            for (int x = 0; x < 128; ++x) {
                float sum = 0;
                for (int d = -4; d <= 4; ++d) sum += base.voxels[std::size_t(y * 128 + std::clamp(x + d, 0, 127))];
                at(smeared, x, y) = sum / 9;
            }
        QVERIFY(measure(smeared, "gradient_anisotropy") > measure(base, "gradient_anisotropy") + 0.5f);
        Image tilted = base;  // a bias field from left to right
        for (int y = 0; y < 128; ++y)
            for (int x = 0; x < 128; ++x) at(tilted, x, y) *= 0.6f + 0.8f * float(x) / 127;
        QVERIFY(measure(tilted, "illumination_tilt") > measure(base, "illumination_tilt") + 0.2f);
        Image spotted = base;  // dark spots
        for (int k = 0; k < 12; ++k)
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) at(spotted, 40 + (k % 4) * 14 + dx, 40 + (k / 4) * 14 + dy) -= 0.4f;
        QVERIFY(measure(spotted, "blob_share") > measure(base, "blob_share"));
        // Colour: a red cast moves the red chromaticity; grey images read a neutral third.
        QCOMPARE(measure(base, "chroma_red"), 1.0f / 3);
        Image reddish(32, 32, 1, 3);
        for (int y = 0; y < 32; ++y)
            for (int x = 0; x < 32; ++x) reddish.at(x, y, 0, 0) = 200, reddish.at(x, y, 0, 1) = 120, reddish.at(x, y, 0, 2) = 120;
        QVERIFY(measure(reddish, "chroma_red") > 0.4f);
        QCOMPARE(measure(reddish, "chroma_outliers"), 0.0f);
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 6; ++x) reddish.at(x, y, 0, 0) = 20, reddish.at(x, y, 0, 2) = 200;  // blue ink
        QVERIFY(measure(reddish, "chroma_outliers") > 0.02f);
    }

    // A checkpoint of the first generation keeps its 30-wide reference: it standardises the
    // measures it knows and leaves the later ones zero.
    void anEarlierReferenceStandardisesTheMeasuresItKnows() {
        model::MeasureReference reference;
        const int first = QualityMeasures::kFirstGenerationCount;
        reference.addSource(QStringLiteral("CT"), {std::vector<float>(std::size_t(first), 1.0f), std::vector<float>(std::size_t(first), 2.0f)});
        reference.fit();
        const auto out = reference.standardise(QStringLiteral("CT"), std::vector<float>(std::size_t(QualityMeasures::kCount), 3.0f));
        QCOMPARE(int(out.size()), QualityMeasures::kCount);
        QCOMPARE(out[0], 1.0f);
        QCOMPARE(out[std::size_t(first - 1)], 1.0f);
        QCOMPARE(out[std::size_t(first)], 0.0f);
        QVERIFY(reference.standardise(QStringLiteral("CT"), std::vector<float>(std::size_t(first - 1), 3.0f)) ==
                std::vector<float>(std::size_t(first - 1), 0.0f));
    }

    void rejectsEmptyAndOddChannelImages() {
        QVERIFY(!QualityMeasures::of(Image()));
        QVERIFY(!QualityMeasures::of(Image(8, 8, 1, 2)));
    }

    void largeImagesAreMeasuredDownscaled() {
        Image big(2048, 1024);
        big.windows.push_back({QStringLiteral("unit"), 0.5, 1.0});
        for (std::size_t i = 0; i < big.voxels.size(); ++i) big.voxels[i] = float(i % 2048) / 2048.0f;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(QualityMeasures::of(big));
        QVERIFY2(timer.elapsed() < 5000, "measuring a 2048 x 1024 image took over 5 s");
    }

    // Two sources whose noise differs by a constant offset in level (two scanners): after
    // standardisation within each, their noisiest images read alike and above their cleanest.
    void standardisingRemovesTheSourceOffset() {
        model::SourceStandardiser s;
        const int noise = QualityMeasures::names().indexOf(QStringLiteral("noise_haar_mad"));
        std::vector<std::vector<float>> a, b;
        for (int i = 0; i < 8; ++i) {
            a.push_back(QualityMeasures::of(makeImage(0.005 + 0.005 * i, 0, false, std::uint32_t(i))).take());
            b.push_back(QualityMeasures::of(makeImage(2.5 * (0.005 + 0.005 * i), 0, false, std::uint32_t(100 + i), 0.1)).take());
            s.add(QStringLiteral("ct/a"), a.back());
            s.add(QStringLiteral("ct/b"), b.back());
        }
        s.fit();
        const auto rawGap = b[7][std::size_t(noise)] - a[7][std::size_t(noise)];
        const auto stdA = s.standardise(QStringLiteral("ct/a"), a[7]);
        const auto stdB = s.standardise(QStringLiteral("ct/b"), b[7]);
        QVERIFY(rawGap > 0.3f);
        QVERIFY2(std::abs(stdA[std::size_t(noise)] - stdB[std::size_t(noise)]) < 1.0f,
                 qPrintable(QStringLiteral("%1 against %2").arg(stdA[std::size_t(noise)]).arg(stdB[std::size_t(noise)])));
        QVERIFY(stdA[std::size_t(noise)] > s.standardise(QStringLiteral("ct/a"), a[0])[std::size_t(noise)]);
        for (float v : stdA) QVERIFY(std::abs(v) <= model::SourceStandardiser::kClip);
    }

    void smallOrUnknownSourcesStandardiseToZeros() {
        model::SourceStandardiser s;
        const auto m = QualityMeasures::of(makeImage(0.02)).take();
        for (int i = 0; i < model::SourceStandardiser::kMinImages - 1; ++i) s.add(QStringLiteral("mri/few"), m);
        s.fit();
        QCOMPARE(s.standardise(QStringLiteral("mri/few"), m), std::vector<float>(m.size(), 0.0f));
        QCOMPARE(s.standardise(QStringLiteral("never/seen"), m), std::vector<float>(m.size(), 0.0f));
        QCOMPARE(s.imagesOf(QStringLiteral("mri/few")), model::SourceStandardiser::kMinImages - 1);
        QVERIFY(s.fitOf(QStringLiteral("mri/few")) == nullptr);
    }

    // The reference of a modality is the median over its sources of each source's median and
    // spread: an image of a new source measured alone reads against the typical source.
    void theReferenceIsTheTypicalSourceOfEachModality() {
        model::MeasureReference reference;
        reference.addSource("CT", {{1.0f, 10.0f}, {0.5f, 2.0f}});
        reference.addSource("CT", {{2.0f, 30.0f}, {1.0f, 4.0f}});
        reference.addSource("CT", {{9.0f, 20.0f}, {2.0f, 3.0f}});
        reference.addSource("MRI", {{0.0f, 0.0f}, {1.0f, 1.0f}});
        reference.addSource("", {{5.0f, 5.0f}, {1.0f, 1.0f}});     // no modality: ignored
        reference.addSource("CT", {{5.0f}, {1.0f}});                // another width: ignored
        reference.fit();
        QVERIFY(reference.has("CT") && reference.has("MRI") && !reference.has("Fundus"));
        // CT: medians 2 and 20, spreads 1 and 3.
        const auto ct = reference.standardise("CT", {4.0f, 20.0f});
        QCOMPARE(ct, (std::vector<float>{2.0f, 0.0f}));
        QCOMPARE(reference.standardise("CT", {1000.0f, -1000.0f}),
                 (std::vector<float>{model::SourceStandardiser::kClip, -model::SourceStandardiser::kClip}));
        QCOMPARE(reference.standardise("Fundus", {4.0f, 20.0f}), (std::vector<float>{0.0f, 0.0f}));
        QCOMPARE(reference.standardise("CT", {4.0f}), (std::vector<float>{0.0f}));  // wrong width: zeros
        // JSON round trip; malformed entries are skipped, the rest kept.
        QJsonObject json = reference.toJson();
        QCOMPARE(json.value("CT").toObject().value("sources").toInt(), 3);
        json.insert("Endoscopy", QJsonObject{{"median", QJsonArray{1.0}}, {"spread", QJsonArray{0.0}}});
        json.insert("Fundus", QJsonObject{{"median", QJsonArray{1.0, 2.0}}, {"spread", QJsonArray{1.0}}});
        const auto back = model::MeasureReference::fromJson(json);
        QVERIFY(back.has("CT") && back.has("MRI") && !back.has("Endoscopy") && !back.has("Fundus"));
        QCOMPARE(back.standardise("CT", {4.0f, 20.0f}), ct);
        QVERIFY(model::MeasureReference::fromJson({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(QualityMeasuresTest)
#include "tst_quality_measures.moc"
