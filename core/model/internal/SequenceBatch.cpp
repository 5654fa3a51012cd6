#include <torch/torch.h>

#include "model/internal/SequenceBatch.h"

#include "model/QualityMeasures.h"
#include "taxonomy/AttributeSlots.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace medq::model::internal {

torch::Tensor stackImages(const std::vector<const std::vector<float>*>& images, int imageSize, const torch::Device& device) {
    const int64_t floats = 3LL * imageSize * imageSize;
    auto out = torch::empty({int64_t(images.size()), 3, imageSize, imageSize});
    float* dst = out.data_ptr<float>();
    for (std::size_t i = 0; i < images.size(); ++i)
        std::copy_n(images[i]->data(), floats, dst + int64_t(i) * floats);
    return out.to(device);
}

torch::Tensor stackMeasures(const std::vector<const std::vector<float>*>& measures, const torch::Device& device) {
    const bool any = std::any_of(measures.begin(), measures.end(), [](const auto* m) { return m && !m->empty(); });
    if (!any) return {};
    const int64_t count = QualityMeasures::kCount;
    auto out = torch::zeros({int64_t(measures.size()), count});
    float* dst = out.data_ptr<float>();
    for (std::size_t i = 0; i < measures.size(); ++i)
        if (measures[i] && int64_t(measures[i]->size()) == count) std::copy_n(measures[i]->data(), count, dst + int64_t(i) * count);
    return out.to(device);
}

torch::Tensor stackSlotMasks(const std::vector<const VisualInput*>& images, const torch::Device& device) {
    const int64_t slotCount = attributeSlotCount();
    auto out = torch::ones({int64_t(images.size()), slotCount});
    auto mask = out.accessor<float, 2>();
    bool anyKnown = false;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const auto modality = modalityFromString(images[i]->modality);
        const std::vector<int> own = modality ? attributeSlotsOf(*modality) : std::vector<int>();
        if (own.empty()) continue;
        anyKnown = true;
        for (int64_t k = 0; k < slotCount; ++k) mask[int64_t(i)][k] = 0.0f;
        for (int slot : own) mask[int64_t(i)][slot] = 1.0f;
    }
    return anyKnown ? out.to(device) : torch::Tensor();
}

namespace {

// FNV-1a over a strided sample of the pixels: a cheap key; equal keys are confirmed by a
// full comparison before two rows share an image.
std::uint64_t sampleHash(const std::vector<float>& pixels) {
    std::uint64_t h = 1469598103934665603ULL ^ pixels.size();
    for (std::size_t i = 0; i < pixels.size(); i += 61) {
        std::uint32_t bits;
        std::memcpy(&bits, &pixels[i], sizeof bits);
        h = (h ^ bits) * 1099511628211ULL;
    }
    return h;
}

// Rows may share an encoding only when everything the network reads of their image is the
// same, the modality included (it picks the slots a network with own-modality slots reads).
bool sameInput(const VisualInput& a, const VisualInput& b) {
    return a.first == b.first && a.second == b.second && a.firstMeasures == b.firstMeasures &&
           a.secondMeasures == b.secondMeasures && a.modality == b.modality;
}

}  // namespace

SequenceBatch makeSequenceBatch(const std::vector<const VisualInput*>& images,
                                const std::vector<const TokenSequence*>& sequences, int imageSize, int padId,
                                const torch::Device& device) {
    return makeSequenceBatches(images, sequences, std::vector<int>(images.size(), 0), 1, imageSize, padId, device).front();
}

namespace {

// Pads the rows' token ids into tokens/targets of `batch`.
void packText(SequenceBatch& batch, const std::vector<const TokenSequence*>& sequences, int padId, const torch::Device& device) {
    const int64_t rows = int64_t(sequences.size());
    int64_t longest = 1;
    for (const TokenSequence* s : sequences) longest = std::max<int64_t>(longest, int64_t(s->ids.size()));
    auto tokens = torch::full({rows, longest}, int64_t(padId), torch::kInt64);
    auto targets = torch::full({rows, longest}, kIgnoreIndex, torch::kInt64);
    auto tok = tokens.accessor<int64_t, 2>();
    auto tgt = targets.accessor<int64_t, 2>();
    std::vector<int64_t> promptLengths;
    for (int64_t r = 0; r < rows; ++r) {
        const auto& ids = sequences[std::size_t(r)]->ids;
        const int64_t n = int64_t(ids.size());
        promptLengths.push_back(std::clamp<int64_t>(sequences[std::size_t(r)]->targetStart, 1, std::max<int64_t>(1, n)));
        for (int64_t t = 0; t < n; ++t) tok[r][t] = ids[std::size_t(t)];
        // Position t predicts token t + 1 when that token is part of the target.
        int64_t rowTargets = 0;
        for (int64_t t = std::max<int64_t>(0, sequences[std::size_t(r)]->targetStart - 1); t + 1 < n; ++t) {
            tgt[r][t] = ids[std::size_t(t + 1)];
            ++rowTargets;
        }
        batch.targetCount += rowTargets;
        batch.rowTargets.push_back(rowTargets);
        batch.lengths.push_back(n);
    }
    batch.tokens = tokens.to(device);
    batch.targets = targets.to(device);
    batch.promptLengths = torch::tensor(promptLengths, torch::kInt64).to(device);
}

}  // namespace

