#pragma once
// PRIVATE to core/train's torch translation units (include <torch/torch.h> first): the loss
// of one training step's examples, text and attribute head together.
#include "model/PromptFormat.h"
#include "model/internal/ModelState.h"
#include "train/DataParallel.h"
#include "train/TrainConfig.h"
#include "train/TrainingExample.h"

#include <vector>

namespace medq::train {

// The batch loss of `items` (indices into examples/sequences): the text loss (sum and its
// normaliser, loss = sum / normaliser) and the auxiliary attribute loss (sum over distinct
// labelled images and their count). With `backward`, accumulates the gradient of
// text sum / normaliser + attributeWeight x attribute sum / images + guidedSlotWeight x guided
// sum / rows, so a batch makes one step.
// Token weights come from TrainConfig::tokenWeight: per example, the text loss is a weighted
// mean of the examples' mean token losses.
// With a distributed `parallel`, `items` is this rank's share of the batch: the normalisers
// (normaliser, attributeImages, guidedRows) are summed over the ranks before the forward
// pass, so the gradients summed over ranks are the whole batch's, and the sums returned are
// the whole batch's too. Every rank must call it, with or without items.
struct BatchLoss {
    double textSum = 0, normaliser = 0;
    double attributeSum = 0;
    int attributeImages = 0;
    double guidedSum = 0;  // the guided token's slot loss (TrainConfig::guidedSlotWeight)
    int guidedRows = 0;
    double textLoss() const { return normaliser > 0 ? textSum / normaliser : 0.0; }
    double attributeLoss() const { return attributeImages > 0 ? attributeSum / attributeImages : 0.0; }
    double guidedLoss() const { return guidedRows > 0 ? guidedSum / guidedRows : 0.0; }
};

BatchLoss lossOver(model::QualityModel::Impl& impl, const TrainConfig& config, const std::vector<TrainingExample>& examples,
                   const std::vector<model::TokenSequence>& sequences, const std::vector<std::size_t>& items, bool backward,
                   const DataParallel& parallel = DataParallel());

}  // namespace medq::train
