#pragma once
// Random degradation recipes for building benchmarks and pools.
#include "io/Modality.h"
#include "taxonomy/Severity.h"

#include <array>
#include <cstdint>
#include <vector>

namespace medq::synth {

// Draws valid recipes (known keys, no exclusions violated) for a modality.
class RecipeSampler {
public:
    struct Options {
        double cleanProbability = 0.2;                       // recipe with no attribute
        std::array<double, 3> countWeights{0.55, 0.3, 0.15}; // 1, 2 or 3 attributes
        std::array<double, 3> severityWeights{0.4, 0.35, 0.25};  // mild, moderate, severe
    };

    static std::vector<AttributeSeverity> sample(Modality modality, std::uint64_t seed);
    static std::vector<AttributeSeverity> sample(Modality modality, std::uint64_t seed, const Options& options);
};

}  // namespace medq::synth
