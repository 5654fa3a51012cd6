// Varied photographic phantoms (generation 2): glandular tissue and endoscopy frames with a
// polyp or a fold ridge, painted over the first generation's images with their own random
// stream, so generation 1 stays as it is.
#include "synth/Phantoms.h"

#include "common/Random.h"
#include "synth/HistopathologyDegradations.h"
#include "synth/ImageFilters.h"
#include "synth/ShapeMask.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {
namespace {

constexpr double kPi = 3.14159265358979323846;

}  // namespace

Image Phantoms::variedHistopathology(int size, std::uint64_t seed) {
    Image img = histopathology(size, seed);
    Random random(Random::derive(seed, 0x61A2D));
    const double s = size;
    // Glands: a white lumen lined by pink epithelium whose nuclei sit in a ring at its base.
    ShapeMask lumen(size, size), epithelium(size, size), nuclei(size, size);
    const int glands = random.uniformInt(2, 6);
    for (int g = 0; g < glands; ++g) {
        const double cx = random.uniform(0.1, 0.9) * s, cy = random.uniform(0.1, 0.9) * s;
        const double rx = random.uniform(0.05, 0.11) * s, ry = rx * random.uniform(0.55, 1.0), angle = random.uniform(0, kPi);
        const double wall = random.uniform(0.35, 0.55) * rx;
        epithelium.addEllipse(cx, cy, rx + wall, ry + wall, angle, 1.5);
        lumen.addEllipse(cx, cy, rx, ry, angle, 1.0);
        const int count = int(2 * kPi * (rx + 0.7 * wall) / (0.022 * s));
        for (int k = 0; k < count; ++k) {
            const double t = 2 * kPi * (k + random.uniform(-0.2, 0.2)) / count, c = std::cos(angle), sn = std::sin(angle);
            const double ex = (rx + 0.7 * wall) * std::cos(t), ey = (ry + 0.7 * wall) * std::sin(t);
            const double r = random.uniform(0.008, 0.012) * s;
            nuclei.addEllipse(cx + ex * c - ey * sn, cy + ex * sn + ey * c, r * 1.4, r, t + angle, std::max(0.8, 0.25 * r));
        }
    }
    const double eosin = random.uniform(0.03, 0.045), haematoxylin = random.uniform(0.08, 0.11);
    for (std::size_t i = 0; i < img.pixelsPerSlice(); ++i) {
        const double ep = epithelium.values()[i], lu = lumen.values()[i], nu = nuclei.values()[i] * (1.0 - lu);
        if (ep <= 0 && nu <= 0) continue;
        float* rgb = img.voxels.data() + 3 * i;
        auto hed = HistopathologyDegradations::toHed(rgb);
        hed[1] = (1 - ep) * hed[1] + ep * eosin * (1 - 0.4 * nu);
        hed[0] = (1 - ep) * hed[0] + ep * (0.004 + haematoxylin * nu);
        hed[0] *= 1 - lu;
        hed[1] *= 1 - lu;
        HistopathologyDegradations::fromHed(hed, rgb);
    }
    ImageFilters::gaussianBlur(img, 0.4 * s / 512.0);
    img.metadata.insert(QStringLiteral("phantom"), QStringLiteral("histopathology-glands"));
    return img;
}

Image Phantoms::variedEndoscopy(int size, std::uint64_t seed) {
    Image img = endoscopy(size, seed);
    Random random(Random::derive(seed, 0xE4D02));
    const double s = size;
    // A sessile polyp: a dome raised from the wall, lit from the scope (brighter towards its
    // top), with a darker rim where it meets the mucosa.
    const int polyps = random.uniformInt(0, 2);
    for (int p = 0; p < polyps; ++p) {
        const double cx = random.uniform(0.2, 0.8) * s, cy = random.uniform(0.2, 0.8) * s;
        const double r = random.uniform(0.05, 0.12) * s, squash = random.uniform(0.7, 1.0);
        for (int y = std::max(0, int(cy - r - 2)); y < std::min(size, int(cy + r + 2)); ++y) {
            for (int x = std::max(0, int(cx - r - 2)); x < std::min(size, int(cx + r + 2)); ++x) {
                const double d = std::hypot((x - cx) / r, (y - cy) / (r * squash));
                if (d >= 1.08) continue;
                const double dome = d < 1 ? std::sqrt(1 - d * d) : 0.0, rim = std::exp(-std::pow((d - 1.0) / 0.06, 2));
                const double gain = (1.0 + 0.22 * dome) * (1.0 - 0.25 * rim);
                for (int c = 0; c < 3; ++c) {
                    float& v = img.at(x, y, 0, c);
                    if (v <= 0) continue;  // outside the scope's field
                    v = float(std::clamp(v * gain * (c == 0 ? 1.0 : 1.0 - 0.06 * dome), 0.0, 255.0));
                }
            }
        }
    }
    // An overall tint between pale (oesophagus) and deep red (inflamed stomach), within the
    // first generation's spread.
    const double tint = random.uniform(-0.08, 0.08);
    for (std::size_t i = 0; i < img.pixelsPerSlice(); ++i) {
        img.voxels[3 * i + 1] = float(std::clamp(img.voxels[3 * i + 1] * (1.0 - tint), 0.0, 255.0));
        img.voxels[3 * i + 2] = float(std::clamp(img.voxels[3 * i + 2] * (1.0 - tint), 0.0, 255.0));
    }
    img.metadata.insert(QStringLiteral("phantom"), QStringLiteral("endoscopy-varied"));
    return img;
}

}  // namespace medq::synth
