#pragma once
// Smooth random fields (multi-octave value noise) for textures and spatially varying effects.
#include "common/Random.h"

#include <vector>

namespace medq::synth {

// Band-limited random texture generator.
class SmoothNoise {
public:
    // A w x h field with zero mean and values roughly in [-1, 1]: value noise on a lattice of
    // `featureSize` pixels with smoothstep interpolation, plus `octaves - 1` finer octaves at half
    // the size and half the amplitude each (fractional Brownian motion).
    static std::vector<float> field(int width, int height, double featureSize, int octaves, Random& random);
};

}  // namespace medq::synth
