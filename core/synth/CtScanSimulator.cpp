#include "synth/CtScanSimulator.h"

#include "synth/CtProjector.h"
#include "synth/ImageFilters.h"
#include "synth/ShapeMask.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

namespace {

constexpr double kMaxHu = 3071.0;  // 12-bit CT range
constexpr double kPi = 3.14159265358979323846;

// Coverage of the metal inserts on a `size` grid onto which slice pixel (x, y) maps as
// ((x + ox) * scale, (y + oy) * scale).
ShapeMask metalMask(const CtScanSettings& s, int size, const Image& slice, int ox, int oy, double scale) {
    ShapeMask mask(size, size);
    for (const auto& m : s.metal) {
        const double r = m.radius * slice.width * scale;
        mask.addEllipse((m.centerX * slice.width + ox) * scale, (m.centerY * slice.height + oy) * scale, r, r,
                        0.0, 1.0);
    }
    return mask;
}

// Shifts every sinogram row by the detector-axis component of the patient's displacement at that view.
void applyMotion(std::vector<float>& sinogram, const CtProjector& projector, const CtScanSettings& s,
                 double pixelMm) {
    const int views = projector.views(), bins = projector.bins();
    std::vector<float> row(static_cast<std::size_t>(bins));
    for (int v = 0; v < views; ++v) {
        const double t = double(v) / views;
        // The patient moves away and back (a swallow, a breath) during part of the rotation.
        const double phase = (t - s.motionStart) / s.motionDuration;
        const double bump = phase > 0 && phase < 1 ? std::pow(std::sin(kPi * phase), 2) : 0.0;
        const double amount = s.motionAmplitudeMm / pixelMm * bump;
        const double theta = kPi * v / views;
        // An object moved by d projects to p(theta, s - d.n) with n = (cos, sin).
        const double shift = amount * std::cos(s.motionDirection - theta);
        float* data = sinogram.data() + std::size_t(v) * bins;
        std::copy(data, data + bins, row.begin());
        for (int b = 0; b < bins; ++b) {
            const double src = b - shift;
            const int b0 = int(std::floor(src));
            const double f = src - b0;
            const float a = (b0 >= 0 && b0 < bins) ? row[std::size_t(b0)] : 0.0f;
            const float c = (b0 + 1 >= 0 && b0 + 1 < bins) ? row[std::size_t(b0 + 1)] : 0.0f;
            data[b] = float(a * (1 - f) + c * f);
        }
    }
}

}  // namespace

void CtScanSimulator::drawMetal(Image& slice, const CtScanSettings& settings) {
    if (settings.metal.empty()) return;
    const int side = std::max(slice.width, slice.height);
    const int ox = (side - slice.width) / 2, oy = (side - slice.height) / 2;
    const ShapeMask mask = metalMask(settings, side, slice, ox, oy, 1.0);
    for (int y = 0; y < slice.height; ++y) {
        for (int x = 0; x < slice.width; ++x) {
            const float m = mask.at(x + ox, y + oy);
            if (m > 0) slice.at(x, y) = float(slice.at(x, y) * (1 - m) + kMaxHu * m);
        }
    }
}

