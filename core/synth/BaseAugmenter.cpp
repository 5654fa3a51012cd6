#include "synth/BaseAugmenter.h"

#include "common/Random.h"
#include "synth/HistopathologyDegradations.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {
namespace {

constexpr double kPi = 3.14159265358979323846;

// An affine map about the centre: output pixel -> input position.
struct Placement {
    double angle = 0, zoom = 1, dx = 0, dy = 0;
    bool flipX = false, flipY = false;
};

Placement placementFor(Modality modality, Random& rng, int size) {
    Placement p;
    switch (modality) {
    case Modality::CT:
    case Modality::MRI:
        p.flipX = rng.bernoulli(0.5);
        p.angle = rng.uniform(-10, 10) * kPi / 180;
        p.zoom = rng.uniform(0.9, 1.15);
        p.dx = rng.uniform(-0.05, 0.05) * size;
        p.dy = rng.uniform(-0.05, 0.05) * size;
        break;
    case Modality::Histopathology:
        // Right-angle turns and flips only: exact pixel moves. A tile has nothing beyond its
        // edges to turn in, and zooming in would soften it like a focus error.
        p.flipX = rng.bernoulli(0.5);
        p.flipY = rng.bernoulli(0.5);
        p.angle = rng.uniformInt(0, 3) * kPi / 2;
        break;
    case Modality::Endoscopy:
        p.flipX = rng.bernoulli(0.5);
        p.flipY = rng.bernoulli(0.5);
        p.angle = rng.uniformInt(0, 3) * kPi / 2 + rng.uniform(-8, 8) * kPi / 180;
        p.zoom = rng.uniform(0.95, 1.1);
        break;
    case Modality::Fundus:
        p.flipX = rng.bernoulli(0.5);
        p.angle = rng.uniform(-8, 8) * kPi / 180;
        p.zoom = rng.uniform(0.95, 1.05);
        break;
    default: break;
    }
    return p;
}

// Keys' cubic convolution (a = -0.5): keeps fine detail and noise texture far better than
// bilinear sampling, which would blur the base. Clamped to the four nearest pixels' range so
// edges do not ring.
float cubicSample(const Image& image, double x, double y, int channel) {
    const int x0 = int(std::floor(x)), y0 = int(std::floor(y));
    const double fx = x - x0, fy = y - y0;
    auto weights = [](double t, double w[4]) {
        auto k = [](double d) {
            d = std::abs(d);
            return d < 1 ? (1.5 * d - 2.5) * d * d + 1 : d < 2 ? ((-0.5 * d + 2.5) * d - 4) * d + 2 : 0.0;
        };
        for (int i = 0; i < 4; ++i) w[i] = k(t - (i - 1));
    };
    double wx[4], wy[4];
    weights(fx, wx);
    weights(fy, wy);
    auto at = [&](int px, int py) {
        return double(image.at(std::clamp(px, 0, image.width - 1), std::clamp(py, 0, image.height - 1), 0, channel));
    };
    double sum = 0;
    for (int j = 0; j < 4; ++j)
        for (int i = 0; i < 4; ++i) sum += wx[i] * wy[j] * at(x0 - 1 + i, y0 - 1 + j);
    const double a = at(x0, y0), b = at(x0 + 1, y0), c = at(x0, y0 + 1), d = at(x0 + 1, y0 + 1);
    return float(std::clamp(sum, std::min({a, b, c, d}), std::max({a, b, c, d})));
}

Image placed(const Image& base, const Placement& p, float background) {
    Image out = base;
    const double cx = (base.width - 1) / 2.0, cy = (base.height - 1) / 2.0;
    const double c = std::cos(p.angle), s = std::sin(p.angle);
    for (int y = 0; y < base.height; ++y) {
        for (int x = 0; x < base.width; ++x) {
            // Undo the shift, turn and zoom, then the flips: where this output pixel comes from.
            const double ox = x - cx - p.dx, oy = y - cy - p.dy;
            double ix = (c * ox + s * oy) / p.zoom, iy = (-s * ox + c * oy) / p.zoom;
            if (p.flipX) ix = -ix;
            if (p.flipY) iy = -iy;
            ix += cx;
            iy += cy;
            const bool inside = ix >= -0.5 && iy >= -0.5 && ix <= base.width - 0.5 && iy <= base.height - 0.5;
            for (int ch = 0; ch < base.channels; ++ch)
                out.at(x, y, 0, ch) = inside ? cubicSample(base, ix, iy, ch) : background;
        }
    }
    return out;
}

// Grey tomography: a mild contrast change about the median and (MRI, arbitrary units) a gamma.
void varyIntensity(Image& image, Random& rng) {
    std::vector<float> values(image.voxels);
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(values.size() / 2), values.end());
    const double centre = values[values.size() / 2];
    const auto [lo, hi] = image.range();
    const double contrast = rng.uniform(0.92, 1.08);
    const double gamma = image.modality == Modality::MRI ? rng.uniform(0.9, 1.1) : 1.0;
    const double span = std::max(1e-6, double(hi - lo));
    for (float& v : image.voxels) {
        double t = v;
        if (gamma != 1.0) t = lo + span * std::pow(std::clamp((t - lo) / span, 0.0, 1.0), gamma);
        v = float(centre + (t - centre) * contrast);
    }
}

// Histopathology: haematoxylin and eosin optical densities each scaled within 8%.
void varyStain(Image& image, Random& rng) {
    const double h = rng.uniform(0.92, 1.08), e = rng.uniform(0.92, 1.08);
    for (std::size_t i = 0; i < image.pixelsPerSlice(); ++i) {
        float* rgb = image.voxels.data() + 3 * i;
        auto hed = HistopathologyDegradations::toHed(rgb);
        hed[0] *= h;
        hed[1] *= e;
        HistopathologyDegradations::fromHed(hed, rgb);
    }
}

// Other photographs: a per-channel gain within 5% and a brightness within 6%.
void varyColour(Image& image, Random& rng) {
    const double brightness = rng.uniform(0.94, 1.06);
    double gain[3];
    for (double& g : gain) g = brightness * rng.uniform(0.95, 1.05);
    for (std::size_t i = 0; i < image.pixelsPerSlice(); ++i)
        for (int c = 0; c < 3; ++c) {
            float& v = image.voxels[3 * i + std::size_t(c)];
            v = float(std::clamp(v * gain[c], 0.0, 255.0));
        }
}

}  // namespace

Image BaseAugmenter::apply(const Image& base, std::uint64_t seed) {
    if (base.isEmpty() || base.isVolume()) return base;
    Random rng(Random::derive(seed, Random::hashKey(QStringLiteral("base.augmentation"))));
    const Placement placement = placementFor(base.modality, rng, std::max(base.width, base.height));
    Image out = placed(base, placement, base.range().first);
    if (!out.isRgb()) varyIntensity(out, rng);
    else if (out.modality == Modality::Histopathology) varyStain(out, rng);
    else varyColour(out, rng);
    return out;
}

}  // namespace medq::synth
