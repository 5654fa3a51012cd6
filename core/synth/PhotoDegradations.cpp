#include "synth/PhotoDegradations.h"

#include "synth/ImageConversion.h"
#include "synth/ImageFilters.h"
#include "synth/ShapeMask.h"
#include "synth/ToneDegradations.h"

#include <QBuffer>
#include <algorithm>
#include <cmath>

namespace medq::synth {

namespace {

constexpr double kPi = 3.14159265358979323846;

double luminance(const Image& slice, int x, int y) {
    return 0.299 * slice.at(x, y, 0, 0) + 0.587 * slice.at(x, y, 0, 1) + 0.114 * slice.at(x, y, 0, 2);
}

// A random position on the imaged tissue (not on the black border of endoscopes and fundus
// cameras); falls back to any position after a few tries.
QPointF tissuePoint(const Image& slice, Random& random, double margin) {
    QPointF p;
    for (int attempt = 0; attempt < 30; ++attempt) {
        p = QPointF(random.uniform(margin, slice.width - margin), random.uniform(margin, slice.height - margin));
        if (luminance(slice, int(p.x()), int(p.y())) > 25.0) break;
    }
    return p;
}

// out = out (1 - a m) + colour a m, per channel.
void blendColour(Image& slice, const std::vector<float>& mask, const float colour[3], double alpha) {
    for (std::size_t i = 0; i < mask.size(); ++i) {
        const float a = float(alpha) * mask[i];
        if (a <= 0) continue;
        for (int c = 0; c < 3; ++c) {
            float& v = slice.voxels[i * 3 + c];
            v = v * (1 - a) + colour[c] * a;
        }
    }
}

}  // namespace

double PhotoDegradations::sizeScale(const Image& slice) { return std::min(slice.width, slice.height) / 512.0; }

void PhotoDegradations::defocus(Image& slice, const DegradationContext& ctx) {
    // Floors keep each severity a real blur on small images (a disk under 1 px is no blur).
    ImageFilters::diskBlur(slice, std::max(ctx.pick(2.0, 4.0, 8.0) * sizeScale(slice), ctx.pick(1.0, 1.5, 2.2)));
}

void PhotoDegradations::motionBlur(Image& slice, const DegradationContext& ctx) {
    const double length = std::max(ctx.pick(5, 11, 21) * sizeScale(slice), ctx.pick(2.5, 4.0, 6.0));
    ImageFilters::lineBlur(slice, length, ctx.shape.uniform(0, kPi));
}

void PhotoDegradations::specularHighlights(Image& slice, const DegradationContext& ctx) {
    const int count = int(ctx.pick(3, 8, 16));
    const double size = ctx.pick(1.0, 1.4, 2.0) * std::min(slice.width, slice.height);
    ShapeMask core(slice.width, slice.height), glow(slice.width, slice.height);
    for (int i = 0; i < count; ++i) {
        const QPointF c = tissuePoint(slice, ctx.shape, 0.05 * slice.width);
        const double rx = std::max(1.5, ctx.shape.uniform(0.006, 0.018) * size), ry = rx * ctx.shape.uniform(0.4, 1.0);
        const double angle = ctx.shape.uniform(0, kPi);
        core.addEllipse(c.x(), c.y(), rx, ry, angle, std::max(1.0, 0.3 * rx));
        glow.addEllipse(c.x(), c.y(), 2.2 * rx, 2.2 * ry, angle, 1.5 * rx);
        // Wet mucosa reflects in clusters: a few satellite glints around the main one.
        const int satellites = ctx.shape.uniformInt(0, 3);
        for (int s = 0; s < satellites; ++s) {
            const double d = ctx.shape.uniform(1.5, 4.0) * rx, a = ctx.shape.uniform(0, 2 * kPi);
            const double r = rx * ctx.shape.uniform(0.2, 0.45);
            core.addEllipse(c.x() + d * std::cos(a), c.y() + d * std::sin(a), r, r, 0, std::max(0.7, 0.3 * r));
        }
    }
    const float white[3] = {255, 255, 252};
    blendColour(slice, glow.values(), white, 0.35);
    blendColour(slice, core.values(), white, 1.0);
}

void PhotoDegradations::bubbles(Image& slice, const DegradationContext& ctx) {
    const int count = int(ctx.pick(3, 8, 18));
    const bool underCoverslip = slice.modality == Modality::Histopathology;
    const double side = std::min(slice.width, slice.height);
    for (int i = 0; i < count; ++i) {
        const double radius = ctx.shape.uniform(0.02, 0.06) * side * (underCoverslip ? 1.5 : 1.0);
        const double rim = std::max(0.05, 1.2 / radius);  // rim width as a fraction of the radius, >= ~1 px
        const QPointF c = tissuePoint(slice, ctx.shape, radius);
        const Image source = slice;
        const int x0 = std::max(0, int(c.x() - radius - 2)), x1 = std::min(slice.width - 1, int(c.x() + radius + 2));
        const int y0 = std::max(0, int(c.y() - radius - 2)), y1 = std::min(slice.height - 1, int(c.y() + radius + 2));
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                const double dx = x - c.x(), dy = y - c.y(), r = std::sqrt(dx * dx + dy * dy) / radius;
                if (r > 1.0) continue;
                // A thin liquid lens magnifies its centre: sample closer to the centre there.
                const double m = 0.8 + 0.2 * r * r;
                double edge;
                if (underCoverslip) edge = -0.6 * std::exp(-std::pow((r - (1 - rim)) / rim, 2));  // dark outline
                else edge = 0.75 * std::exp(-std::pow((r - (1 - rim)) / rim, 2)) - 0.25 * std::exp(-std::pow((r - (1 - 3 * rim)) / rim, 2));
                const double glint = underCoverslip ? 0.0 : std::exp(-(std::pow(dx / radius + 0.4, 2) + std::pow(dy / radius + 0.4, 2)) / 0.012);
                for (int ch = 0; ch < 3; ++ch) {
                    double v = ImageFilters::sample(source, c.x() + dx * m, c.y() + dy * m, ch) * (underCoverslip ? 1.0 : 1.06);
                    v = edge >= 0 ? v + (255 - v) * edge : v * (1 + edge);
                    v = v + (255 - v) * std::min(1.0, glint);
                    slice.at(x, y, 0, ch) = float(std::clamp(v, 0.0, 255.0));
                }
            }
        }
    }
}

