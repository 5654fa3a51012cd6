#include "train/LearningRateSchedule.h"

#include <algorithm>
#include <cmath>

namespace medq::train {

LearningRateSchedule::LearningRateSchedule(const TrainConfig& config, int totalSteps)
    : m_peak(config.learningRate), m_floorRatio(config.minLearningRateRatio), m_warmup(config.warmupSteps),
      m_total(std::max(1, totalSteps)), m_cosine(config.cosineSchedule) {}

LearningRateSchedule::LearningRateSchedule(double peak, int warmupSteps, double floorRatio, int totalSteps)
    : m_peak(peak), m_floorRatio(floorRatio), m_warmup(warmupSteps), m_total(std::max(1, totalSteps)), m_cosine(true) {}

double LearningRateSchedule::at(int step) const {
    if (step < m_warmup) return m_peak * double(step + 1) / double(m_warmup);
    if (!m_cosine) return m_peak;
    const int span = std::max(1, m_total - m_warmup);
    const double progress = std::clamp(double(step - m_warmup) / span, 0.0, 1.0);
    const double cosine = 0.5 * (1.0 + std::cos(M_PI * progress));  // 1 -> 0
    return m_peak * (m_floorRatio + (1.0 - m_floorRatio) * cosine);
}

}  // namespace medq::train
