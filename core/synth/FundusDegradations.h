#pragma once
// Fundus photography degradations. They act inside the circular camera field (pixels brighter
// than the black surround) and leave the surround black, as a fundus camera would.
#include "synth/DegradationCatalog.h"

namespace medq::synth {

// Illumination, media opacity, eyelash/edge shadows and lens spots.
class FundusDegradations {
public:
    // A dark region covering 0.4-0.7 of the field width on one side, with a bright halo near the
    // rim opposite (the usual range); depth 0.3 / 0.5 / 0.75.
    static void unevenIllumination(Image& slice, const DegradationContext& context);
    // Cataract-like media opacity: Gaussian blur sigma 5 / 10 / 15 px "at full resolution"
    // (the usual range), taking a 1024 px wide field as full resolution and scaling to the image, plus a
    // milky veil of 12 / 25 / 40 %.
    static void haze(Image& slice, const DegradationContext& context);
    // Out-of-focus eyelashes (1 / 3 / 7 dark blurred streaks from the top or bottom) and a shadowed
    // arc of the field border.
    static void eyelashEdge(Image& slice, const DegradationContext& context);
    // Dust or smudges on the lens: 4 / 6 / 10 soft dark spots of radius 1-5 % of the height.
    static void spots(Image& slice, const DegradationContext& context);

    // Fraction of the field per pixel (0 outside the camera aperture, 1 inside).
    static std::vector<float> fieldMask(const Image& slice);
};

}  // namespace medq::synth
