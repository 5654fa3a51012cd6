#include "synth/HistopathologyDegradations.h"

#include "synth/ImageFilters.h"
#include "synth/ShapeMask.h"
#include "synth/SmoothNoise.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

namespace {

constexpr double kPi = 3.14159265358979323846;
// scikit-image's rgb2hed divides ln-optical density by ln(1e-6); we use its units so the
// ranges in common use (from Tellez et al., who used rgb2hed) mean the same thing here.
const double kLogAdjust = std::log(1e-6);

using Matrix = std::array<std::array<double, 3>, 3>;

Matrix inverse(const Matrix& m) {
    const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                       m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                       m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    Matrix r;
    r[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
    r[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
    r[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
    r[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
    r[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
    r[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
    r[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
    r[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
    r[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
    return r;
}

// Optical density per channel: OD = -ln(I / 255), with I >= 1 to keep it finite.
double opticalDensity(float v) { return -std::log(std::max(1.0, double(v)) / 255.0); }
float fromDensity(double od) { return float(std::clamp(255.0 * std::exp(-od), 0.0, 255.0)); }

}  // namespace

const Matrix& HistopathologyDegradations::stainMatrix() {
    static const Matrix m = {{{0.65, 0.70, 0.29}, {0.07, 0.99, 0.11}, {0.27, 0.57, 0.78}}};
    return m;
}

std::array<double, 3> HistopathologyDegradations::toHed(const float* rgb) {
    static const Matrix inv = inverse(stainMatrix());
    std::array<double, 3> hed{0, 0, 0};
    for (int c = 0; c < 3; ++c) {
        // rgb2hed: log(max(rgb/255, 1e-6)) / log(1e-6), then times inverse(rgb_from_hed).
        const double od = std::log(std::max(double(rgb[c]) / 255.0, 1e-6)) / kLogAdjust;
        for (int s = 0; s < 3; ++s) hed[std::size_t(s)] += od * inv[std::size_t(c)][std::size_t(s)];
    }
    return hed;
}

void HistopathologyDegradations::fromHed(const std::array<double, 3>& hed, float* rgb) {
    const Matrix& m = stainMatrix();
    for (int c = 0; c < 3; ++c) {
        double od = 0;
        // Concentrations may be negative (real colours lie slightly outside the stain span); keeping
        // them makes the round trip exact, and only the final intensity is clipped.
        for (int s = 0; s < 3; ++s) od += hed[std::size_t(s)] * m[std::size_t(s)][std::size_t(c)];
        rgb[c] = float(std::clamp(255.0 * std::exp(od * kLogAdjust), 0.0, 255.0));
    }
}

void HistopathologyDegradations::stainVariation(Image& slice, const DegradationContext& ctx) {
    const double scale = ctx.pick(0.05, 0.15, 0.3), shift = ctx.pick(0.0015, 0.008, 0.02);
    // Magnitudes drawn in [0.5, 1] of the bound with random sign: every draw is visible, and the
    // same seed gives a proportionally larger change at a higher severity.
    double alpha[3], beta[3];
    for (int s = 0; s < 3; ++s) {
        alpha[s] = 1.0 + ctx.shape.sign() * ctx.shape.uniform(0.5, 1.0) * scale;
        beta[s] = ctx.shape.sign() * ctx.shape.uniform(0.5, 1.0) * shift;
    }
    beta[2] *= 0.2;  // DAB is absent from H&E: keep its shift small so no brown appears
    for (std::size_t p = 0; p < slice.pixelsPerSlice(); ++p) {
        float* rgb = slice.voxels.data() + 3 * p;
        auto hed = toHed(rgb);
        for (int s = 0; s < 3; ++s) hed[std::size_t(s)] = alpha[s] * hed[std::size_t(s)] + beta[s];
        fromHed(hed, rgb);
    }
}

void HistopathologyDegradations::tissueFold(Image& slice, const DegradationContext& ctx) {
    const double side = std::min(slice.width, slice.height);
    const double halfWidth = ctx.pick(0.02, 0.04, 0.07) * side;
    // A band crossing the tile through a random point, gently curved.
    const double angle = ctx.shape.uniform(0, kPi);
    const QPointF through(ctx.shape.uniform(0.3, 0.7) * slice.width, ctx.shape.uniform(0.3, 0.7) * slice.height);
    const double reach = std::hypot(slice.width, slice.height);
    const QPointF start = through - QPointF(std::cos(angle), std::sin(angle)) * reach * 0.6;
    const auto curve = ShapeMask::randomCurve(ctx.shape, start, angle, 24, reach * 1.2 / 24, 0.03);
    ShapeMask band(slice.width, slice.height), crease(slice.width, slice.height);
    band.addPolyline(curve, halfWidth, 0.25 * halfWidth);
    crease.addPolyline(curve, halfWidth + 0.1 * halfWidth, 0.35 * halfWidth);
    // The folded-over copy comes from across the fold line.
    const double nx = -std::sin(angle) * 2.0 * halfWidth, ny = std::cos(angle) * 2.0 * halfWidth;
    const Image source = slice;
    for (int y = 0; y < slice.height; ++y) {
        for (int x = 0; x < slice.width; ++x) {
            const float m = band.at(x, y);
            const float edge = std::max(0.0f, crease.at(x, y) - m);  // thin rim outside the band
            if (m <= 0 && edge <= 0) continue;
            for (int c = 0; c < 3; ++c) {
                const double od = opticalDensity(source.at(x, y, 0, c));
                const double folded = opticalDensity(ImageFilters::sample(source, x + nx, y + ny, c));
                slice.at(x, y, 0, c) = fromDensity(od + m * (0.9 * folded + 0.06) + edge * 0.25);
            }
        }
    }
}

void HistopathologyDegradations::penMarks(Image& slice, const DegradationContext& ctx) {
    // Common slide-marker inks (blue, green, black, red), as transmitted RGB.
    static const float inks[4][3] = {{45, 75, 175}, {40, 140, 80}, {35, 35, 45}, {185, 45, 60}};
    const float* ink = inks[ctx.shape.uniformInt(0, 3)];
    const double side = std::min(slice.width, slice.height);
    const double opacity = ctx.pick(0.45, 0.7, 0.9);
    const double halfWidth = ctx.pick(0.006, 0.011, 0.018) * side;
    const int strokes = int(ctx.pick(1, 1, 2));
    ShapeMask mask(slice.width, slice.height);
    for (int s = 0; s < strokes; ++s) {
        const QPointF start(ctx.shape.uniform(0.1, 0.9) * slice.width, ctx.shape.uniform(0.1, 0.9) * slice.height);
        const double length = ctx.shape.uniform(0.5, 0.9) * side;
        const auto curve = ShapeMask::randomCurve(ctx.shape, start, ctx.shape.uniform(0, 2 * kPi), 30, length / 30, 0.12);
        mask.addPolyline(curve, halfWidth, 1.0 + 0.15 * halfWidth);
    }
    const auto density = SmoothNoise::field(slice.width, slice.height, 0.03 * side, 2, ctx.shape);
    for (std::size_t p = 0; p < slice.pixelsPerSlice(); ++p) {
        const double a = std::clamp(opacity * mask.values()[p] * (1.0 + 0.3 * density[p]), 0.0, 1.0);
        if (a <= 0) continue;
        for (int c = 0; c < 3; ++c) {
            float& v = slice.voxels[3 * p + std::size_t(c)];
            v = float(v * (1.0 - a + a * ink[c] / 255.0));  // ink absorbs: transmission multiplies
        }
    }
}

std::vector<DegradationEntry> histopathologyDegradations() {
    using S = DegradationStage;
    return {
        {QStringLiteral("histo.tissue_fold"), S::Object, &HistopathologyDegradations::tissueFold, nullptr, 3},
        {QStringLiteral("histo.stain_variation"), S::Object, &HistopathologyDegradations::stainVariation, nullptr, 3},
        {QStringLiteral("histo.pen_marks"), S::Object, &HistopathologyDegradations::penMarks, nullptr, 3},
    };
}

}  // namespace medq::synth
