#pragma once
// The one way the loop embeds images into an embedding file: a batch of ids, their
// preprocessed pixels (and measures), the model's embeddings, appended in one write (a kill loses at most
// the batch in flight). Used for the evaluation images (step 1) and the pool (step 3).
#include "common/Result.h"
#include "store/Records.h"

#include <QString>
#include <functional>
#include <vector>

namespace medq::index {
class EmbeddingFile;
}
namespace medq::model {
class QualityModel;
}

namespace medq::loop {

// What the embedder reads of each id, in order: preprocessed pixels and, for a model that
// embeds its measures (QualityModel::embedsMeasures), the measures standardised against its
// MeasureReference (one image at a time, so pool and queries share one space).
struct EmbeddingInputs {
    std::vector<std::vector<float>> pixels, measures;
};
using EmbeddingSource = std::function<Result<EmbeddingInputs>(const std::vector<store::Id>&)>;

// Images per batch: large enough to keep the encoder busy, small enough for a quick cancel.
constexpr int kEmbeddingBatch = 64;

// Embeds `ids` with `model` and appends them to `file` under those ids.
Status appendEmbeddings(const model::QualityModel& model, index::EmbeddingFile& file, const std::vector<store::Id>& ids,
                        const EmbeddingSource& inputs);

// The tag of an embedding file made by checkpoint `name`: the name, with "+measures" when the
// model embeds measures, so files made in the pixel space before are rebuilt. Idempotent.
QString embeddingTag(const QString& name, const model::QualityModel& model);

}  // namespace medq::loop
