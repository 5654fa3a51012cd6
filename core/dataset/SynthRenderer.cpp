#include "dataset/SynthRenderer.h"

#include "dataset/BaseLibrary.h"
#include "synth/BaseAugmenter.h"
#include "synth/Degrader.h"

namespace medq::dataset {

Result<Image> SynthRenderer::render(const SynthRecipe& recipe, const QString& siteBaseFolder) {
    if (recipe.isSiteBase() && siteBaseFolder.isEmpty())
        return Error{recipe.toText(), QStringLiteral("rendered on a site base, but no workspace was given")};
    // The phantom's own seed is derived from the recipe seed so that items differ in anatomy
    // as well as in degradation noise.
    auto base = recipe.isSiteBase()
                    ? BaseLibrary::instance().loadSite(siteBaseFolder, recipe.siteBaseId())
                    : BaseLibrary::instance().load(recipe.modality, recipe.base, recipe.seed * 0x9E3779B97F4A7C15ull + 1);
    if (!base) return base;
    const bool augment = recipe.augmented && recipe.base >= 0;
    auto out = synth::Degrader::apply(augment ? synth::BaseAugmenter::apply(base.value(), recipe.seed) : base.value(),
                                      recipe.attributes, recipe.seed);
    if (!out) return out;
    out.value().modality = recipe.modality;
    if (out.value().windows.empty()) addDefaultWindows(out.value());
    return out;
}

}  // namespace medq::dataset
