#pragma once
// The examples one training run learns from, assembled from a workspace's splits as
// TrainModelJob does: shared with the workers of a data-parallel run, which must assemble
// exactly the same examples (learn/DistributedTraining.h checks their hash).
#include "common/Result.h"
#include "jobs/Progress.h"
#include "model/MeasureReference.h"
#include "model/ModelConfig.h"
#include "train/TrainingExample.h"

#include <vector>

namespace medq::store {
class Workspace;
}

namespace medq::learn {

struct TrainingDataSpec {
    QString trainSplit = QStringLiteral("train");
    QString validationSplit = QStringLiteral("val");
    int limit = 0;  // > 0: the first N training tasks (and a quarter as many validation tasks, at least 16)
};

struct TrainingData {
    std::vector<train::TrainingExample> training, validation;
    // The training sources' measure levels (models with ModelConfig::sourceMeasures).
    model::MeasureReference measureReference;
};

// Renders the splits' images for a network of `config` (training 0-67% of `progress`,
// validation the rest).
Result<TrainingData> assembleTrainingData(store::Workspace& ws, const model::ModelConfig& config,
                                          const TrainingDataSpec& spec, const jobs::Progress& progress);

}  // namespace medq::learn
