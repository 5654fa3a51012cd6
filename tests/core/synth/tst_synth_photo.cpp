// Photographic degradations (endoscopy, histopathology, fundus) on phantoms and on real
// scikit-image samples: ihc.png (immunohistochemistry tile) and retina.jpg (fundus photograph).
#include "SynthTestSupport.h"

#include "synth/FundusDegradations.h"
#include "synth/HistopathologyDegradations.h"
#include "synth/Phantoms.h"

#include <QtTest>
#include <cmath>
#include <functional>

using namespace medq;
using namespace medq::synth;
using namespace medq::synth::test;

Q_DECLARE_METATYPE(medq::Modality)

namespace {

Image base(Modality m, const QString& source) {
    if (source == QLatin1String("phantom")) return Phantoms::make(m, 256, 3);
    return loadSample(source, m, false, 256);
}

// Mean |difference| across 8-pixel block borders minus inside blocks: JPEG blocking.
double blockiness(const Image& image) {
    const auto lum = luminance(image);
    double border = 0, inner = 0;
    int nb = 0, ni = 0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 1; x < image.width; ++x) {
            const double d = std::fabs(lum[std::size_t(y) * image.width + x] - lum[std::size_t(y) * image.width + x - 1]);
            if (x % 8 == 0) border += d, ++nb;
            else inner += d, ++ni;
        }
    return border / nb - inner / ni;
}

double saturatedFraction(const Image& image) {
    int n = 0;
    for (std::size_t i = 0; i < image.pixelsPerSlice(); ++i)
        n += image.voxels[3 * i] > 245 && image.voxels[3 * i + 1] > 245 && image.voxels[3 * i + 2] > 240;
    return double(n) / double(image.pixelsPerSlice());
}

// Distance between mean chromaticities (r, g of r+g+b): a colour shift independent of brightness.
double chromaticityShift(const Image& a, const Image& b) {
    const auto ca = meanColour(a), cb = meanColour(b);
    const double sa = ca[0] + ca[1] + ca[2], sb = cb[0] + cb[1] + cb[2];
    return std::hypot(ca[0] / sa - cb[0] / sb, ca[1] / sa - cb[1] / sb);
}

}  // namespace

class PhotoDegradationTest : public QObject {
    Q_OBJECT
private:
    // A measurement that must move one way as severity rises, starting from the clean image.
    void checkMonotonic(const Image& clean, const QString& key, const std::function<double(const Image&)>& measure,
                        bool increasing, double minimumStep) {
        double previous = measure(clean);
        for (Severity s : kPresentSeverities) {
            const Image out = degraded(clean, key, s);
            QVERIFY2(!out.isEmpty(), qPrintable(key));
            const double value = measure(out);
            const double step = increasing ? value - previous : previous - value;
            QVERIFY2(step > minimumStep, qPrintable(QStringLiteral("%1 %2: %3 -> %4")
                                                        .arg(key, severityKey(s)).arg(previous).arg(value)));
            previous = value;
        }
    }

private slots:
    void blurLowersFineDetail_data() {
        QTest::addColumn<Modality>("modality");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("key");
        QTest::newRow("endoscopy defocus") << Modality::Endoscopy << "phantom" << "blur";
        QTest::newRow("endoscopy motion") << Modality::Endoscopy << "phantom" << "motion_blur";
        QTest::newRow("ihc out of focus") << Modality::Histopathology << "ihc.png" << "out_of_focus";
        QTest::newRow("retina defocus") << Modality::Fundus << "retina.jpg" << "blur";
        QTest::newRow("retina haze") << Modality::Fundus << "retina.jpg" << "haze";
    }
    void blurLowersFineDetail() {
        QFETCH(Modality, modality);
        QFETCH(QString, source);
        QFETCH(QString, key);
        const Image clean = base(modality, source);
        QVERIFY(!clean.isEmpty());
        // The central half: inside the camera field of endoscopes and fundus cameras, whose
        // sharp black rim is not part of the scene being blurred.
        const QRect centre(clean.width / 4, clean.height / 4, clean.width / 2, clean.height / 2);
        double previous = highFrequencyEnergy(clean, centre);
        for (Severity s : kPresentSeverities) {
            const double energy = highFrequencyEnergy(degraded(clean, key, s), centre);
            QVERIFY2(energy < 0.85 * previous, qPrintable(QStringLiteral("%1 -> %2").arg(previous).arg(energy)));
            previous = energy;
        }
    }

    void exposureMovesBrightnessTheRightWay_data() {
        QTest::addColumn<Modality>("modality");
        QTest::addColumn<QString>("source");
        QTest::newRow("endoscopy phantom") << Modality::Endoscopy << "phantom";
        QTest::newRow("retina.jpg") << Modality::Fundus << "retina.jpg";
    }
    void exposureMovesBrightnessTheRightWay() {
        QFETCH(Modality, modality);
        QFETCH(QString, source);
        const Image clean = base(modality, source);
        checkMonotonic(clean, QStringLiteral("over_exposure"), [](const Image& i) { return mean(i); }, true, 3.0);
        checkMonotonic(clean, QStringLiteral("under_exposure"), [](const Image& i) { return mean(i); }, false, 3.0);
    }

