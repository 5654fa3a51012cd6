#pragma once
// Shared by QualityModel's files: the input check every entry point makes, and the
// attribute head's severity probabilities from encoder features.
#include "common/Result.h"
#include "model/ModelConfig.h"
#include "model/QualityModel.h"
#include "model/internal/Network.h"

#include <vector>

namespace medq::model::internal {

// An error naming `item` unless `image` has the model's 3 x S x S floats.
Status checkImage(const std::vector<float>& image, const ModelConfig& config, std::size_t item);
// [image][slot][none, mild, moderate, severe] of every image whose encoder features are given.
AttributeReadings severityProbabilities(MultimodalNetworkImpl& network, const torch::Tensor& features);

}  // namespace medq::model::internal
