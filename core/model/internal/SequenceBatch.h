#pragma once
// PRIVATE to the torch translation units of core/model and core/train (include
// <torch/torch.h> first). Packs items into the tensors the network takes.
#ifndef TORCH_VERSION_MAJOR
#error "model/internal/SequenceBatch.h needs <torch/torch.h> included first"
#endif
#include "model/PromptFormat.h"
#include "model/QualityQueries.h"
#include "model/internal/Network.h"

#include <cstdint>
#include <vector>

namespace medq::model::internal {

// Rows share one layout: all single images or all pairs. Text is right-padded, so with a
// causal mask no real token ever attends to padding. Rows about the same image (several
// questions on one image) share one copy of it: the encoder sees every distinct image once.
struct SequenceBatch {
    torch::Tensor first, second;  // [U,3,S,S] distinct images; second undefined for single images
    // [U, QualityMeasures::kCount] standardised measures of first/second; undefined when no
    // image of the batch has any (the model reads zeros).
    torch::Tensor firstMeasures, secondMeasures;
    // [U, attributeSlotCount()] 1 at the slots of each image's modality (a pair shares one), 1
    // everywhere when it is unknown; undefined when no image's modality is known. Read by a
    // network with ModelConfig::hasOwnModalitySlots().
    torch::Tensor slotMask;
    std::vector<int64_t> rowImage;  // row -> index into first/second
    torch::Tensor rowImageIndex;    // the same as a [B] int64 tensor on the batch's device
    torch::Tensor tokens;         // [B,T] int64, padded with the pad id
    torch::Tensor targets;        // [B,T] int64: the next token where it is a target, else -100
    torch::Tensor promptLengths;  // [B] int64: tokens before the row's target (its prompt)
    std::vector<int64_t> lengths; // real tokens per row
    std::vector<int64_t> rowTargets;  // target tokens per row
    int64_t targetCount = 0;
    int64_t rows() const { return tokens.size(0); }
};

constexpr int64_t kIgnoreIndex = -100;  // torch's cross_entropy default
constexpr int64_t kOtherModalitySlot = -2;  // attributeTargetMatrix: another modality's attribute

// images[i] pairs with sequences[i]; every image must hold `imageSize` x `imageSize` x 3 floats.
SequenceBatch makeSequenceBatch(const std::vector<const VisualInput*>& images,
                                const std::vector<const TokenSequence*>& sequences, int imageSize, int padId,
                                const torch::Device& device);

// The same rows split into parts (part[i] in [0, parts)) that share one encoder pass: each
// part's text is padded on its own, so a ~20-token question is not padded to a ~90-token
// description, while `first`/`second` of every part hold the distinct images of all parts
// (the same tensors) and each part's rowImage indexes into them. A part without rows has
// rows() == 0.
std::vector<SequenceBatch> makeSequenceBatches(const std::vector<const VisualInput*>& images,
                                               const std::vector<const TokenSequence*>& sequences,
                                               const std::vector<int>& part, int parts, int imageSize, int padId,
                                               const torch::Device& device);

// Attribute labels of U images as the head's targets: [U, slots] int64 severities. An image
// without labels (labels[u] null or empty) is kIgnoreIndex throughout; a labelled image's
// unknown slots (negative, or beyond its vector: other modalities' attributes) are
// kOtherModalitySlot, which attributeLossSum trains as absent with its own weight.
// *labelledImages (when given) counts the images with a non-empty label vector.
torch::Tensor attributeTargetMatrix(const std::vector<const std::vector<std::int8_t>*>& labels, int slotCount,
                                    const torch::Device& device, int* labelledImages = nullptr);

// Stacks images' measures into [B, kCount] on `device` (zeros for an image without); undefined
// when none has any.
torch::Tensor stackMeasures(const std::vector<const std::vector<float>*>& measures, const torch::Device& device);

// The slotMask of SequenceBatch for these images.
torch::Tensor stackSlotMasks(const std::vector<const VisualInput*>& images, const torch::Device& device);

// Stacks preprocessed CHW images into [B,3,S,S] on `device`.
torch::Tensor stackImages(const std::vector<const std::vector<float>*>& images, int imageSize, const torch::Device& device);

// The visual prefix of every row: [B, P, lmWidth], each distinct image encoded once (the
// question-guided tokens read each row's own prompt).
torch::Tensor rowPrefix(MultimodalNetworkImpl& network, const SequenceBatch& batch);

// Sum over the batch's target tokens of the next-token cross-entropy (a scalar tensor
// with gradient): the training objective for perception and description alike. With
// rowWeights ([rows] float) every token of row r counts rowWeights[r] times.
torch::Tensor targetLossSum(MultimodalNetworkImpl& network, const SequenceBatch& batch,
                            const torch::Tensor& rowWeights = {});

// The same from the encoder features of the batch's distinct images (vision() of first and
// of second), so a caller can use those features for another loss as well.
torch::Tensor targetLossSum(MultimodalNetworkImpl& network, const SequenceBatch& batch, const torch::Tensor& firstFeatures,
                            const torch::Tensor& secondFeatures, const torch::Tensor& rowWeights);

// Sum over images of the mean cross-entropy of the attribute head over each image's labelled
// slots. features: vision() output [U,T,Wv]; targets: [U, slots] int64 severities,
// kIgnoreIndex where unknown, kOtherModalitySlot for another modality's attribute (trained as
// absent, its loss multiplied by otherModalityWeight; it still counts in the mean). Images without
// any labelled slot add nothing. presentWeight multiplies the loss of slots whose attribute
// is present (severity > 0): about one slot in seven is, and unweighted the head learns to say
// "none" everywhere.
torch::Tensor attributeLossSum(MultimodalNetworkImpl& network, const torch::Tensor& features, const torch::Tensor& targets,
                               double presentWeight = 1.0, double otherModalityWeight = 1.0);

// Sum over rows of the cross-entropy of the question-guided token's attention against the
// slot of the attribute the row's question names: askedSlots [rows] int64, kIgnoreIndex for a
// row without one (what, overall and comparison questions, descriptions). firstFeatures:
// vision() of batch.first. Teaches the query which slot a question is about, which the answer
// loss alone did not (the token read a blend of slots and the answer stayed at the prior).
torch::Tensor guidedSlotLossSum(MultimodalNetworkImpl& network, const SequenceBatch& batch, const torch::Tensor& firstFeatures,
                                const torch::Tensor& askedSlots);

// Splits item indices into runs of single images and of pairs, each at most maxRows long.
std::vector<std::vector<std::size_t>> groupByLayout(const std::vector<const VisualInput*>& images, std::size_t maxRows);

}  // namespace medq::model::internal
