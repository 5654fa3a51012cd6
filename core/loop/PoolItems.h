#pragma once
// Pool items between their row (a compact recipe, or a registered file) and the pixels and
// workspace items the loop needs: pixels for embedding and drafting, materialise (image +
// tasks) when selected for annotation.
#include "common/Result.h"
#include "dataset/SynthRecipe.h"
#include "store/PoolRepository.h"

namespace medq::store { class Workspace; }

namespace medq::loop {

std::optional<dataset::SynthRecipe> recipeOf(const store::PoolItemRecord& item);
// Writes the item's image and tasks (split "loop") unless already done; returns the image
// id. Call inside the caller's transaction. A file item that cannot be used any more is
// marked so in the pool (gone, changed, unreadable) before its error is returned: callers
// skip it and go on.
Result<store::Id> materialise(store::Workspace& ws, const store::PoolItemRecord& item, const QString& actor);

}  // namespace medq::loop
