#pragma once
// Renders a recipe to pixels: clean base from the BaseLibrary, then the seeded degrader.
#include "common/Result.h"
#include "dataset/SynthRecipe.h"
#include "io/Image.h"

namespace medq::dataset {

class SynthRenderer {
public:
    static Result<Image> render(const SynthRecipe& recipe);
};

}  // namespace medq::dataset