std::vector<SequenceBatch> makeSequenceBatches(const std::vector<const VisualInput*>& images,
                                               const std::vector<const TokenSequence*>& sequences,
                                               const std::vector<int>& part, int parts, int imageSize, int padId,
                                               const torch::Device& device) {
    std::vector<const VisualInput*> distinct;
    std::vector<int64_t> rowImage;
    std::unordered_multimap<std::uint64_t, int64_t> byHash;
    for (const VisualInput* image : images) {
        const std::uint64_t key = sampleHash(image->first) * 31 + sampleHash(image->second);
        int64_t index = -1;
        for (auto [it, end] = byHash.equal_range(key); it != end && index < 0; ++it)
            if (sameInput(*distinct[std::size_t(it->second)], *image)) index = it->second;
        if (index < 0) {
            index = int64_t(distinct.size());
            distinct.push_back(image);
            byHash.emplace(key, index);
        }
        rowImage.push_back(index);
    }
    std::vector<const std::vector<float>*> first, second, firstMeasures, secondMeasures;
    for (const VisualInput* image : distinct) {
        first.push_back(&image->first.values());
        firstMeasures.push_back(&image->firstMeasures);
        if (image->isPair()) {
            second.push_back(&image->second.values());
            secondMeasures.push_back(&image->secondMeasures);
        }
    }
    const torch::Tensor firstImages = stackImages(first, imageSize, device);
    const torch::Tensor secondImages = second.empty() ? torch::Tensor() : stackImages(second, imageSize, device);
    const torch::Tensor firstMeasureRows = stackMeasures(firstMeasures, device);
    const torch::Tensor secondMeasureRows = second.empty() ? torch::Tensor() : stackMeasures(secondMeasures, device);
    const torch::Tensor slotMasks = stackSlotMasks(distinct, device);

    std::vector<SequenceBatch> out(std::size_t(std::max(1, parts)));
    for (std::size_t p = 0; p < out.size(); ++p) {
        SequenceBatch& batch = out[p];
        batch.first = firstImages;
        batch.second = secondImages;
        batch.firstMeasures = firstMeasureRows;
        batch.secondMeasures = secondMeasureRows;
        batch.slotMask = slotMasks;
        std::vector<const TokenSequence*> rows;
        for (std::size_t i = 0; i < sequences.size(); ++i)
            if (std::size_t(part[i]) == p) {
                rows.push_back(sequences[i]);
                batch.rowImage.push_back(rowImage[i]);
            }
        batch.rowImageIndex = torch::tensor(batch.rowImage, torch::kInt64).to(device);
        packText(batch, rows, padId, device);
    }
    return out;
}

torch::Tensor attributeTargetMatrix(const std::vector<const std::vector<std::int8_t>*>& labels, int slotCount,
                                    const torch::Device& device, int* labelledImages) {
    const int64_t count = int64_t(labels.size());
    std::vector<int64_t> flat(std::size_t(count * slotCount), kIgnoreIndex);
    int labelled = 0;
    for (int64_t u = 0; u < count; ++u) {
        const auto* t = labels[std::size_t(u)];
        if (t == nullptr || t->empty()) continue;
        ++labelled;
        // A labelled image has none of the attributes its label vector leaves unknown (other
        // modalities' slots): trained as absent, those slots say "none" instead of anything,
        // which the question-guided token relies on when it reads every slot named "noise".
        for (int k = 0; k < slotCount; ++k) {
            const int value = k < int(t->size()) ? (*t)[std::size_t(k)] : -1;
            flat[std::size_t(u * slotCount + k)] = value < 0 ? kOtherModalitySlot : value;
        }
    }
    if (labelledImages) *labelledImages = labelled;
    return torch::tensor(flat, torch::kInt64).view({count, int64_t(slotCount)}).to(device);
}

