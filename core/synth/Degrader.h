#pragma once
// Turns a clean image into a degraded one from a recipe of taxonomy attributes and a seed.
#include "common/Result.h"
#include "io/Image.h"
#include "taxonomy/Severity.h"

#include <cstdint>
#include <vector>

namespace medq::synth {

// Deterministic degradation synthesis: the same (base, recipe, seed) gives bit-identical voxels.
//
// Attributes are looked up in the taxonomy for base.modality and applied in imaging-chain order
// (object, acquisition, sensor, storage; see DegradationStage), not in recipe order. Each
// attribute draws from its own random streams derived from the seed and its key, so adding an
// attribute does not change how the others look. CT attributes share one simulated scan.
// Volumes are degraded slice by slice with shared shape parameters and per-slice noise.
class Degrader {
public:
    // Errors: modality without taxonomy, unknown or conflicting attributes, or an attribute whose
    // implementation needs another channel count (photographic attributes need RGB).
    static Result<Image> apply(const Image& base, const std::vector<AttributeSeverity>& recipe,
                               std::uint64_t seed);
    // "noise:mild,motion_ghosting:severe" (recipe order), as stored in Image::metadata["synth.recipe"].
    static QString recipeText(const std::vector<AttributeSeverity>& recipe);
};

}  // namespace medq::synth
