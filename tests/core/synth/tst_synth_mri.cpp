// MRI degradations change images the way the physics says: measured on phantoms and on a real
// photograph (scikit-image camera.png) used as a grey MRI base.
#include "SynthTestSupport.h"

#include "synth/Fft.h"
#include "synth/ImageFilters.h"
#include "synth/Phantoms.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace medq;
using namespace medq::synth;
using namespace medq::synth::test;

class MriDegradationTest : public QObject {
    Q_OBJECT
private slots:
    void noiseGrowsWithSeverity_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("phantom") << QStringLiteral("phantom");
        QTest::newRow("camera.png") << QStringLiteral("camera.png");
    }
    void noiseGrowsWithSeverity() {
        QFETCH(QString, source);
        const Image base = source == QLatin1String("phantom") ? Phantoms::mriHead(256, 0)
                                                              : loadSample(source, Modality::MRI, true, 256);
        QVERIFY(!base.isEmpty());
        double previous = laplacianNoise(base);
        for (Severity s : kPresentSeverities) {
            const double noise = laplacianNoise(degraded(base, QStringLiteral("noise"), s));
            QVERIFY2(noise > previous * 1.3, qPrintable(QStringLiteral("%1 -> %2").arg(previous).arg(noise)));
            previous = noise;
        }
    }

    void ricianNoiseLiftsTheBackground() {
        // Magnitude images: noise in air has a positive (Rayleigh) mean, not zero.
        const Image base = Phantoms::mriHead(128, 0);
        const Image noisy = degraded(base, QStringLiteral("noise"), Severity::Moderate);
        const QRect air(0, 0, 10, 10);
        QCOMPARE(mean(base, air), 0.0);
        QVERIFY(mean(noisy, air) > 10.0);
    }

    void ghostingRepeatsAlongThePhaseAxisOnly() {
        // Object in the centre; phase encoding is along y, so ghosts land above and below it
        // (within its columns) and never beside it.
        const Image base = diskPhantom(256, 128, 128, 60, Modality::MRI);
        const QRect phaseBand(108, 2, 40, 56), readoutBand(2, 108, 56, 40);
        double previous = 0;
        for (Severity s : kPresentSeverities) {
            const Image ghosted = degraded(base, QStringLiteral("motion_ghosting"), s);
            const double alongPhase = meanAbsoluteDifference(ghosted, base, phaseBand);
            const double alongReadout = meanAbsoluteDifference(ghosted, base, readoutBand);
            QVERIFY2(alongPhase > 10 * alongReadout + 0.5,
                     qPrintable(QStringLiteral("phase %1 readout %2").arg(alongPhase).arg(alongReadout)));
            QVERIFY(alongPhase > previous);
            previous = alongPhase;
        }
    }

    void gibbsRingsNextToEdges() {
        // A bright square: truncation makes the plateau next to the edge oscillate (overshoot),
        // more and further out as the k-space radius shrinks.
        Image base(128, 128);
        base.modality = Modality::MRI;
        for (int y = 32; y < 96; ++y)
            for (int x = 32; x < 96; ++x) base.at(x, y) = 1000.0f;
        double previous = 0;
        for (Severity s : kPresentSeverities) {
            const Image ringing = degraded(base, QStringLiteral("gibbs_ringing"), s);
            const QRect insideNearEdge(36, 50, 10, 28);  // 4-14 px inside the left edge
            const double ripple = meanAbsoluteDifference(ringing, base, insideNearEdge);
            double overshoot = 0;
            for (int x = 32; x < 64; ++x) overshoot = std::max(overshoot, double(ringing.at(x, 64)));
            QVERIFY2(overshoot > 1040.0, qPrintable(QString::number(overshoot)));  // > 4 % above the plateau
            QVERIFY2(ripple > previous, qPrintable(QStringLiteral("%1 -> %2").arg(previous).arg(ripple)));
            previous = ripple;
        }
    }

    void aliasingFoldsACopyHalfAFieldAway() {
        // Object in the upper half: the folded copy appears N/2 further down, in empty space.
        const Image base = diskPhantom(256, 128, 64, 40, Modality::MRI);
        const QRect foldRegion(98, 170, 60, 44), besideRegion(8, 44, 40, 40);
        double previous = 0;
        for (Severity s : kPresentSeverities) {
            const Image aliased = degraded(base, QStringLiteral("aliasing"), s);
            const double folded = meanAbsoluteDifference(aliased, base, foldRegion);
            QVERIFY(folded > previous);
            QVERIFY(folded > 4 * meanAbsoluteDifference(aliased, base, besideRegion));
            previous = folded;
        }
    }

    void spikeAddsAPeriodicPattern() {
        const Image base = Phantoms::mriHead(128, 3);
        double previous = 0;
        for (Severity s : kPresentSeverities) {
            const Image striped = degraded(base, QStringLiteral("spike"), s);
            Image difference = striped;
            for (std::size_t i = 0; i < difference.voxels.size(); ++i) difference.voxels[i] -= base.voxels[i];
            // Energy concentrated in a handful of spatial frequencies: stripes, not noise.
            const KSpace k = KSpace::fromPlane(difference.voxels.data(), 128, 128);
            std::vector<double> power;
            for (int y = 0; y < 128; ++y)
                for (int x = 0; x < 128; ++x) power.push_back(std::norm(k.at(x, y)));
            std::sort(power.rbegin(), power.rend());
            const double total = std::accumulate(power.begin(), power.end(), 0.0);
            const double top = std::accumulate(power.begin(), power.begin() + 64, 0.0);
            QVERIFY2(top > 0.5 * total, qPrintable(QString::number(top / total)));
            const double strength = differenceDeviation(striped, base);
            QVERIFY(strength > previous);
            previous = strength;
        }
    }

    void biasFieldChangesOnlyLowFrequencies() {
        const Image base = loadSample(QStringLiteral("camera.png"), Modality::MRI, true, 256);
        QVERIFY(!base.isEmpty());
        double previous = 0;
        for (Severity s : kPresentSeverities) {
            const Image biased = degraded(base, QStringLiteral("bias_field"), s);
            // Smooth ratio between degraded and clean: its spread is the field's strength.
            Image a = biased, b = base;
            ImageFilters::gaussianBlur(a, 6.0);
            ImageFilters::gaussianBlur(b, 6.0);
            double sum = 0, sum2 = 0, n = 0;
            for (std::size_t i = 0; i < a.voxels.size(); ++i) {
                if (b.voxels[i] < 20) continue;
                const double r = std::log(a.voxels[i] / b.voxels[i]);
                sum += r, sum2 += r * r, n += 1;
            }
            const double spread = std::sqrt(sum2 / n - (sum / n) * (sum / n));
            QVERIFY2(spread > previous + 0.02, qPrintable(QString::number(spread)));
            previous = spread;
            // Multiplicative and smooth: edges stay as sharp as before, up to the local gain.
            QVERIFY(highFrequencyEnergy(biased) > 0.5 * highFrequencyEnergy(base));
        }
    }

    void lowResolutionRemovesFineDetail() {
        const Image base = loadSample(QStringLiteral("camera.png"), Modality::MRI, true, 256);
        double previous = highFrequencyEnergy(base);
        for (Severity s : kPresentSeverities) {
            const double energy = highFrequencyEnergy(degraded(base, QStringLiteral("low_resolution"), s));
            QVERIFY(energy < 0.8 * previous);
            previous = energy;
        }
    }

    void lowContrastNarrowsTheIntensitySpread() {
        const Image base = Phantoms::mriHead(128, 2, false);
        double previous = standardDeviation(base);
        for (Severity s : kPresentSeverities) {
            const Image flat = degraded(base, QStringLiteral("low_contrast"), s);
            QVERIFY(standardDeviation(flat) < previous);
            QVERIFY(std::fabs(mean(flat) - mean(base)) < 1.0);  // contrast, not brightness
            previous = standardDeviation(flat);
        }
    }
};

QTEST_GUILESS_MAIN(MriDegradationTest)
#include "tst_synth_mri.moc"
