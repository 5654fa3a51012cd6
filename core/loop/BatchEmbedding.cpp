#include "loop/BatchEmbedding.h"

#include "index/EmbeddingFile.h"
#include "model/QualityModel.h"

namespace medq::loop {

Status appendEmbeddings(const model::QualityModel& model, index::EmbeddingFile& file, const std::vector<store::Id>& ids,
                        const EmbeddingSource& inputs) {
    auto read = inputs(ids);
    if (!read) return read.error();
    const bool withMeasures = model.embedsMeasures();
    auto vectors = model.embed(read.value().pixels, withMeasures ? &read.value().measures : nullptr);
    if (!vectors) return vectors.error();
    std::vector<float> flat;
    flat.reserve(vectors.value().size() * std::size_t(file.dim()));
    for (const auto& v : vectors.value()) flat.insert(flat.end(), v.begin(), v.end());
    return file.append(std::vector<std::int64_t>(ids.begin(), ids.end()), flat.data());
}

QString embeddingTag(const QString& name, const model::QualityModel& model) {
    const QString suffix = QStringLiteral("+measures");
    return model.embedsMeasures() && !name.endsWith(suffix) ? name + suffix : name;
}

}  // namespace medq::loop
