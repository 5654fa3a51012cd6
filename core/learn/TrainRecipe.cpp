#include "learn/TrainRecipe.h"

#include "learn/ThreadCount.h"

namespace medq::learn {

void TrainRecipe::setRunCadence(train::TrainConfig& config) {
    config.evaluateEvery = 100;
    config.patience = 4;
    config.checkpointEvery = 100;
}

TrainOptions TrainRecipe::defaults() {
    TrainOptions o;
    o.config.maxSteps = kSteps;
    o.config.encoderEpochs = kEncoderEpochs;
    o.config.batchSize = kBatchSize;
    o.config.threads = suggestedThreadCount();
    o.config.seed = 1;
    setRunCadence(o.config);
    return o;
}

}  // namespace medq::learn