torch::Tensor rowPrefix(MultimodalNetworkImpl& network, const SequenceBatch& batch) {
    const auto [first, second] = network.encode(batch.first, batch.second, batch.firstMeasures, batch.secondMeasures);
    return network.rowPrefix(first, second, batch.rowImageIndex, batch.tokens, batch.promptLengths, batch.slotMask);
}

torch::Tensor targetLossSum(MultimodalNetworkImpl& network, const SequenceBatch& batch, const torch::Tensor& rowWeights) {
    const auto [first, second] = network.encode(batch.first, batch.second, batch.firstMeasures, batch.secondMeasures);
    return targetLossSum(network, batch, first, second, rowWeights);
}

torch::Tensor targetLossSum(MultimodalNetworkImpl& network, const SequenceBatch& batch, const torch::Tensor& firstFeatures,
                            const torch::Tensor& secondFeatures, const torch::Tensor& rowWeights) {
    const auto prefix =
        network.rowPrefix(firstFeatures, secondFeatures, batch.rowImageIndex, batch.tokens, batch.promptLengths, batch.slotMask);
    const auto hidden = network.lm->forward(prefix, batch.tokens, nullptr);
    // The output head only at positions that have a target: a perception row has one among
    // ~20, and the head (vocab x width) is the widest matrix of the decoder.
    const auto targeted = batch.targets.ne(kIgnoreIndex);
    const auto logits = network.lm->logits(hidden.slice(1, prefix.size(1)).index({targeted}));
    const auto targets = batch.targets.index({targeted});
    if (!rowWeights.defined())
        return torch::nn::functional::cross_entropy(logits, targets,
                                                    torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum));
    const auto perToken = torch::nn::functional::cross_entropy(
        logits, targets, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
    const auto tokenWeights = rowWeights.to(perToken.device(), perToken.scalar_type()).unsqueeze(1).expand(batch.targets.sizes());
    return (perToken * tokenWeights.index({targeted})).sum();
}

torch::Tensor attributeLossSum(MultimodalNetworkImpl& network, const torch::Tensor& features, const torch::Tensor& targets,
                               double presentWeight, double otherModalityWeight) {
    const auto logits = network.attributeLogits(features);  // [U, slots, 4]
    auto options = torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone).ignore_index(kIgnoreIndex);
    if (presentWeight != 1.0) {
        const float w = float(presentWeight);
        options = options.weight(torch::tensor({1.0f, w, w, w}, logits.options()));
    }
    const auto other = targets.eq(kOtherModalitySlot);
    const auto severities = targets.masked_fill(other, 0);
    const auto perSlot = torch::nn::functional::cross_entropy(logits.reshape({-1, 4}), severities.reshape({-1}), options)
                             .view(targets.sizes());
    // Each slot's weight: 1 for the image's own attributes, the other modalities' weight for
    // theirs, 0 where unknown. The mean stays over every labelled slot, so the weight does not
    // change how much this loss counts against the text loss.
    const auto labelled = targets.ne(kIgnoreIndex).to(perSlot.scalar_type());
    const auto slotWeights = labelled - other.to(perSlot.scalar_type()) * (1.0 - otherModalityWeight);
    return ((perSlot * slotWeights).sum(1) / labelled.sum(1).clamp_min(1.0)).sum();
}

torch::Tensor guidedSlotLossSum(MultimodalNetworkImpl& network, const SequenceBatch& batch, const torch::Tensor& firstFeatures,
                                const torch::Tensor& askedSlots) {
    const auto logits = network.guidedSlotLogits(firstFeatures, batch.rowImageIndex, batch.tokens, batch.promptLengths, batch.slotMask);
    return torch::nn::functional::cross_entropy(
        logits, askedSlots.to(logits.device()),
        torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum).ignore_index(kIgnoreIndex));
}

std::vector<std::vector<std::size_t>> groupByLayout(const std::vector<const VisualInput*>& images, std::size_t maxRows) {
    std::vector<std::vector<std::size_t>> groups;
    for (bool pairs : {false, true}) {
        std::vector<std::size_t> current;
        for (std::size_t i = 0; i < images.size(); ++i) {
            if (images[i]->isPair() != pairs) continue;
            current.push_back(i);
            if (current.size() == maxRows) groups.push_back(std::exchange(current, {}));
        }
        if (!current.empty()) groups.push_back(std::move(current));
    }
    return groups;
}

}  // namespace medq::model::internal
