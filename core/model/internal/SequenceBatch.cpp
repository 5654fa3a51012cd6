#include <torch/torch.h>

#include "model/internal/SequenceBatch.h"

#include <algorithm>

namespace medq::model::internal {

torch::Tensor stackImages(const std::vector<const std::vector<float>*>& images, int imageSize, const torch::Device& device) {
    const int64_t floats = 3LL * imageSize * imageSize;
    auto out = torch::empty({int64_t(images.size()), 3, imageSize, imageSize});
    float* dst = out.data_ptr<float>();
    for (std::size_t i = 0; i < images.size(); ++i)
        std::copy_n(images[i]->data(), floats, dst + int64_t(i) * floats);
    return out.to(device);
}

SequenceBatch makeSequenceBatch(const std::vector<const VisualInput*>& images,
                                const std::vector<const TokenSequence*>& sequences, int imageSize, int padId,
                                const torch::Device& device) {
    SequenceBatch batch;
    std::vector<const std::vector<float>*> first, second;
    for (const VisualInput* image : images) {
        first.push_back(&image->first);
        if (image->isPair()) second.push_back(&image->second);
    }
    batch.first = stackImages(first, imageSize, device);
    if (!second.empty()) batch.second = stackImages(second, imageSize, device);

    const int64_t rows = int64_t(sequences.size());
    int64_t longest = 1;
    for (const TokenSequence* s : sequences) longest = std::max<int64_t>(longest, int64_t(s->ids.size()));
    auto tokens = torch::full({rows, longest}, int64_t(padId), torch::kInt64);
    auto targets = torch::full({rows, longest}, kIgnoreIndex, torch::kInt64);
    auto tok = tokens.accessor<int64_t, 2>();
    auto tgt = targets.accessor<int64_t, 2>();
    for (int64_t r = 0; r < rows; ++r) {
        const auto& ids = sequences[std::size_t(r)]->ids;
        const int64_t n = int64_t(ids.size());
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
    return batch;
}

torch::Tensor targetLossSum(MultimodalNetworkImpl& network, const SequenceBatch& batch, const torch::Tensor& rowWeights) {
    const auto prefix = network.visualPrefix(batch.first, batch.second);
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
