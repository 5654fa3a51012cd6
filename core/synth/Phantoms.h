#pragma once
// Procedural clean base images for every modality: seeded, any size, no files needed.
#include "io/Image.h"

#include <cstdint>

namespace medq::synth {

// Generators of clean, artefact-free images with the right modality, units and windows.
// Seed 0 gives a canonical image; other seeds give random variants of the same anatomy.
class Phantoms {
public:
    // The generator for a modality (CT alternates head and body by seed; MRI alternates T2 and T1
    // contrast). Modality::Other gives an empty image.
    static Image make(Modality modality, int size, std::uint64_t seed);
    // Generation 2 (recipes with base -2): more anatomy and every patient size and position.
    // CT: head and body posed anywhere (scale down to 0.65-0.8, shifted, turned), an axial chest
    // (lungs, vessels, ribs, heart) and a knee (condyles, marrow, cartilage, patella); MRI: the
    // posed head, an abdomen and a knee at T1 or T2 contrast; tissue with glands; endoscopy
    // frames with polyps and a varied tint; fundus photographs as make() (disc side and
    // pigment already vary by seed).
    static Image varied(Modality modality, int size, std::uint64_t seed);
    // The first H&E tile with 2-6 glands (lumen, epithelium, a ring of nuclei) painted over it.
    static Image variedHistopathology(int size, std::uint64_t seed);
    // The first endoscopy frame with 0-2 sessile polyps and a tint within +-8%.
    static Image variedEndoscopy(int size, std::uint64_t seed);

    // Modified Shepp-Logan head (Toft's ellipses) in Hounsfield units: scalp, skull, grey and
    // white matter, CSF, small lesions. Seeds != 0 perturb every ellipse and add 0-3 lesions.
    static Image ctHead(int size, std::uint64_t seed);
    // Abdominal section in HU: fat, muscle, liver, spleen, kidneys, aorta, vertebra, bowel gas.
    static Image ctBody(int size, std::uint64_t seed);
    // Shepp-Logan head with MRI contrast (arbitrary units 0..1000); T2-weighted (CSF bright)
    // when t2 is true, T1-weighted (CSF dark, fat bright) otherwise.
    static Image mriHead(int size, std::uint64_t seed, bool t2 = true);
    // Colour fundus photograph: circular field, orange fundus, optic disc, macula, branching
    // arteries and veins.
    static Image fundus(int size, std::uint64_t seed);
    // H&E tile built in stain (optical density) space: pink fibrous stroma, purple nuclei, white
    // lumina.
    static Image histopathology(int size, std::uint64_t seed);
    // Endoscopy frame: pinkish mucosa with folds around a dark lumen, vessels, vignetting and the
    // black border of the scope's circular field.
    static Image endoscopy(int size, std::uint64_t seed);
};

}  // namespace medq::synth
