#pragma once
// Renders a recipe to pixels: clean base from the BaseLibrary, then the seeded degrader.
#include "common/Result.h"
#include "dataset/SynthRecipe.h"
#include "io/Image.h"

namespace medq::dataset {

class SynthRenderer {
public:
    // `siteBaseFolder`: the workspace's site bases (SiteBaseFile::folderOf), needed when the
    // recipe is on a site base.
    static Result<Image> render(const SynthRecipe& recipe, const QString& siteBaseFolder = {});
};

}  // namespace medq::dataset
