#include <torch/torch.h>

#include "train/BatchLoss.h"

#include "model/internal/SequenceBatch.h"

#include <algorithm>

namespace medq::train {

namespace internal = model::internal;

namespace {

// One layout group of a step: its perception and description rows as two parts that share
// one encoder pass, and the attribute labels of its distinct images.
struct GroupBatch {
    std::vector<internal::SequenceBatch> parts;
    std::vector<torch::Tensor> rowWeights;  // per part
    torch::Tensor attributeTargets;         // undefined: no labelled image (or pairs)
    torch::Tensor askedSlots;               // perception rows' asked slots; undefined: none
};

}  // namespace

BatchLoss lossOver(model::QualityModel::Impl& impl, const TrainConfig& config, const std::vector<TrainingExample>& examples,
                   const std::vector<model::TokenSequence>& sequences, const std::vector<std::size_t>& items, bool backward,
                   const DataParallel& parallel) {
    std::vector<const model::VisualInput*> images;
    for (std::size_t i : items) images.push_back(&examples[i].image);
    const int slotCount = impl.config.attributeSlots;
    const bool attributes = slotCount > 0 && config.attributeWeight > 0;
    const bool guidedSlots = impl.config.hasGuidedToken() && config.guidedSlotWeight > 0;
    std::vector<GroupBatch> groups;
    BatchLoss out;
    // All groups are packed first: every group's loss is scaled by the step's total normaliser.
    for (const auto& group : internal::groupByLayout(images, std::max<std::size_t>(1, backward ? items.size() : 32))) {
        std::vector<const model::VisualInput*> groupImages;
        std::vector<const model::TokenSequence*> groupSequences;
        std::vector<int> part;  // 0 perception, 1 description: padded apart, encoded together
        for (std::size_t g : group) {
            groupImages.push_back(images[g]);
            groupSequences.push_back(&sequences[items[g]]);
            part.push_back(examples[items[g]].kind == TrainingExample::Kind::Perception ? 0 : 1);
        }
        GroupBatch batch;
        batch.parts = internal::makeSequenceBatches(groupImages, groupSequences, part, 2, impl.config.imageSize,
                                                    impl.tokenizer.padId(), impl.device);
        for (std::size_t p = 0; p < batch.parts.size(); ++p) {
            std::vector<float> rowWeights;
            for (const int64_t targets : batch.parts[p].rowTargets) {
                const double tokenWeight = config.tokenWeight(p == 0, targets);
                rowWeights.push_back(float(tokenWeight));
                out.normaliser += tokenWeight * double(targets);
            }
            batch.rowWeights.push_back(torch::tensor(rowWeights));
        }
        // Attribute labels of the distinct single images (pairs have none): any row's will
        // do, as every example of an image carries the image's labels.
        if (attributes && !batch.parts.front().second.defined()) {
            std::vector<const std::vector<std::int8_t>*> labels(std::size_t(batch.parts.front().first.size(0)), nullptr);
            std::size_t next[2] = {0, 0};
            for (std::size_t i = 0; i < group.size(); ++i) {
                const std::size_t p = std::size_t(part[i]);
                const int64_t u = batch.parts[p].rowImage[next[p]++];
                const auto& t = examples[items[group[i]]].attributeTargets;
                if (!t.empty() && labels[std::size_t(u)] == nullptr) labels[std::size_t(u)] = &t;
            }
            int labelled = 0;
            auto targets = internal::attributeTargetMatrix(labels, slotCount, impl.device, &labelled);
            if (labelled > 0) {
                batch.attributeTargets = targets;
                out.attributeImages += labelled;
            }
        }
        if (guidedSlots && !batch.parts.front().second.defined()) {
            std::vector<int64_t> asked;  // in the perception part's row order (group order)
            for (std::size_t i = 0; i < group.size(); ++i) {
                if (part[i] != 0) continue;
                const int slot = examples[items[group[i]]].askedSlot;
                const bool known = slot >= 0 && slot < slotCount;
                asked.push_back(known ? slot : internal::kIgnoreIndex);
                out.guidedRows += known ? 1 : 0;
            }
            if (std::any_of(asked.begin(), asked.end(), [](int64_t s) { return s >= 0; }))
                batch.askedSlots = torch::tensor(asked, torch::kInt64);
        }
        groups.push_back(std::move(batch));
    }
    if (parallel.distributed()) {
        std::vector<double> counts{out.normaliser, double(out.attributeImages), double(out.guidedRows)};
        parallel.sum(counts);
        out.normaliser = counts[0];
        out.attributeImages = int(counts[1]);
        out.guidedRows = int(counts[2]);
    }
    auto& network = *impl.network;
    for (const GroupBatch& batch : groups) {
        const internal::SequenceBatch& shared = batch.parts.front();
        const auto [first, second] = network.encode(shared.first, shared.second, shared.firstMeasures, shared.secondMeasures);
        torch::Tensor total;
        for (std::size_t p = 0; p < batch.parts.size(); ++p) {
            if (batch.parts[p].targetCount == 0) continue;
            const auto text = internal::targetLossSum(network, batch.parts[p], first, second, batch.rowWeights[p]);
            out.textSum += text.item<double>();
            const auto scaled = text / std::max(out.normaliser, 1e-12);
            total = total.defined() ? total + scaled : scaled;
        }
        if (batch.attributeTargets.defined()) {
            const auto aux = internal::attributeLossSum(network, first, batch.attributeTargets, config.attributePresentWeight,
                                                         config.attributeOtherModalityWeight);
            out.attributeSum += aux.item<double>();
            const auto scaled = aux * (config.attributeWeight / double(out.attributeImages));
            total = total.defined() ? total + scaled : scaled;
        }
        if (batch.askedSlots.defined()) {
            const auto aux = internal::guidedSlotLossSum(network, batch.parts.front(), first, batch.askedSlots);
            out.guidedSum += aux.item<double>();
            const auto scaled = aux * (config.guidedSlotWeight / double(out.guidedRows));
            total = total.defined() ? total + scaled : scaled;
        }
        if (backward && total.defined()) total.backward();
    }
    if (parallel.distributed()) {
        std::vector<double> sums{out.textSum, out.attributeSum, out.guidedSum};
        parallel.sum(sums);
        out.textSum = sums[0];
        out.attributeSum = sums[1];
        out.guidedSum = sums[2];
    }
    return out;
}

}  // namespace medq::train
