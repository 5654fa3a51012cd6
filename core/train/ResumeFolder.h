#pragma once
// PRIVATE to core/train's torch translation units (include <torch/torch.h> first): the
// tensors of an interrupted Trainer run in its resume folder, beside state.json (ResumeState):
// the weights, the optimizer's moments, with early stopping the best weights so far, and with
// weight averaging the average.
#include "model/internal/WeightArchive.h"
#include "train/ResumeState.h"

#include <QString>
#include <vector>

namespace medq::train {

// What a resume folder holds besides its ResumeState. `best` are the weights at
// ResumeState::bestStep, in the order of `parameters`; empty: none kept.
struct ResumeTensors {
    const model::internal::NamedTensors& parameters;
    torch::optim::Optimizer& optimizer;
    std::vector<torch::Tensor>& best;
    std::vector<torch::Tensor>& average;  // TrainingRun's WeightAverage; empty: none
};

// Replaces the folder at `path` with the tensors and the state, all or nothing.
Status writeResumeFolder(const QString& path, const ResumeTensors& tensors, const ResumeState& state);
// Loads the weights into the parameters and the moments into the optimizer (onto `device`,
// beside their parameters); with `withBest`, the best weights into `best`, with `withAverage`
// the average into `average` (sized to match).
Status readResumeTensors(const QString& path, const ResumeTensors& tensors, const torch::Device& device, bool withBest,
                         bool withAverage);

}  // namespace medq::train
