#pragma once
// PRIVATE to core/train's torch translation units (include <torch/torch.h> first): Trainer's
// run for a site's TorchScript model (docs/own-model.md). Its attribute_logits learn the
// examples' attribute targets (cross-entropy over none/mild/moderate/severe, one term per
// labelled attribute it reads) on the same TrainingLoop as the built-in model (schedule,
// clipping, progress, cancel); only the parameters its registration names trainable change.
// The validation loss after each epoch picks the weights kept; the answer temperature and
// presence thresholds are fitted as for the built-in model; the checkpoint is TorchScript.
// Not yet: resume points and data-parallel training of a TorchScript model.
#include "train/Trainer.h"

#include <vector>

namespace medq::train {

class ScriptedTrainingRun {
public:
    ScriptedTrainingRun(model::QualityModel& model, const TrainConfig& config, const std::vector<TrainingExample>& training,
                        const std::vector<TrainingExample>& validation);
    // Trains, keeps the best epoch's weights and saves them to checkpointDir (when not empty).
    Result<TrainReport> run(const QString& checkpointDir, const jobs::Progress& progress, const model::CheckpointInfo& info);

private:
    model::QualityModel& m_model;
    const TrainConfig& m_config;
    const std::vector<TrainingExample>& m_training;
    const std::vector<TrainingExample>& m_validation;
};

}  // namespace medq::train
