#pragma once
// Variety from few real sources: a seeded geometric, intensity and colour (stain) variation
// of a clean base before it is degraded. Every change stays well inside what the taxonomy
// still calls clean (contrast and gamma within about 10%, stain optical densities within
// 8%, no blur beyond bilinear resampling), so an augmented base is as clean as its source and
// the degradation's ground truth stays exact. Geometry follows the modality: tomography gets
// a left-right flip, a rotation up to 10 degrees and a zoom of 0.9-1.15; tissue tiles
// right-angle turns and flips (exact pixel moves); endoscopy frames those plus small turns and
// zooms; fundus photographs a flip and small turns. Sampling is cubic, clamped against ringing.
#include "io/Image.h"

#include <cstdint>

namespace medq::synth {

class BaseAugmenter {
public:
    // A 2D image of the same size, modality, units and windows. The same seed gives the same
    // pixels; the background (the image's minimum) fills what the turn or zoom uncovers.
    static Image apply(const Image& base, std::uint64_t seed);
};

}  // namespace medq::synth
