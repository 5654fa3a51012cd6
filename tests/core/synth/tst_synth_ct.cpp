// CT degradations, simulated through projections: noise follows the photon count, beam
// hardening cups, a bad channel rings, metal streaks, motion and sparse views add structured
// errors, a smooth kernel blurs.
#include "SynthTestSupport.h"

#include "synth/Phantoms.h"

#include <QtTest>
#include <cmath>

using namespace medq;
using namespace medq::synth;
using namespace medq::synth::test;

namespace {
// Mean of (a - b) over pixels at radius [r0, r1) (fractions of the size) around the centre.
double radialMean(const Image& a, const Image& b, double r0, double r1) {
    const double c = (a.width - 1) / 2.0;
    double sum = 0, n = 0;
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x) {
            const double r = std::hypot(x - c, y - c) / a.width;
            if (r >= r0 && r < r1) sum += a.at(x, y) - b.at(x, y), n += 1;
        }
    return sum / n;
}
}  // namespace

class CtDegradationTest : public QObject {
    Q_OBJECT
private slots:
    void lowDoseNoiseFollowsPhotonStatistics() {
        const Image base = Phantoms::ctHead(256, 0);
        const QRect brain(112, 150, 32, 24);  // homogeneous grey matter below the ventricles
        std::vector<double> sigma;
        for (Severity s : kPresentSeverities) sigma.push_back(differenceDeviation(degraded(base, QStringLiteral("noise"), s), base, brain));
        QVERIFY2(sigma[0] > 3.0, qPrintable(QString::number(sigma[0])));  // visible in HU even at mild
        QVERIFY(sigma[1] > sigma[0] && sigma[2] > sigma[1]);
        // Quantum noise scales as 1/sqrt(I0): I0 1e6 -> 1e5 multiplies it by about sqrt(10).
        const double ratio = sigma[2] / sigma[0];
        QVERIFY2(ratio > 2.3 && ratio < 4.2, qPrintable(QString::number(ratio)));
    }

    void largeSlicesGetTheSameNoiseLevel() {
        // 512 px slices are simulated at 256 px and upsampled: the HU noise must stay comparable.
        const QRect brain256(112, 150, 32, 24), brain512(224, 300, 64, 48);
        const Image small = Phantoms::ctHead(256, 0), large = Phantoms::ctHead(512, 0);
        const double s256 = differenceDeviation(degraded(small, QStringLiteral("noise"), Severity::Moderate), small, brain256);
        const double s512 = differenceDeviation(degraded(large, QStringLiteral("noise"), Severity::Moderate), large, brain512);
        QVERIFY2(s512 > 0.5 * s256 && s512 < 1.5 * s256, qPrintable(QStringLiteral("%1 vs %2").arg(s256).arg(s512)));
    }

    void beamHardeningCupsAWaterCylinder() {
        const Image base = waterCylinder(192, 0.42);
        double previous = 0;
        for (Severity s : kPresentSeverities) {
            const Image cupped = degraded(base, QStringLiteral("beam_hardening"), s);
            const double cupping = radialMean(cupped, base, 0.0, 0.06) - radialMean(cupped, base, 0.3, 0.38);
            QVERIFY2(cupping < previous - 3.0, qPrintable(QString::number(cupping)));  // centre darker, in HU
            previous = cupping;
        }
    }

    void aBadChannelLeavesARing() {
        const Image base = waterCylinder(192, 0.45);
        double previousPeak = 0;
        for (Severity s : kPresentSeverities) {
            const Image ringed = degraded(base, QStringLiteral("ring"), s, 5);
            // Radial profile of the error: narrow peaks at the ring radii, flat elsewhere.
            std::vector<double> profile;
            for (int r = 2; r < 80; ++r) profile.push_back(std::fabs(radialMean(ringed, base, r / 192.0, (r + 1) / 192.0)));
            auto sorted = profile;
            std::sort(sorted.begin(), sorted.end());
            const double peak = sorted.back(), median = sorted[sorted.size() / 2];
            QVERIFY2(peak > 8.0 && peak > 5 * median, qPrintable(QStringLiteral("%1 / %2").arg(peak).arg(median)));
            QVERIFY(peak > previousPeak);
            previousPeak = peak;
        }
    }

    void structuredArtefactsGrowWithSeverity_data() {
        QTest::addColumn<QString>("key");
        QTest::newRow("metal_streak") << QStringLiteral("metal_streak");
        QTest::newRow("motion") << QStringLiteral("motion");
        QTest::newRow("sparse_view") << QStringLiteral("sparse_view");
    }
    void structuredArtefactsGrowWithSeverity() {
        QFETCH(QString, key);
        const Image base = Phantoms::ctBody(192, 4);
        double previous = 0;
        for (Severity s : kPresentSeverities) {
            const Image out = degraded(base, key, s);
            // Median error over tissue, robust to the metal inserts themselves.
            std::vector<double> errors;
            for (std::size_t i = 0; i < base.voxels.size(); ++i)
                if (base.voxels[i] > -500 && out.voxels[i] < 2000) errors.push_back(std::fabs(out.voxels[i] - base.voxels[i]));
            std::nth_element(errors.begin(), errors.begin() + std::ptrdiff_t(errors.size() / 2), errors.end());
            const double error = errors[errors.size() / 2];
            QVERIFY2(error > previous, qPrintable(QStringLiteral("%1 -> %2").arg(previous).arg(error)));
            previous = error;
        }
        QVERIFY(previous > 2.0);  // severe is a visible error in HU
    }

    void metalInsertsAreDenseAndInsideTheBody() {
        const Image base = Phantoms::ctBody(192, 4);
        const Image out = degraded(base, QStringLiteral("metal_streak"), Severity::Moderate);
        int metal = 0;
        for (std::size_t i = 0; i < out.voxels.size(); ++i)
            if (out.voxels[i] > 2500) {
                ++metal;
                QVERIFY(base.voxels[i] > -300);  // placed on tissue, not in air
            }
        QVERIFY(metal > 5);
    }

    void smoothKernelRemovesFineDetail() {
        const Image base = Phantoms::ctHead(192, 2);
        double previous = highFrequencyEnergy(base);
        for (Severity s : kPresentSeverities) {
            const double energy = highFrequencyEnergy(degraded(base, QStringLiteral("blur"), s));
            QVERIFY(energy < 0.8 * previous);
            previous = energy;
        }
    }
};

QTEST_GUILESS_MAIN(CtDegradationTest)
#include "tst_synth_ct.moc"
