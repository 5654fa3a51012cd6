#include "synth/ToneDegradations.h"

#include "synth/ImageFilters.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace medq::synth {

namespace {
constexpr double kPi = 3.14159265358979323846;
bool isPhotographic(const Image& slice) { return slice.channels == 3; }

// Applies a smooth tone curve on 0..255 through a 1024-entry table with linear interpolation
// (exact to far below one grey level, and ~10x faster than pow per voxel).
template <typename Curve>
void applyToneCurve(Image& slice, Curve curve) {
    constexpr int kEntries = 1024;
    std::vector<float> table(kEntries + 1);
    for (int i = 0; i <= kEntries; ++i) table[std::size_t(i)] = float(curve(255.0 * i / kEntries));
    for (auto& v : slice.voxels) {
        const double t = std::clamp(double(v), 0.0, 255.0) / 255.0 * kEntries;
        const int i = std::min(int(t), kEntries - 1);
        const float f = float(t - i);
        v = table[std::size_t(i)] * (1 - f) + table[std::size_t(i) + 1] * f;
    }
}
}  // namespace

void ToneDegradations::lowContrast(Image& slice, const DegradationContext& ctx) {
    const double k = ctx.pick(0.72, 0.5, 0.3);
    for (int c = 0; c < slice.channels; ++c) {
        const double m = ImageFilters::mean(slice, c);
        for (std::size_t i = c; i < slice.voxels.size(); i += std::size_t(slice.channels))
            slice.voxels[i] = float(m + k * (slice.voxels[i] - m));
    }
}

void ToneDegradations::underExposure(Image& slice, const DegradationContext& ctx) {
    const double gain = ctx.pick(0.72, 0.52, 0.36), gamma = ctx.pick(1.05, 1.15, 1.25);
    applyToneCurve(slice, [&](double v) { return 255.0 * std::pow(std::clamp(gain * v / 255.0, 0.0, 1.0), gamma); });
}

void ToneDegradations::overExposure(Image& slice, const DegradationContext& ctx) {
    const double gain = ctx.pick(1.35, 1.8, 2.6), gamma = ctx.pick(1.0, 1.1, 1.25);
    applyToneCurve(slice, [&](double v) { return 255.0 * std::pow(std::clamp(gain * v / 255.0, 0.0, 1.0), 1.0 / gamma); });
}

void ToneDegradations::colourCast(Image& slice, const DegradationContext& ctx) {
    if (!isPhotographic(slice)) return;
    const double strength = ctx.pick(0.08, 0.18, 0.32);
    // Zero-sum gain directions around the colour wheel: a pure tint, brightness roughly kept.
    const double hue = ctx.shape.uniform(0, 2 * kPi);
    double gain[3];
    for (int c = 0; c < 3; ++c) gain[c] = 1.0 + strength * std::cos(hue - c * 2 * kPi / 3);
    for (std::size_t i = 0; i < slice.voxels.size(); ++i)
        slice.voxels[i] = float(std::clamp(slice.voxels[i] * gain[i % 3], 0.0, 255.0));
}

void ToneDegradations::sensorNoise(Image& slice, const DegradationContext& ctx) {
    const double sigma = ctx.pick(4, 9, 16);
    for (auto& v : slice.voxels) v = float(std::clamp(v + sigma * ctx.noise.normal(), 0.0, 255.0));
}

std::vector<DegradationEntry> greyDegradations() {
    return {{QStringLiteral("grey.low_contrast"), DegradationStage::Object, &ToneDegradations::lowContrast,
             nullptr, 1}};
}

}  // namespace medq::synth
