#pragma once
// Histopathology (H&E) degradations in optical-density space, where stains add linearly
// (Beer-Lambert) and can be separated by colour deconvolution (Ruifrok & Johnston 2001).
#include "synth/DegradationCatalog.h"

#include <array>

namespace medq::synth {

// Stain variation, tissue folds and pen marks on RGB tiles.
class HistopathologyDegradations {
public:
    // HED jitter (Tellez et al. 2018): per-stain scale 1 +- 0.05 / 0.15 / 0.3 and shift
    // +- 0.0015 / 0.008 / 0.02 in scikit-image rgb2hed units (optical density / ln(1e6)). A shift
    // tints unstained glass too, so the usual +-0.05 is reduced: at 0.05 even clean glass turns
    // visibly purple, and mild must stay subtle (a few grey levels of mean colour).
    static void stainVariation(Image& slice, const DegradationContext& context);
    // A fold: along a wavy band the section lies double, so a displaced copy of the tissue adds
    // its optical density (darker, more saturated), with a darker crease at the band's edges.
    // Band half-width 2 / 4 / 7 % of the short side. No standard generator exists.
    static void tissueFold(Image& slice, const DegradationContext& context);
    // Marker ink on the glass: a wavy stroke that multiplies the transmitted light by the ink's
    // colour, opacity 0.45 / 0.7 / 0.9 with density texture.
    static void penMarks(Image& slice, const DegradationContext& context);

    // Ruifrok & Johnston's H, E and DAB optical-density vectors (rows, unit length), the same
    // matrix as scikit-image's rgb_from_hed.
    static const std::array<std::array<double, 3>, 3>& stainMatrix();
    // RGB (0..255) -> concentrations (H, E, DAB) in rgb2hed units, and back.
    static std::array<double, 3> toHed(const float* rgb);
    static void fromHed(const std::array<double, 3>& hed, float* rgb);
};

}  // namespace medq::synth
