#pragma once
// PRIVATE to the torch translation units of core/model and core/train (include
// <torch/torch.h> first). Packs items into the tensors the network takes.
#ifndef TORCH_VERSION_MAJOR
#error "model/internal/SequenceBatch.h needs <torch/torch.h> included first"
#endif
#include "model/PromptFormat.h"
#include "model/QualityQueries.h"
#include "model/internal/Network.h"

#include <vector>

namespace medq::model::internal {

// Rows share one layout: all single images or all pairs. Text is right-padded, so with a
// causal mask no real token ever attends to padding.
struct SequenceBatch {
    torch::Tensor first, second;  // [B,3,S,S]; second undefined for single images
    torch::Tensor tokens;         // [B,T] int64, padded with the pad id
    torch::Tensor targets;        // [B,T] int64: the next token where it is a target, else -100
    std::vector<int64_t> lengths; // real tokens per row
    std::vector<int64_t> rowTargets;  // target tokens per row
    int64_t targetCount = 0;
    int64_t rows() const { return tokens.size(0); }
};

constexpr int64_t kIgnoreIndex = -100;  // torch's cross_entropy default

// images[i] pairs with sequences[i]; every image must hold `imageSize` x `imageSize` x 3 floats.
SequenceBatch makeSequenceBatch(const std::vector<const VisualInput*>& images,
                                const std::vector<const TokenSequence*>& sequences, int imageSize, int padId,
                                const torch::Device& device);

// Stacks preprocessed CHW images into [B,3,S,S] on `device`.
torch::Tensor stackImages(const std::vector<const std::vector<float>*>& images, int imageSize, const torch::Device& device);

// Sum over the batch's target tokens of the next-token cross-entropy (a scalar tensor
// with gradient): the training objective for perception and description alike. With
// rowWeights ([rows] float) every token of row r counts rowWeights[r] times.
torch::Tensor targetLossSum(MultimodalNetworkImpl& network, const SequenceBatch& batch,
                            const torch::Tensor& rowWeights = {});

// Splits item indices into runs of single images and of pairs, each at most maxRows long.
std::vector<std::vector<std::size_t>> groupByLayout(const std::vector<const VisualInput*>& images, std::size_t maxRows);

}  // namespace medq::model::internal
