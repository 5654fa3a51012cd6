// The varied phantoms (generation 2): more anatomy per modality, patients of every size and
// position. Generation 1 (Phantoms::make) stays as it is: stored recipes keep their pixels.
#include "synth/Phantoms.h"

#include "common/Random.h"
#include "synth/SmoothNoise.h"
#include "synth/TissuePainter.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

using namespace tissue;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Axial chest: body wall, ribs in section, both lungs with vessels, heart, aorta, spine, sternum.
std::vector<Ellipse> chestEllipses(Random& random) {
    std::vector<Ellipse> e = {{0, 0, 0.92, 0.66, 0, Fat}, {0, -0.02, 0.86, 0.6, 0, Muscle}, {0, 0, 0.78, 0.52, 0, Fat}};
    const int ribs = random.uniformInt(12, 16);
    for (int i = 0; i < ribs; ++i) {
        const double a = 2 * kPi * (i + 0.5) / ribs;
        if (std::sin(a) < -0.75) continue;  // none behind the spine
        e.push_back({0.75 * std::cos(a), 0.49 * std::sin(a), 0.035, 0.022, a * 180 / kPi, Cortex});
    }
    e.push_back({0, 0, 0.72, 0.47, 0, Muscle});
    const double lungA = random.uniform(0.26, 0.33), lungB = random.uniform(0.34, 0.42);
    e.push_back({-0.35, 0.02, lungA, lungB, random.uniform(-8, 0), Lung});
    e.push_back({0.35, 0.02, lungA * random.uniform(0.9, 1.05), lungB, random.uniform(0, 8), Lung});
    // Vessels and bronchi in section: bright and dark dots through both lungs.
    for (int i = random.uniformInt(14, 26); i > 0; --i) {
        const double side = random.sign(), r = std::sqrt(random.uniform()) * 0.8, t = random.uniform(0, 2 * kPi);
        const double size = random.uniform(0.008, 0.02);
        e.push_back({side * 0.35 + r * lungA * std::cos(t), 0.02 + r * lungB * std::sin(t), size, size,
                     0, random.bernoulli(0.8) ? Vessel : Gas});
    }
    e.push_back({0.1, -0.04, random.uniform(0.18, 0.25), random.uniform(0.16, 0.22), random.uniform(20, 40), Blood});
    e.push_back({-0.08, -0.22, 0.06, 0.06, 0, Vessel});  // descending aorta
    e.push_back({0, -0.44, 0.11, 0.09, 0, Cortex});
    e.push_back({0, -0.44, 0.08, 0.065, 0, Bone});
    e.push_back({0, 0.44, 0.06, 0.03, 0, Cortex});  // sternum
    return e;
}

// Axial knee: skin and fat, muscles, femoral condyles with marrow, patella, popliteal vessels.
std::vector<Ellipse> kneeEllipses(Random& random) {
    const double c = random.uniform(0.14, 0.19);
    return {{0, 0, 0.6, 0.55, 0, Fat},
            {0, -0.04, 0.52, 0.46, 0, Muscle},
            {0, 0.05, 0.44, 0.32, 0, Fat},
            {-0.16, 0.02, c + 0.025, c * 0.85 + 0.025, 10, Cartilage},
            {0.16, 0.02, c + 0.025, c * 0.85 + 0.025, -10, Cartilage},
            {-0.16, 0.02, c, c * 0.85, 10, Cortex},
            {0.16, 0.02, c, c * 0.85, -10, Cortex},
            {-0.16, 0.02, c - 0.02, c * 0.85 - 0.02, 10, Marrow},
            {0.16, 0.02, c - 0.02, c * 0.85 - 0.02, -10, Marrow},
            {0, 0.34, 0.13, 0.06, 0, Cortex},
            {0, 0.34, 0.1, 0.04, 0, Marrow},
            {0.02, -0.28, 0.035, 0.035, 0, Vessel},
            {-0.05, -0.3, 0.03, 0.03, 0, Vessel}};
}

Image finish(Image img, Modality modality, double fieldMm, const char* name) {
    img.modality = modality;
    img.geometry.spacing = {fieldMm / img.width, fieldMm / img.width, 1.0};
    if (modality == Modality::MRI)
        for (auto& v : img.voxels) v = std::max(0.0f, v);
    addDefaultWindows(img);
    img.metadata.insert(QStringLiteral("phantom"), QString::fromLatin1(name));
    return img;
}

}  // namespace

Image Phantoms::varied(Modality modality, int size, std::uint64_t seed) {
    Random random(Random::derive(seed, 0x5A2));
    const int kind = int(seed % 4);
    switch (modality) {
    case Modality::CT: {
        if (kind == 0 || kind == 1) {
            // The first phantoms, posed anywhere and at any patient size.
            auto ellipses = kind == 0 ? headEllipses() : bodyEllipses();
            perturb(ellipses, random, 3, kind == 0 ? Grey : Liver, kind == 0 ? 0.8 : 0.7);
            pose(ellipses, random, kind == 0 ? 0.8 : 0.65, 0.12, 25);
            const auto texture = SmoothNoise::field(size, size, size / 11.0, 3, random);
            Image img = paint(size, ellipses, -1000.0, ctValue, texture, 4.5);
            if (kind == 0) img.windows.push_back({QStringLiteral("brain"), 40, 80});  // the head's usual reading window
            return finish(std::move(img), Modality::CT, kind == 0 ? 250 : 380, kind == 0 ? "ct-head-posed" : "ct-body-posed");
        }
        auto ellipses = kind == 2 ? chestEllipses(random) : kneeEllipses(random);
        pose(ellipses, random, kind == 2 ? 0.7 : 0.75, 0.1, kind == 2 ? 10 : 30);
        const auto texture = SmoothNoise::field(size, size, size / 12.0, 3, random);
        return finish(paint(size, ellipses, -1000.0, ctValue, texture, 5.0), Modality::CT, kind == 2 ? 400 : 180,
                      kind == 2 ? "ct-chest" : "ct-knee");
    }
    case Modality::MRI: {
        const bool t2 = random.bernoulli(0.5);
        std::vector<Ellipse> ellipses;
        const char* name = "mri-head-posed";
        double field = 240;
        if (kind == 0 || kind == 1) {
            ellipses = headEllipses();
            perturb(ellipses, random, 3, Grey, 0.8);
            pose(ellipses, random, 0.8, 0.12, 25);
        } else if (kind == 2) {
            ellipses = bodyEllipses();
            perturb(ellipses, random, 3, Liver, 0.7);
            pose(ellipses, random, 0.65, 0.1, 12);
            name = "mri-body";
            field = 400;
        } else {
            ellipses = kneeEllipses(random);
            pose(ellipses, random, 0.75, 0.1, 30);
            name = "mri-knee";
            field = 160;
        }
        auto value = [t2](Tissue t, double offset) { return 1000.0 * mriSignal(t, t2) * (1.0 + 0.05 * offset); };
        const auto texture = SmoothNoise::field(size, size, size / 10.0, 3, random);
        return finish(paint(size, ellipses, 0.0, value, texture, 20.0), Modality::MRI, field, name);
    }
    case Modality::Histopathology: return variedHistopathology(size, seed);
    case Modality::Endoscopy: return variedEndoscopy(size, seed);
    default: return make(modality, size, seed);  // fundus: disc side, size and pigment already vary by seed
    }
}

}  // namespace medq::synth
