#include "loop/PoolItems.h"

#include "io/ReaderVersion.h"
#include "dataset/SynthItemWriter.h"
#include "loop/PoolFileItems.h"
#include "store/Workspace.h"

namespace medq::loop {

std::optional<dataset::SynthRecipe> recipeOf(const store::PoolItemRecord& item) {
    if (item.modality < 0 || item.modality >= int(kClinicalModalities.size())) return std::nullopt;
    dataset::SynthRecipe r;
    r.modality = kClinicalModalities[std::size_t(item.modality)];
    r.base = item.base;
    r.seed = std::uint64_t(item.seed);
    auto attributes = dataset::SynthRecipe::decodeAttributes(r.modality, item.attributes);
    if (!attributes) return std::nullopt;
    r.attributes = *attributes;
    return r;
}

Result<store::Id> materialise(store::Workspace& ws, const store::PoolItemRecord& item, const QString& actor) {
    if (item.imageId) return *item.imageId;
    if (item.kind == PoolItemKind::File) {
        auto written = materialiseFile(ws, item, actor);
        if (written.ok()) return *written.value;
        ws.poolFiles().markUnusable(item.id, written.failure->status, written.failure->error.reason, io::kReaderVersion);
        return written.failure->error;
    }
    const auto recipe = recipeOf(item);
    if (!recipe) return Error{QStringLiteral("pool item %1").arg(item.id), QStringLiteral("unreadable recipe")};
    dataset::SynthItemWriter writer(ws);
    auto written = writer.write(*recipe, QStringLiteral("loop"), actor, QStringLiteral("pool"));
    if (!written) return written.error();
    ws.pool().setImage(item.id, written.value().imageId);
    return written.value().imageId;
}

}  // namespace medq::loop
