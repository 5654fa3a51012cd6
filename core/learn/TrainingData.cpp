#include "learn/TrainingData.h"

#include "learn/ExampleAssembler.h"

#include <algorithm>

namespace medq::learn {

Result<TrainingData> assembleTrainingData(store::Workspace& ws, const model::ModelConfig& config,
                                          const TrainingDataSpec& spec, const jobs::Progress& progress) {
    ExampleAssembler assembler(ws, config);
    assembler.setAttributeSlots(config.attributeSlots);
    auto training = assembler.split(spec.trainSplit, progress.sub(0.0, 0.67), spec.limit);
    if (!training) return training.error();
    TrainingData data;
    // The training sources' measure levels go with the checkpoint: images assessed alone
    // are standardised against them (assess::MeasureSources).
    if (config.sourceMeasures) data.measureReference = assembler.measureReference();
    auto validation = assembler.split(spec.validationSplit, progress.sub(0.67, 1.0),
                                      spec.limit > 0 ? std::max(16, spec.limit / 4) : 0);
    if (!validation) return validation.error();
    data.training = std::move(training.value().examples);
    data.validation = std::move(validation.value().examples);
    return data;
}

}  // namespace medq::learn
