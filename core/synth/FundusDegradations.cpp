#include "synth/FundusDegradations.h"

#include "synth/ImageFilters.h"
#include "synth/ShapeMask.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

namespace {

constexpr double kPi = 3.14159265358979323846;

double smoothstep(double a, double b, double x) {
    const double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

// Centre and radius of the camera field, from the mask's centroid and area.
struct Field {
    double cx, cy, radius;
};

Field fieldGeometry(const std::vector<float>& mask, int w, int h) {
    double sum = 0, sx = 0, sy = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const float m = mask[std::size_t(y) * w + x];
            sum += m, sx += m * x, sy += m * y;
        }
    if (sum < 1) return {w / 2.0, h / 2.0, std::min(w, h) / 2.0};
    return {sx / sum, sy / sum, std::sqrt(sum / kPi)};
}

}  // namespace

std::vector<float> FundusDegradations::fieldMask(const Image& slice) {
    Image lum(slice.width, slice.height);
    for (std::size_t p = 0; p < slice.pixelsPerSlice(); ++p) {
        const float* rgb = slice.voxels.data() + 3 * p;
        lum.voxels[p] = (0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2]) > 12.0f ? 1.0f : 0.0f;
    }
    ImageFilters::gaussianBlur(lum, 1.0);  // soft edge, no speckle holes
    return lum.voxels;
}

void FundusDegradations::unevenIllumination(Image& slice, const DegradationContext& ctx) {
    const auto mask = fieldMask(slice);
    const Field f = fieldGeometry(mask, slice.width, slice.height);
    const double depth = ctx.pick(0.3, 0.5, 0.75), halo = ctx.pick(0.12, 0.25, 0.4);
    const double coverage = ctx.pick(0.4, 0.55, 0.7);  // dark fraction of the field width
    const double direction = ctx.shape.uniform(0, 2 * kPi);
    const double dx = std::cos(direction), dy = std::sin(direction);
    const double edge = 1.0 - 2.0 * coverage;  // u in [-1, 1] across the field; dark for u > edge
    for (int y = 0; y < slice.height; ++y) {
        for (int x = 0; x < slice.width; ++x) {
            const float m = mask[std::size_t(y) * slice.width + x];
            if (m <= 0) continue;
            const double px = (x - f.cx) / f.radius, py = (y - f.cy) / f.radius;
            const double u = px * dx + py * dy, r = std::hypot(px, py);
            const double gain = 1.0 - depth * smoothstep(edge - 0.3, edge + 0.3, u);
            // Halo: a bright crescent near the rim on the side away from the dark region.
            const double glow = halo * std::exp(-std::pow((r - 0.9) / 0.12, 2)) * smoothstep(0.0, -0.8, u);
            for (int c = 0; c < 3; ++c) {
                float& v = slice.at(x, y, 0, c);
                const double lit = v * gain + glow * (255.0 - v * gain) * (c == 2 ? 0.6 : 1.0);
                v = float(std::clamp(v + m * (lit - v), 0.0, 255.0));
            }
        }
    }
}

void FundusDegradations::haze(Image& slice, const DegradationContext& ctx) {
    const auto mask = fieldMask(slice);
    const double sigma = ctx.pick(5, 10, 15) * slice.width / 1024.0;
    const double veil = ctx.pick(0.12, 0.25, 0.4);
    Image blurred = slice;
    ImageFilters::gaussianBlur(blurred, sigma);
    // Veil colour: the mean field colour lifted towards white (forward scatter in the lens).
    double meanColour[3] = {0, 0, 0}, area = 0;
    for (std::size_t p = 0; p < mask.size(); ++p) {
        area += mask[p];
        for (int c = 0; c < 3; ++c) meanColour[c] += mask[p] * slice.voxels[3 * p + std::size_t(c)];
    }
    for (double& m : meanColour) m = m / std::max(area, 1.0) * 0.5 + 0.5 * 235.0;
    for (std::size_t p = 0; p < mask.size(); ++p) {
        const float m = mask[p];
        if (m <= 0) continue;
        for (int c = 0; c < 3; ++c) {
            float& v = slice.voxels[3 * p + std::size_t(c)];
            const double hazy = (1 - veil) * blurred.voxels[3 * p + std::size_t(c)] + veil * meanColour[c];
            v = float(v + m * (hazy - v));
        }
    }
}

