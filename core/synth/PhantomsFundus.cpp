// Synthetic colour fundus photograph.
#include "synth/Phantoms.h"

#include "common/Random.h"
#include "synth/ImageFilters.h"
#include "synth/ShapeMask.h"
#include "synth/SmoothNoise.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

namespace {

constexpr double kPi = 3.14159265358979323846;

// A vessel tree: a path with a steady bend (the arcades curve around the macula) and random
// wiggle, spawning thinner side branches.
void growVessel(ShapeMask& mask, Random& random, QPointF start, double heading, double bend, double width,
                double stepLength, int steps, int depth) {
    std::vector<QPointF> path{start};
    double turn = 0;
    QPointF p = start;
    for (int i = 0; i < steps; ++i) {
        turn = 0.6 * turn + random.normal() * 0.06;
        heading += bend + turn;
        p += QPointF(std::cos(heading), std::sin(heading)) * stepLength;
        path.push_back(p);
        if (depth > 0 && i > 2 && random.bernoulli(0.16)) {
            const double side = random.sign();
            growVessel(mask, random, p, heading + side * random.uniform(0.5, 1.0), bend * 0.5 + side * 0.02,
                       width * 0.62, stepLength * 0.8, int(steps * random.uniform(0.3, 0.6)), depth - 1);
        }
    }
    mask.addTaperedPolyline(path, width, width * 0.35, 0.8);
}

}  // namespace

Image Phantoms::fundus(int size, std::uint64_t seed) {
    Random random(Random::derive(seed, 0xF0F0));
    Image img(size, size, 1, 3);
    const double cx = size / 2.0, cy = size / 2.0, radius = 0.46 * size;
    const double side = random.bernoulli(0.5) ? 1.0 : -1.0;  // optic disc on the nasal side: left or right eye
    const QPointF disc(cx + side * 0.36 * radius + random.uniform(-0.03, 0.03) * radius,
                       cy + random.uniform(-0.08, 0.08) * radius);
    const QPointF macula(cx - side * 0.08 * radius, cy + random.uniform(-0.04, 0.04) * radius);
    const double discRadius = random.uniform(0.1, 0.13) * radius;
    // Base pigment varies between people: from light orange to dark red-brown.
    const double pigment = random.uniform(-1, 1);
    const double base[3] = {205 + 20 * pigment, 95 + 20 * pigment, 45 + 12 * pigment};
    const auto choroid = SmoothNoise::field(size, size, 0.06 * size, 3, random);

    ShapeMask arteries(size, size), veins(size, size);
    const double stepLength = 0.045 * radius;
    for (int v = 0; v < 2; ++v) {  // veins and arteries run in pairs
        ShapeMask& mask = v == 0 ? veins : arteries;
        const double width = (v == 0 ? 0.014 : 0.010) * radius * (0.9 + 0.2 * random.uniform());
        const double towardsTemporal = side > 0 ? kPi : 0.0;
        for (int up = -1; up <= 1; up += 2) {
            const QPointF start = disc + QPointF(random.uniform(-0.2, 0.2), random.uniform(-0.2, 0.2)) * discRadius;
            // Temporal arcades leave the disc vertically and bend towards the macula side.
            const double heading = up * kPi / 2 + side * up * random.uniform(0.15, 0.35);
            const double bend = side * up * 0.032;
            growVessel(mask, random, start, heading, bend, width, stepLength, 26, 2);
            // Nasal branches: shorter, towards the nasal edge.
            growVessel(mask, random, start, towardsTemporal + kPi + up * random.uniform(0.3, 0.7), 0.0, width * 0.7,
                       stepLength, 14, 1);
        }
    }
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            const double r = std::hypot(x - cx, y - cy) / radius;
            const double field = std::clamp((1.0 - r) * radius / 1.5 + 0.5, 0.0, 1.0);  // anti-aliased rim
            if (field <= 0) continue;
            const std::size_t i = std::size_t(y) * size + x;
            // Vignetting of the fundus camera and the choroidal texture.
            const double shade = (1.0 - 0.38 * r * r) * (1.0 + 0.07 * choroid[i]);
            double rgb[3] = {base[0] * shade, base[1] * shade, base[2] * shade};
            const double dm = std::hypot(x - macula.x(), y - macula.y()) / radius;
            const double maculaDark = 0.35 * std::exp(-dm * dm / 0.012) + 0.15 * std::exp(-dm * dm / 0.0008);
            for (double& c : rgb) c *= 1.0 - maculaDark;
            const double vein = veins.at(x, y), artery = arteries.at(x, y);
            const double veinColour[3] = {110, 28, 18}, arteryColour[3] = {165, 48, 28};
            for (int c = 0; c < 3; ++c) {
                rgb[c] = rgb[c] * (1 - 0.8 * artery) + arteryColour[c] * shade * 0.8 * artery;
                rgb[c] = rgb[c] * (1 - 0.85 * vein) + veinColour[c] * shade * 0.85 * vein;
            }
            // Optic disc: yellow rim with a paler cup; vessels stay visible on it.
            const double dd = std::hypot(x - disc.x(), y - disc.y()) / discRadius;
            const double discCover = std::clamp((1.0 - dd) * discRadius / 2.0 + 0.5, 0.0, 1.0);
            const double cup = std::exp(-dd * dd / 0.18);
            const double discColour[3] = {240 + 15 * cup, 190 + 40 * cup, 115 + 70 * cup};
            const double vesselOnDisc = std::max(vein, artery);
            for (int c = 0; c < 3; ++c) {
                const double d = discColour[c] * (1 - 0.6 * vesselOnDisc) + (c == 0 ? 140 : 40) * 0.6 * vesselOnDisc;
                rgb[c] = rgb[c] * (1 - discCover) + d * discCover;
                img.at(x, y, 0, c) = float(std::clamp(rgb[c] * field, 0.0, 255.0));
            }
        }
    }
    ImageFilters::gaussianBlur(img, 0.6 * size / 512.0);  // camera optics
    img.modality = Modality::Fundus;
    addDefaultWindows(img);
    img.metadata.insert(QStringLiteral("phantom"), QStringLiteral("fundus"));
    return img;
}

}  // namespace medq::synth
