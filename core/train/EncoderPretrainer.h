#pragma once
// Trains the image encoder and its attribute head alone, on the distinct labelled images of
// a training set, before the multimodal run. A vision-only step costs a small fraction of a
// full step (no decoder, one pass per image instead of one per question), so on a 2-core
// CPU the encoder can see every image many times (with random flips) and learn the quality
// features the decoder then reads: the recipe of vision-language models whose encoder is
// pretrained before the language model learns to use it.
#include "common/Result.h"
#include "jobs/Progress.h"
#include "model/QualityModel.h"
#include "train/TrainingExample.h"

#include <QJsonObject>
#include <vector>

namespace medq::train {

class DataParallel;

struct EncoderPretrainReport {
    int images = 0;  // distinct labelled images
    int steps = 0;
    double firstLoss = 0, finalLoss = 0;  // mean attribute cross-entropy of the first and last epoch
    double imagesPerSecond = 0;
    QJsonObject toJson() const;
};

struct EncoderPretrainConfig {
    int epochs = 30;
    int batchImages = 32;
    double learningRate = 1e-3;  // peak: warm-up over the first epoch, then cosine decay to a tenth
    double weightDecay = 0.01;
    std::uint64_t seed = 1;
    double presentWeight = 1.0;  // TrainConfig::attributePresentWeight
    double otherModalityWeight = 1.0;  // TrainConfig::attributeOtherModalityWeight
};

class EncoderPretrainer {
public:
    EncoderPretrainer(model::QualityModel& model, EncoderPretrainConfig config) : m_model(model), m_config(config) {}
    // An error when the model has no attribute head or no example carries attribute targets.
    // Cancel throws jobs::JobCancelled (the weights are then partly trained: callers discard the model).
    // With `parallel` (train/DataParallel.h) each rank of a data-parallel run takes its share
    // of every batch; every rank must call it with the same examples.
    Result<EncoderPretrainReport> run(const std::vector<TrainingExample>& examples, const jobs::Progress& progress,
                                      const DataParallel* parallel = nullptr);

private:
    model::QualityModel& m_model;
    EncoderPretrainConfig m_config;
};

}  // namespace medq::train
