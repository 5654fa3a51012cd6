// Synthetic H&E tile and endoscopy frame.
#include "synth/Phantoms.h"

#include "common/Random.h"
#include "synth/HistopathologyDegradations.h"
#include "synth/ImageFilters.h"
#include "synth/ShapeMask.h"
#include "synth/SmoothNoise.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

namespace {
constexpr double kPi = 3.14159265358979323846;
double smoothstep(double a, double b, double x) {
    const double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}
}  // namespace

Image Phantoms::histopathology(int size, std::uint64_t seed) {
    Random random(Random::derive(seed, 0x4E4E));
    const double s = size;
    // Stain concentrations in rgb2hed units: eosin colours stroma and cytoplasm, haematoxylin nuclei.
    std::vector<double> h(std::size_t(size) * size, 0.0), e(h.size(), 0.0);
    const auto stroma = SmoothNoise::field(size, size, 0.08 * s, 3, random);
    const double eosin = random.uniform(0.022, 0.032), haematoxylin = random.uniform(0.07, 0.1);
    // Wavy collagen fibres: thin, slightly denser eosin strands.
    ShapeMask fibres(size, size);
    const double fibreAngle = random.uniform(0, kPi);
    for (int i = 0; i < int(0.12 * s); ++i) {
        const QPointF start(random.uniform(-0.1, 1.1) * s, random.uniform(-0.1, 1.1) * s);
        fibres.addPolyline(ShapeMask::randomCurve(random, start, fibreAngle + random.uniform(-0.3, 0.3), 12, 0.025 * s, 0.12),
                           random.uniform(0.6, 1.4) * s / 512.0, 1.0);
    }
    // Lumina and fat: white spaces without stain.
    ShapeMask spaces(size, size);
    for (int i = random.uniformInt(2, 5); i > 0; --i) {
        const double r = random.uniform(0.04, 0.12) * s;
        spaces.addEllipse(random.uniform(0, 1) * s, random.uniform(0, 1) * s, r, r * random.uniform(0.5, 1.0),
                          random.uniform(0, kPi), 0.08 * r);
    }
    // Nuclei: purple ellipses, denser where the cellularity field is high (glands, infiltrates).
    const auto cellularity = SmoothNoise::field(size, size, 0.2 * s, 2, random);
    ShapeMask nuclei(size, size);
    const int candidates = int(s * s / 45.0);
    for (int i = 0; i < candidates; ++i) {
        const double x = random.uniform(0, s), y = random.uniform(0, s);
        const std::size_t idx = std::size_t(std::min(int(y), size - 1)) * size + std::min(int(x), size - 1);
        if (random.uniform() > 0.2 + 1.2 * cellularity[idx] || spaces.values()[idx] > 0.5) continue;
        const double r = random.uniform(0.009, 0.016) * s;
        nuclei.addEllipse(x, y, r, r * random.uniform(0.55, 0.95), random.uniform(0, kPi), std::max(0.8, 0.25 * r));
    }
    const auto chromatin = SmoothNoise::field(size, size, 0.006 * s + 1.0, 2, random);
    Image img(size, size, 1, 3);
    for (std::size_t i = 0; i < h.size(); ++i) {
        const double tissue = 1.0 - spaces.values()[i];
        const double n = nuclei.values()[i];
        e[i] = tissue * (eosin * (1.0 + 0.35 * stroma[i]) + 0.012 * fibres.values()[i]) * (1.0 - 0.4 * n);
        h[i] = tissue * (0.004 + haematoxylin * n * (1.0 + 0.3 * chromatin[i]));
        HistopathologyDegradations::fromHed({h[i], e[i], 0.0}, img.voxels.data() + 3 * i);
    }
    ImageFilters::gaussianBlur(img, 0.5 * s / 512.0);  // microscope optics
    img.modality = Modality::Histopathology;
    addDefaultWindows(img);
    img.metadata.insert(QStringLiteral("phantom"), QStringLiteral("histopathology"));
    return img;
}

