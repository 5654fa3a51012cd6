#include "loop/BatchEmbedding.h"

#include "index/EmbeddingFile.h"
#include "model/QualityModel.h"

namespace medq::loop {

Status appendEmbeddings(const model::QualityModel& model, index::EmbeddingFile& file, const std::vector<store::Id>& ids,
                        const PixelSource& pixels) {
    auto px = pixels(ids);
    if (!px) return px.error();
    auto vectors = model.embed(px.value());
    if (!vectors) return vectors.error();
    std::vector<float> flat;
    flat.reserve(vectors.value().size() * std::size_t(file.dim()));
    for (const auto& v : vectors.value()) flat.insert(flat.end(), v.begin(), v.end());
    return file.append(std::vector<std::int64_t>(ids.begin(), ids.end()), flat.data());
}

}  // namespace medq::loop
