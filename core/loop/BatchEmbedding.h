#pragma once
// The one way the loop embeds images into an embedding file: a batch of ids, their
// preprocessed pixels, the model's embeddings, appended in one write (a kill loses at most
// the batch in flight). Used for the evaluation images (step 1) and the pool (step 3).
#include "common/Result.h"
#include "store/Records.h"

#include <functional>
#include <vector>

namespace medq::index {
class EmbeddingFile;
}
namespace medq::model {
class QualityModel;
}

namespace medq::loop {

// Preprocessed pixels of each id, in order.
using PixelSource = std::function<Result<std::vector<std::vector<float>>>(const std::vector<store::Id>&)>;

// Images per batch: large enough to keep the encoder busy, small enough for a quick cancel.
constexpr int kEmbeddingBatch = 64;

// Embeds `ids` with `model` and appends them to `file` under those ids.
Status appendEmbeddings(const model::QualityModel& model, index::EmbeddingFile& file, const std::vector<store::Id>& ids,
                        const PixelSource& pixels);

}  // namespace medq::loop