Image Phantoms::endoscopy(int size, std::uint64_t seed) {
    Random random(Random::derive(seed, 0xE4D0));
    const double s = size;
    const QPointF lumen(random.uniform(0.3, 0.7) * s, random.uniform(0.3, 0.7) * s);
    const double lumenRadius = random.uniform(0.07, 0.13) * s;
    const double foldPeriod = random.uniform(0.1, 0.16) * s;
    const double tint = random.uniform(-1, 1);  // colon (pinker) to stomach (redder)
    const double mucosa[3] = {210 + 15 * tint, 115 - 15 * tint, 100 - 10 * tint};
    const auto texture = SmoothNoise::field(size, size, 0.015 * s, 2, random);
    const auto pits = SmoothNoise::field(size, size, 0.005 * s + 1.0, 1, random);  // fine mucosal grain
    const auto foldNoise = SmoothNoise::field(size, size, 0.15 * s, 2, random);
    ShapeMask vessels(size, size), capillaries(size, size);
    for (int i = random.uniformInt(5, 10); i > 0; --i) {
        const QPointF start(random.uniform(0, s), random.uniform(0, s));
        vessels.addPolyline(ShapeMask::randomCurve(random, start, random.uniform(0, 2 * kPi), 18, 0.02 * s, 0.35),
                            random.uniform(0.6, 1.3) * s / 512.0, 1.0);
    }
    for (int i = random.uniformInt(60, 90); i > 0; --i) {  // fine capillary network
        const QPointF start(random.uniform(0, s), random.uniform(0, s));
        capillaries.addPolyline(ShapeMask::randomCurve(random, start, random.uniform(0, 2 * kPi), 8, 0.012 * s, 0.6),
                                random.uniform(0.35, 0.7) * s / 512.0, 0.8);
    }
    Image img(size, size, 1, 3);
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            // Scope field: a circle cut by the sensor's square, as in many video endoscopes.
            const double r = std::hypot(x - s / 2, y - s / 2) / (0.56 * s);
            const double field = std::clamp((1.0 - r) * 0.56 * s / 1.5 + 0.5, 0.0, 1.0);
            if (field <= 0) continue;
            const std::size_t i = std::size_t(y) * size + x;
            const double d = std::hypot(x - lumen.x(), y - lumen.y());
            // The lumen is dark (light falls off with depth); ring folds around it shade the wall.
            const double depthLight = 0.12 + 0.88 * smoothstep(0.6 * lumenRadius, lumenRadius + 0.35 * s, d);
            const double fold = std::sin(2 * kPi * d / foldPeriod + 4.0 * foldNoise[i] + 1.5 * std::sin(3 * std::atan2(y - lumen.y(), x - lumen.x())));
            const double foldShade = 1.0 + 0.1 * fold * (0.6 + 0.4 * foldNoise[i]) - 0.08 * std::max(0.0, -fold) * std::max(0.0, -fold);
            const double vignette = 1.0 - 0.35 * r * r;
            const double light = depthLight * foldShade * vignette * (1.0 + 0.05 * texture[i] + 0.07 * pits[i]);
            const double v = std::max(vessels.values()[i], 0.6f * capillaries.values()[i]) * depthLight;
            for (int c = 0; c < 3; ++c) {
                double value = mucosa[c] * light;
                value *= 1.0 - v * (c == 0 ? 0.25 : 0.5);  // vessels: darker, redder
                img.at(x, y, 0, c) = float(std::clamp(value * field, 0.0, 255.0));
            }
        }
    }
    ImageFilters::gaussianBlur(img, 0.7 * s / 512.0);
    img.modality = Modality::Endoscopy;
    addDefaultWindows(img);
    img.metadata.insert(QStringLiteral("phantom"), QStringLiteral("endoscopy"));
    return img;
}

}  // namespace medq::synth
