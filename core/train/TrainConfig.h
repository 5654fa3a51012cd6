#pragma once
// Settings of one training or fine-tuning run, with JSON round-trip.
#include "common/Result.h"
#include "model/LoraConfig.h"

#include <QJsonObject>
#include <cstdint>
#include <optional>

namespace medq::train {

struct TrainConfig {
    int epochs = 10;
    int maxSteps = 0;  // > 0 overrides epochs
    int batchSize = 16;

    // AdamW (Loshchilov & Hutter 2019): decay on matrices only, not on biases and norms.
    double learningRate = 1e-3;
    double weightDecay = 0.01;
    double beta1 = 0.9;
    double beta2 = 0.98;
    // Linear warm-up to learningRate, then cosine decay to minLearningRateRatio x learningRate.
    int warmupSteps = 20;
    bool cosineSchedule = true;
    double minLearningRateRatio = 0.1;
    double gradientClipNorm = 1.0;  // global L2 norm; <= 0 disables clipping

    // Perception loss on the answer symbol only, or on symbol + option text + EOS.
    bool perceptionWholeAnswer = false;

    // How a batch's loss weighs its examples. Per token (false), a 60-token description
    // outweighs a one-token perception answer 60:1 and the model learns answer priors
    // before it looks at the image; per example (true), every example's mean token loss
    // counts once. perceptionWeight scales perception examples against descriptions.
    bool lossPerExample = true;
    double perceptionWeight = 1.0;
    // Weight of the auxiliary attribute-severity loss (mean cross-entropy over the labelled
    // slots of each distinct image) against the text loss; 0 or a model without the head: off.
    double attributeWeight = 1.0;
    // Weight of present severities against "none" in that loss (and in encoder pretraining).
    double attributePresentWeight = 3.0;
    // Weight of the other modalities' slots, trained as absent, against the image's own in that
    // loss (and in encoder pretraining). At 1 (48 slots, ~8 of them the image's own) the head
    // spends itself on saying "none" where no question looks, and ranks its own attributes
    // worse on sources it never saw (docs/experiments.md, "The other modalities' slots").
    double attributeOtherModalityWeight = 1.0;
    // Weight of the loss that teaches the question-guided token which slot a question names
    // (cross-entropy of its attention against TrainingExample::askedSlot, mean over the rows
    // that have one); 0 or a model without the token: off.
    double guidedSlotWeight = 1.0;
    // Batches take all examples of a few images (images in random order) instead of examples
    // at random: the encoder then runs once per image for its ~7 questions and description.
    bool batchByImage = true;
    // Epochs of encoder pretraining on the attribute labels before the first step of a new
    // (not resumed) run (EncoderPretrainer); 0: none. Needs a model with an attribute head.
    int encoderEpochs = 0;

    // Validation every evaluateEvery steps (0: at the end of every epoch). Training stops
    // after `patience` evaluations without an improvement larger than minDelta (0: never).
    enum class StopMetric { ValidationLoss, ValidationAccuracy };
    int evaluateEvery = 0;
    int patience = 0;
    StopMetric stopMetric = StopMetric::ValidationLoss;
    // Its stored word ("loss", "accuracy"), as in the JSON and `medq model train --stop-on`.
    static std::optional<StopMetric> stopMetricFromWord(const QString& word);
    static QString stopMetricWords();  // "loss, accuracy", for error messages
    double minDelta = 1e-4;

    // LoRA: when on, adapters are attached (if the model has none) and only they train.
    bool useLora = false;
    model::LoraConfig lora;

    // Exponential moving average of the weights (train::WeightAverage): validation, early
    // stopping and the saved checkpoint read the average; its decay ramps up from 0.1 as
    // (1 + step) / (10 + step) to this. 0: off, the last step's (or the best) weights.
    double weightAverageDecay = 0.0;

    int checkpointEvery = 0;  // resume state every N steps (0: never)
    // When training ends, fit ModelConfig::answerTemperature on the validation split's
    // perception questions (train::AnswerTemperature); off: the model's temperature stays.
    bool calibrateAnswers = true;
    std::uint64_t seed = 1;
    int threads = 2;

    // Weight of each target token of one example in the batch loss (the loss is the
    // weighted token sum over the sum of weights): perceptionWeight or 1, divided by the
    // example's target tokens when lossPerExample. 0 for an example without targets.
    double tokenWeight(bool perception, long long targetTokens) const;

    int totalSteps(int exampleCount) const;
    int stepsPerEpoch(int exampleCount) const;
    Status validate() const;
    QJsonObject toJson() const;
    // Missing keys keep their defaults (or what configs from before the setting meant),
    // unknown keys are ignored; a wrong type or an invalid value gives an Error naming the key.
    static Result<TrainConfig> fromJson(const QJsonObject& json);
};

}  // namespace medq::train
