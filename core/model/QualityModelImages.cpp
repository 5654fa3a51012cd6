#include <torch/torch.h>

// QualityModel's readings of images without text: retrieval embeddings and the attribute
// head's severities (the rest of the class is in QualityModel.cpp).
#include "model/QualityModel.h"

#include "model/PresenceCall.h"
#include "model/internal/ImageChecks.h"
#include "model/internal/ModelState.h"
#include "model/internal/ScriptedInference.h"
#include "model/internal/SequenceBatch.h"
#include "model/internal/WeightArchive.h"

namespace medq::model {

namespace internal {

Status checkImage(const std::vector<float>& image, const ModelConfig& config, std::size_t item) {
    if (int(image.size()) == config.imageFloats()) return {};
    return Error{QStringLiteral("item %1").arg(item),
                 QStringLiteral("image has %1 floats, the model takes 3 x %2 x %2 = %3 (run ImagePreprocessor)")
                     .arg(image.size()).arg(config.imageSize).arg(config.imageFloats())};
}

// The attribute head's severity probabilities of every image whose encoder features are given.
AttributeReadings severityProbabilities(MultimodalNetworkImpl& network, const torch::Tensor& features) {
    const auto p = torch::softmax(network.attributeLogits(features), -1).to(torch::kCPU, torch::kFloat64).contiguous();
    const auto acc = p.accessor<double, 3>();
    AttributeReadings out(std::size_t(p.size(0)), std::vector<std::array<double, 4>>(std::size_t(p.size(1))));
    for (int64_t r = 0; r < p.size(0); ++r)
        for (int64_t s = 0; s < p.size(1); ++s)
            for (int64_t k = 0; k < 4; ++k) out[std::size_t(r)][std::size_t(s)][std::size_t(k)] = acc[r][s][k];
    return out;
}

}  // namespace internal

using internal::checkImage;
using internal::firstLine;
using internal::severityProbabilities;

int QualityModel::embeddingDimension() const { return m_impl ? m_impl->config.visionWidth : 0; }

bool QualityModel::embedsMeasures() const {
    return m_impl && !m_impl->scripted && m_impl->config.sourceMeasures && !m_impl->config.readsPixels();
}

Result<std::vector<std::vector<float>>> QualityModel::embed(const std::vector<std::vector<float>>& images,
                                                            const std::vector<std::vector<float>>* measures) const {
    if (!m_impl) return Error{QString(), QStringLiteral("no model loaded")};
    for (std::size_t i = 0; i < images.size(); ++i)
        if (Status s = checkImage(images[i], m_impl->config, i); !s) return s.error();
    if (!measures && embedsMeasures())
        return Error{QString(), QStringLiteral("this model embeds images by their quality measures; none were given")};
    if (measures && measures->size() != images.size())
        return Error{QString(), QStringLiteral("%1 measure rows for %2 images").arg(measures->size()).arg(images.size())};
    if (m_impl->scripted) return internal::scriptedEmbed(*m_impl, images, m_batchRows);
    std::vector<std::vector<float>> out;
    out.reserve(images.size());
    try {
        torch::NoGradGuard noGrad;
        m_impl->network->eval();
        for (std::size_t start = 0; start < images.size(); start += std::size_t(m_batchRows)) {
            std::vector<const std::vector<float>*> chunk;
            for (std::size_t i = start; i < std::min(images.size(), start + std::size_t(m_batchRows)); ++i) chunk.push_back(&images[i]);
            torch::Tensor measureRows;
            if (embedsMeasures()) {
                std::vector<const std::vector<float>*> rows;
                for (std::size_t i = start; i < start + chunk.size(); ++i) rows.push_back(&(*measures)[i]);
                measureRows = internal::stackMeasures(rows, m_impl->device);
            }
            const auto vectors =
                m_impl->network->embed(internal::stackImages(chunk, m_impl->config.imageSize, m_impl->device), measureRows)
                    .to(torch::kCPU).contiguous();
            const float* data = vectors.data_ptr<float>();
            for (int64_t r = 0; r < vectors.size(0); ++r)
                out.emplace_back(data + r * vectors.size(1), data + (r + 1) * vectors.size(1));
        }
    } catch (const std::exception& e) {
        return Error{QString(), QStringLiteral("embedding failed: %1").arg(firstLine(e.what()))};
    }
    return out;
}

Result<AttributeReadings> QualityModel::attributeProbabilities(const std::vector<std::vector<float>>& images,
                                                               const std::vector<std::vector<float>>* measures) const {
    if (!m_impl) return Error{QString(), QStringLiteral("no model loaded")};
    if (m_impl->config.attributeSlots <= 0) return Error{QString(), QStringLiteral("this model has no attribute head")};
    for (std::size_t i = 0; i < images.size(); ++i)
        if (Status s = checkImage(images[i], m_impl->config, i); !s) return s.error();
    if (m_impl->scripted) {
        std::vector<const std::vector<float>*> pointers;
        for (const auto& image : images) pointers.push_back(&image);
        return internal::scriptedReadings(*m_impl, pointers, m_batchRows);
    }
    AttributeReadings out;
    try {
        torch::NoGradGuard noGrad;
        auto& network = *m_impl->network;
        network.eval();
        for (std::size_t start = 0; start < images.size(); start += std::size_t(m_batchRows)) {
            std::vector<const std::vector<float>*> chunk, chunkMeasures;
            for (std::size_t i = start; i < std::min(images.size(), start + std::size_t(m_batchRows)); ++i) {
                chunk.push_back(&images[i]);
                chunkMeasures.push_back(measures && i < measures->size() ? &(*measures)[i] : nullptr);
            }
            auto read = severityProbabilities(network, network.vision(internal::stackImages(chunk, m_impl->config.imageSize, m_impl->device),
                                                                      internal::stackMeasures(chunkMeasures, m_impl->device)));
            std::move(read.begin(), read.end(), std::back_inserter(out));
        }
    } catch (const std::exception& e) {
        return Error{QString(), QStringLiteral("attribute inference failed: %1").arg(firstLine(e.what()))};
    }
    return out;
}

Result<std::vector<std::vector<int>>> QualityModel::attributeSeverities(const std::vector<std::vector<float>>& images) const {
    auto probabilities = attributeProbabilities(images);
    if (!probabilities) return probabilities.error();
    std::vector<std::vector<int>> out;
    for (const auto& severities : probabilities.value()) {
        std::vector<int> best;
        for (std::size_t k = 0; k < severities.size(); ++k)
            best.push_back(calledSeverity(severities[k], thresholdOf(m_impl->presenceThresholds, k)));
        out.push_back(std::move(best));
    }
    return out;
}

}  // namespace medq::model