void CtScanSimulator::run(Image& slice, const CtScanSettings& s, Random& noise) {
    // Working grid: square, at most kMaxWorkingSize, covering the slice (padded with air).
    const int side = std::max(slice.width, slice.height);
    const int n = std::min(side, kMaxWorkingSize);
    Image square(side, side);
    std::fill(square.voxels.begin(), square.voxels.end(), -1000.0f);
    const int ox = (side - slice.width) / 2, oy = (side - slice.height) / 2;
    for (int y = 0; y < slice.height; ++y)
        for (int x = 0; x < slice.width; ++x) square.at(x + ox, y + oy) = slice.at(x, y);
    const Image work = n == side ? square : ImageFilters::resampled(square, n, n);
    const double pixelMm = std::max(0.05, slice.geometry.spacing[0]) * double(side) / n;

    // Attenuation per pixel length: mu = mu_water (1 + HU/1000); metal replaces its area.
    const double muPixel = kWaterAttenuationPerMm * pixelMm;
    std::vector<float> tissue(std::size_t(n) * n), metal(std::size_t(n) * n, 0.0f);
    const ShapeMask metalCover = metalMask(s, n, slice, ox, oy, double(n) / side);
    const double metalMu = s.metalAttenuationPerMm * pixelMm;
    for (std::size_t i = 0; i < tissue.size(); ++i) {
        const double mu = std::max(0.0, muPixel * (1.0 + work.voxels[i] / 1000.0));
        const float m = metalCover.values()[i];
        tissue[i] = float(mu * (1 - m));
        metal[i] = float(metalMu * m);
    }
    // Views: pi/2 per pixel row (the usual angular sampling for an n-pixel field), rounded up to a
    // multiple of 60 so that every sparse-view step (4, 6, 10, ...) keeps equally spaced views;
    // an uneven gap at the 0/180 degree seam would leave a streak along that direction.
    const int views = (int(std::ceil(kPi / 2.0 * n)) + 59) / 60 * 60;
    const CtProjector projector(n, views);
    std::vector<float> pTissue = projector.project(tissue);
    std::vector<float> pMetal = s.metal.empty() ? std::vector<float>() : projector.project(metal);
    std::vector<float> ideal = pTissue;
    for (std::size_t i = 0; i < pMetal.size(); ++i) ideal[i] += pMetal[i];

    if (s.motionAmplitudeMm > 0) {
        applyMotion(pTissue, projector, s, pixelMm);
        if (!pMetal.empty()) applyMotion(pMetal, projector, s, pixelMm);
    }
    std::vector<float> measured(ideal.size());
    const int bins = projector.bins();
    // Polychromatic beam: measured attenuation grows less than linearly with path length,
    // p' = k (p - beta p^2). The scanner's water calibration is modelled by k, which keeps the
    // sinogram's total attenuation; what remains is cupping and dark bands between dense parts.
    double sumLinear = 0, sumHardened = 0;
    for (float p : pTissue) sumLinear += p, sumHardened += p - s.beamHardening * double(p) * p;
    const double calibration = sumHardened > 0 ? sumLinear / sumHardened : 1.0;
    for (std::size_t i = 0; i < measured.size(); ++i) {
        double p = calibration * (pTissue[i] - s.beamHardening * double(pTissue[i]) * pTissue[i]);
        if (!pMetal.empty() && pMetal[i] > 0) {
            // Metal hardens the beam far more: a saturating response ln(1 + k p)/k, k = 0.35.
            p += std::log1p(0.35 * pMetal[i]) / 0.35;
            // Photon starvation behind metal: counting statistics at a standard-dose flux.
            const double flux = s.incidentPhotons > 0 ? s.incidentPhotons : 2.0e5;
            if (s.incidentPhotons <= 0 && pMetal[i] > 0.05) {
                const double counts = noise.poisson(flux * std::exp(-p)) + noise.normal() * s.electronicNoise;
                p = -std::log(std::max(counts, 1.0) / flux);
            }
        }
        if (s.incidentPhotons > 0) {
            // Low dose: Poisson photon counts plus Gaussian electronic noise, then the log.
            const double counts = noise.poisson(s.incidentPhotons * std::exp(-p)) + noise.normal() * s.electronicNoise;
            p = -std::log(std::max(counts, 1.0) / s.incidentPhotons);
        }
        measured[i] = float(p);
    }
    // Ring: a miscalibrated channel adds the same offset in every view; the offset is scaled so
    // that the reconstructed ring peaks at the requested HU.
    for (const auto& [offset, hu] : s.ringChannels) {
        const int b = std::clamp(int(std::lround((bins - 1) / 2.0 + offset * n)), 1, bins - 2);
        const double d = hu / 1000.0 * muPixel / std::max(1e-6, projector.ringPeak(b));
        for (int v = 0; v < projector.views(); ++v) {
            measured[std::size_t(v) * bins + b] += float(d);
            if (projector.mirrorBin(b) != b) measured[std::size_t(v) * bins + projector.mirrorBin(b)] += float(d);
        }
    }

    const std::vector<float> clean = projector.reconstruct(ideal, 1);
    const std::vector<float> degraded = projector.reconstruct(measured, s.viewStep);
    Image artefact(n, n);
    for (std::size_t i = 0; i < artefact.voxels.size(); ++i)
        artefact.voxels[i] = float((degraded[i] - clean[i]) / muPixel * 1000.0);  // to HU
    const Image full = n == side ? artefact : ImageFilters::resampled(artefact, side, side);
    // Metal itself stays at the top of the scale, as scanners show it (its reconstructed value
    // is meaningless anyway); only the surroundings carry the artefact.
    const ShapeMask metalFull = metalMask(s, side, slice, ox, oy, 1.0);
    for (int y = 0; y < slice.height; ++y)
        for (int x = 0; x < slice.width; ++x) {
            const float value = std::clamp(slice.at(x, y) + full.at(x + ox, y + oy), -1024.0f, float(kMaxHu));
            const float m = metalFull.at(x + ox, y + oy);
            slice.at(x, y) = value * (1 - m) + float(kMaxHu) * m;
        }
}

}  // namespace medq::synth
