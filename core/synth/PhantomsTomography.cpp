// CT and MRI phantoms: painter-style ellipse phantoms with 2x2 supersampling.
#include "synth/Phantoms.h"

#include "common/Random.h"
#include "synth/SmoothNoise.h"
#include "synth/TissuePainter.h"

#include <cmath>

namespace medq::synth {

using namespace tissue;

Image Phantoms::ctHead(int size, std::uint64_t seed) {
    auto ellipses = headEllipses();
    Random random(seed);
    if (seed != 0) perturb(ellipses, random, 3, Grey, 0.8);
    const auto texture = SmoothNoise::field(size, size, size / 10.0, 3, random);
    Image img = paint(size, ellipses, -1000.0, ctValue, texture, 4.0);
    img.modality = Modality::CT;
    img.geometry.spacing = {250.0 / size, 250.0 / size, 1.0};
    img.windows.push_back({QStringLiteral("brain"), 40, 80});  // the head's usual reading window
    addDefaultWindows(img);
    img.metadata.insert(QStringLiteral("phantom"), QStringLiteral("ct-head"));
    return img;
}

Image Phantoms::ctBody(int size, std::uint64_t seed) {
    auto ellipses = bodyEllipses();
    Random random(seed);
    if (seed != 0) perturb(ellipses, random, 3, Liver, 0.7);
    const auto texture = SmoothNoise::field(size, size, size / 12.0, 3, random);
    Image img = paint(size, ellipses, -1000.0, ctValue, texture, 5.0);
    img.modality = Modality::CT;
    img.geometry.spacing = {380.0 / size, 380.0 / size, 1.0};
    addDefaultWindows(img);
    img.metadata.insert(QStringLiteral("phantom"), QStringLiteral("ct-body"));
    return img;
}

Image Phantoms::mriHead(int size, std::uint64_t seed, bool t2) {
    auto ellipses = headEllipses();
    Random random(seed);
    if (seed != 0) perturb(ellipses, random, 3, Grey, 0.8);
    // Relative signal of each tissue: T2 (CSF bright, grey > white) vs T1 (fat bright, CSF dark).
    // (Generation 1 keeps its skull at 0.06: stored recipes keep their pixels.)
    auto value = [t2](Tissue t, double offset) {
        return 1000.0 * (t == Skull ? 0.06 : mriSignal(t, t2)) * (1.0 + 0.05 * offset);
    };
    const auto texture = SmoothNoise::field(size, size, size / 10.0, 3, random);
    Image img = paint(size, ellipses, 0.0, value, texture, 20.0);
    for (auto& v : img.voxels) v = std::max(0.0f, v);
    img.modality = Modality::MRI;
    img.geometry.spacing = {240.0 / size, 240.0 / size, 1.0};
    addDefaultWindows(img);
    img.metadata.insert(QStringLiteral("phantom"), t2 ? QStringLiteral("mri-head-t2") : QStringLiteral("mri-head-t1"));
    return img;
}

Image Phantoms::make(Modality modality, int size, std::uint64_t seed) {
    switch (modality) {
    case Modality::CT: return seed % 2 == 0 ? ctHead(size, seed) : ctBody(size, seed);
    case Modality::MRI: return mriHead(size, seed, seed % 2 == 0);
    case Modality::Fundus: return fundus(size, seed);
    case Modality::Histopathology: return histopathology(size, seed);
    case Modality::Endoscopy: return endoscopy(size, seed);
    case Modality::Other: break;
    }
    return {};
}

}  // namespace medq::synth
