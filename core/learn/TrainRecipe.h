#pragma once
// The training recipe a lead starts without choosing anything: what `medq model train`
// (each option then changes its part) and Lab > Train Model share, and the default recipe the README and docs/experiments.md
// report (from scratch, 20 encoder epochs, 1,200 steps of 32 examples, the per-source
// standardised measures as the only image input).
#include "learn/TrainModelJob.h"

namespace medq::learn {

struct TrainRecipe {
    static constexpr int kSteps = 1200, kEncoderEpochs = 20, kBatchSize = 32;
    static constexpr double kMeasureDropout = 0.2;
    // The attribute head's loss in every run a lead starts (from scratch, fine-tuning, a loop
    // round's fine-tuning; setHeadLoss): the head trains the image's own modality's slots
    // (TrainConfig::attributeOtherModalityWeight), and its loss weighs kAttributeWeight times
    // the answers' and descriptions' (TrainConfig::attributeWeight).
    static constexpr double kOtherModalityWeight = 0.0;
    static constexpr double kAttributeWeight = 3.0;
    // Minutes the default recipe took on the 2 cores of the reference machine, preparing the
    // images included (17 min 10-15 s in three runs on the whole-catalogue benchmark,
    // docs/experiments.md "The default recipe timed, and rerun" and "The 41 measures in the
    // full recipe"): what a lead is told before starting it.
    static constexpr int kMinutesOnTwoCores = 18;
    // Passes over the data when fine-tuning a checkpoint and nobody says how long.
    static constexpr int kFineTuneEpochs = 6;

    // Validation every 100 steps, early stopping after 4 checks without improvement, a
    // resume point every 100 steps: every run, from the command line or the workstation.
    static void setRunCadence(train::TrainConfig& config);
    // kOtherModalityWeight and kAttributeWeight into `config`.
    static void setHeadLoss(train::TrainConfig& config);
    // From scratch with the default preset and the measures as the only image input (each
    // dropped with kMeasureDropout in training), on every core this machine has.
    static TrainOptions defaults();
    // Fine-tuning `checkpoint`: kFineTuneEpochs passes, no encoder pretraining, the inputs the
    // checkpoint was trained on, on every core.
    static TrainOptions fineTuning(const QString& checkpoint);
};

}  // namespace medq::learn
