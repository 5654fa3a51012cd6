#include "learn/TrainRecipe.h"

#include "learn/ThreadCount.h"

namespace medq::learn {

void TrainRecipe::setRunCadence(train::TrainConfig& config) {
    config.evaluateEvery = 100;
    config.patience = 4;
    config.checkpointEvery = 100;
}

void TrainRecipe::setHeadLoss(train::TrainConfig& config) {
    // The other modalities' slots trained as absent took the head's capacity: on sources
    // training never saw its mean AUC 0.763 -> 0.803 without them (docs/experiments.md, "The
    // other modalities' slots"). The head's loss at 3 times the text's: +2.0 points there,
    // descriptions +0.13 of 8 (docs/experiments.md, "The balance of the head's loss").
    config.attributeOtherModalityWeight = kOtherModalityWeight;
    config.attributeWeight = kAttributeWeight;
}

TrainOptions TrainRecipe::defaults() {
    TrainOptions o;
    o.config.maxSteps = kSteps;
    o.config.encoderEpochs = kEncoderEpochs;
    o.config.batchSize = kBatchSize;
    o.config.threads = suggestedThreadCount();
    o.config.seed = 1;
    // The per-source standardised measures as the network's only image input: +5.2 points on
    // sources training never saw (docs/experiments.md, "The measures as the only image input").
    o.sourceMeasures = true;
    o.measureRoute = model::ModelConfig::MeasureRoute::Only;
    // Each measure dropped with p = 0.2 in training: +1.4 points there and descriptions +0.5
    // of 8 (docs/experiments.md, "Measure dropout").
    o.measureDropout = kMeasureDropout;
    setHeadLoss(o.config);
    setRunCadence(o.config);
    return o;
}

TrainOptions TrainRecipe::fineTuning(const QString& checkpoint) {
    TrainOptions o;
    o.fromCheckpoint = checkpoint;
    o.config.epochs = kFineTuneEpochs;
    o.config.encoderEpochs = 0;
    o.config.batchSize = kBatchSize;
    o.config.threads = suggestedThreadCount();
    o.config.seed = 1;
    setHeadLoss(o.config);
    setRunCadence(o.config);
    return o;
}

}  // namespace medq::learn