    void noiseAndContrast() {
        const Image clean = base(Modality::Endoscopy, QStringLiteral("phantom"));
        checkMonotonic(clean, QStringLiteral("noise"), [](const Image& i) { return laplacianNoise(i); }, true, 1.0);
        checkMonotonic(clean, QStringLiteral("low_contrast"), [](const Image& i) { return standardDeviation(i); }, false, 1.0);
        checkMonotonic(clean, QStringLiteral("colour_cast"), [&](const Image& i) { return chromaticityShift(i, clean); },
                       true, 0.003);
    }

    void overlaysAppearAndGrow() {
        const Image endoscopy = base(Modality::Endoscopy, QStringLiteral("phantom"));
        checkMonotonic(endoscopy, QStringLiteral("specular_highlights"), saturatedFraction, true, 1e-4);
        checkMonotonic(endoscopy, QStringLiteral("bubbles"),
                       [&](const Image& i) { return meanAbsoluteDifference(i, endoscopy); }, true, 0.05);
    }

    void stainVariationShiftsColourOnARealTile() {
        const Image ihc = base(Modality::Histopathology, QStringLiteral("ihc.png"));
        QVERIFY(!ihc.isEmpty());
        checkMonotonic(ihc, QStringLiteral("stain_variation"),
                       [&](const Image& i) {
                           const auto a = meanColour(i), b = meanColour(ihc);
                           return std::sqrt(std::pow(a[0] - b[0], 2) + std::pow(a[1] - b[1], 2) + std::pow(a[2] - b[2], 2));
                       },
                       true, 1.0);
        // Mild stays subtle on a real tile: a few grey levels of mean colour change at most.
        const auto mild = meanColour(degraded(ihc, QStringLiteral("stain_variation"), Severity::Mild));
        const auto clean = meanColour(ihc);
        const double mildShift = std::hypot(mild[0] - clean[0], mild[1] - clean[1], mild[2] - clean[2]);
        QVERIFY2(mildShift < 8.0, qPrintable(QString::number(mildShift)));
        // Colour deconvolution round trip is exact on every real pixel when nothing is jittered.
        for (std::size_t p = 0; p < ihc.pixelsPerSlice(); ++p) {
            float back[3];
            HistopathologyDegradations::fromHed(HistopathologyDegradations::toHed(ihc.voxels.data() + 3 * p), back);
            for (int c = 0; c < 3; ++c) QVERIFY(std::fabs(ihc.voxels[3 * p + std::size_t(c)] - back[c]) < 0.05f);
        }
    }

    void histopathologyArtefactsDarkenTissue_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("phantom") << "phantom";
        QTest::newRow("ihc.png") << "ihc.png";
    }
    void histopathologyArtefactsDarkenTissue() {
        QFETCH(QString, source);
        const Image tile = base(Modality::Histopathology, source);
        // A fold doubles the section (more stain), ink absorbs light: both lower the mean brightness.
        checkMonotonic(tile, QStringLiteral("tissue_fold"), [](const Image& i) { return mean(i); }, false, 0.2);
        checkMonotonic(tile, QStringLiteral("pen_marks"), [](const Image& i) { return mean(i); }, false, 0.2);
        checkMonotonic(tile, QStringLiteral("compression"), blockiness, true, 0.02);
    }

    void fundusArtefactsStayInsideTheField() {
        const Image retina = base(Modality::Fundus, QStringLiteral("retina.jpg"));
        QVERIFY(!retina.isEmpty());
        const auto field = FundusDegradations::fieldMask(retina);
        for (const char* key : {"uneven_illumination", "haze", "eyelash_edge", "spots"}) {
            const Image out = degraded(retina, QString::fromLatin1(key), Severity::Severe);
            double outside = 0;
            int n = 0;
            for (std::size_t i = 0; i < field.size(); ++i)
                if (field[i] == 0.0f) outside += std::fabs(out.voxels[3 * i] - retina.voxels[3 * i]), ++n;
            QVERIFY(n > 1000);
            QVERIFY2(outside / n < 0.5, key);  // the black surround is untouched
        }
    }

    void fundusShadowsDarkenAndUnevenLightSpreads() {
        const Image retina = base(Modality::Fundus, QStringLiteral("retina.jpg"));
        checkMonotonic(retina, QStringLiteral("eyelash_edge"), [](const Image& i) { return mean(i); }, false, 0.1);
        checkMonotonic(retina, QStringLiteral("spots"), [](const Image& i) { return mean(i); }, false, 0.05);
        const auto field = FundusDegradations::fieldMask(retina);
        // Uneven illumination: the spread of the brightness ratio over the field grows.
        checkMonotonic(retina, QStringLiteral("uneven_illumination"),
                       [&](const Image& i) {
                           const auto a = luminance(i), b = luminance(retina);
                           double s = 0, s2 = 0, n = 0;
                           for (std::size_t k = 0; k < a.size(); ++k)
                               if (field[k] > 0.99f && b[k] > 20) {
                                   const double r = a[k] / b[k];
                                   s += r, s2 += r * r, n += 1;
                               }
                           return std::sqrt(s2 / n - (s / n) * (s / n));
                       },
                       true, 0.03);
    }
};

QTEST_GUILESS_MAIN(PhotoDegradationTest)
#include "tst_synth_photo.moc"