void PhotoDegradations::jpegCompression(Image& slice, const DegradationContext& ctx) {
    const int quality = int(ctx.pick(30, 12, 5));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    ImageConversion::toQImage(slice).save(&buffer, "JPG", quality);
    QImage decoded;
    decoded.loadFromData(bytes, "JPG");
    if (decoded.isNull()) return;  // no JPEG plugin: leave the image unchanged rather than blank it
    const Image roundTrip = ImageConversion::fromQImage(decoded, slice.modality, slice.channels == 1);
    slice.voxels = roundTrip.voxels;
}

std::vector<DegradationEntry> photoDegradations() {
    using S = DegradationStage;
    return {
        {QStringLiteral("photo.specular"), S::Object, &PhotoDegradations::specularHighlights, nullptr, 3},
        {QStringLiteral("photo.bubbles"), S::Object, &PhotoDegradations::bubbles, nullptr, 3},
        {QStringLiteral("photo.motion_blur"), S::Acquisition, &PhotoDegradations::motionBlur, nullptr, 3},
        {QStringLiteral("photo.defocus"), S::Acquisition, &PhotoDegradations::defocus, nullptr, 3},
        {QStringLiteral("photo.under_exposure"), S::Sensor, &ToneDegradations::underExposure, nullptr, 3},
        {QStringLiteral("photo.over_exposure"), S::Sensor, &ToneDegradations::overExposure, nullptr, 3},
        {QStringLiteral("photo.colour_cast"), S::Sensor, &ToneDegradations::colourCast, nullptr, 3},
        {QStringLiteral("photo.low_contrast"), S::Sensor, &ToneDegradations::lowContrast, nullptr, 3},
        {QStringLiteral("photo.noise"), S::Sensor, &ToneDegradations::sensorNoise, nullptr, 3},
        {QStringLiteral("photo.jpeg"), S::Storage, &PhotoDegradations::jpegCompression, nullptr, 3},
    };
}

}  // namespace medq::synth