void FundusDegradations::eyelashEdge(Image& slice, const DegradationContext& ctx) {
    const auto mask = fieldMask(slice);
    const Field f = fieldGeometry(mask, slice.width, slice.height);
    const double side = std::min(slice.width, slice.height);
    const int lashes = int(ctx.pick(1, 3, 7));
    const double shadowDepth = ctx.pick(0.35, 0.55, 0.75);
    const bool fromTop = ctx.shape.bernoulli(0.7);  // the upper lid is the usual culprit
    ShapeMask lashMask(slice.width, slice.height);
    for (int i = 0; i < lashes; ++i) {
        const double x = f.cx + ctx.shape.uniform(-0.6, 0.6) * f.radius;
        const QPointF start(x, fromTop ? -0.02 * side : slice.height + 0.02 * side);
        const double heading = (fromTop ? kPi / 2 : -kPi / 2) + ctx.shape.uniform(-0.5, 0.5);
        const double length = ctx.shape.uniform(0.25, 0.5) * side;
        const auto curve = ShapeMask::randomCurve(ctx.shape, start, heading, 16, length / 16, 0.05);
        lashMask.addTaperedPolyline(curve, ctx.shape.uniform(0.006, 0.012) * side, 0.002 * side, 1.0);
    }
    Image lashes2d(slice.width, slice.height);
    lashes2d.voxels = lashMask.values();
    ImageFilters::gaussianBlur(lashes2d, 0.008 * side);  // lashes are far out of focus
    const double shadowAngle = fromTop ? -kPi / 2 : kPi / 2;
    for (int y = 0; y < slice.height; ++y) {
        for (int x = 0; x < slice.width; ++x) {
            const std::size_t p = std::size_t(y) * slice.width + x;
            if (mask[p] <= 0) continue;
            const double px = (x - f.cx) / f.radius, py = (y - f.cy) / f.radius;
            const double r = std::hypot(px, py);
            const double towards = std::cos(std::atan2(py, px) - shadowAngle);  // 1 at the lid side
            const double shadow = shadowDepth * smoothstep(0.6, 1.0, r) * smoothstep(0.2, 0.9, towards);
            const double gain = (1.0 - shadow) * (1.0 - 0.85 * std::min(1.0f, 1.6f * lashes2d.voxels[p]));
            for (int c = 0; c < 3; ++c) slice.voxels[3 * p + std::size_t(c)] *= float(gain);
        }
    }
}

void FundusDegradations::spots(Image& slice, const DegradationContext& ctx) {
    const auto mask = fieldMask(slice);
    const Field f = fieldGeometry(mask, slice.width, slice.height);
    const int count = int(ctx.pick(4, 6, 10));
    const double opacity = ctx.pick(0.15, 0.25, 0.4);
    ShapeMask blobs(slice.width, slice.height);
    for (int i = 0; i < count; ++i) {
        const double a = ctx.shape.uniform(0, 2 * kPi), d = std::sqrt(ctx.shape.uniform()) * 0.85 * f.radius;
        const double r = ctx.shape.uniform(0.01, 0.05) * slice.height;
        blobs.addEllipse(f.cx + d * std::cos(a), f.cy + d * std::sin(a), r, r * ctx.shape.uniform(0.8, 1.0),
                         ctx.shape.uniform(0, kPi), 0.7 * r);
    }
    for (std::size_t p = 0; p < mask.size(); ++p) {
        const double gain = 1.0 - opacity * blobs.values()[p] * mask[p];
        for (int c = 0; c < 3; ++c) slice.voxels[3 * p + std::size_t(c)] *= float(gain);
    }
}

std::vector<DegradationEntry> fundusDegradations() {
    using S = DegradationStage;
    return {
        {QStringLiteral("fundus.eyelash_edge"), S::Object, &FundusDegradations::eyelashEdge, nullptr, 3},
        {QStringLiteral("fundus.haze"), S::Acquisition, &FundusDegradations::haze, nullptr, 3},
        {QStringLiteral("fundus.uneven_illumination"), S::Acquisition, &FundusDegradations::unevenIllumination, nullptr, 3},
        {QStringLiteral("fundus.spots"), S::Acquisition, &FundusDegradations::spots, nullptr, 3},
    };
}

}  // namespace medq::synth
