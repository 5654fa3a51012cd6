#pragma once
// Learning rate per step: linear warm-up, then cosine decay (Loshchilov & Hutter 2017, SGDR;
// the warm-up + cosine shape GPT-style training uses).
#include "train/TrainConfig.h"

namespace medq::train {

class LearningRateSchedule {
public:
    LearningRateSchedule(const TrainConfig& config, int totalSteps);
    // Warm-up to `peak` over warmupSteps, then cosine decay to floorRatio x peak at totalSteps.
    LearningRateSchedule(double peak, int warmupSteps, double floorRatio, int totalSteps);
    // step counts from 0; step < warmup gives peak * (step + 1) / warmup.
    double at(int step) const;

private:
    double m_peak, m_floorRatio;
    int m_warmup, m_total;
    bool m_cosine;
};

}  // namespace medq::train
