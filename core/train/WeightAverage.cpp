#include <torch/torch.h>

#include "train/WeightAverage.h"

#include <algorithm>

namespace medq::train {

double WeightAverage::decayAfter(int step) const {
    return std::min(m_decay, (1.0 + step) / (10.0 + step));
}

void WeightAverage::update(const model::internal::NamedTensors& parameters, int step) {
    if (!enabled()) return;
    torch::NoGradGuard noGrad;
    if (m_tensors.size() != parameters.size()) {
        m_tensors.clear();
        for (const auto& item : parameters) m_tensors.push_back(item.second.detach().clone());
        return;
    }
    const double d = decayAfter(step);
    for (std::size_t i = 0; i < parameters.size(); ++i) m_tensors[i].mul_(d).add_(parameters[i].second.detach(), 1.0 - d);
}

void WeightAverage::swapWith(const model::internal::NamedTensors& parameters) {
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < m_tensors.size(); ++i) {
        const auto held = parameters[i].second.detach().clone();
        parameters[i].second.copy_(m_tensors[i]);
        m_tensors[i].copy_(held);
    }
}

void WeightAverage::applyTo(const model::internal::NamedTensors& parameters) {
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < m_tensors.size(); ++i) parameters[i].second.copy_(m_tensors[i]);
    m_tensors.clear();
}

AveragedWeightsInPlace::AveragedWeightsInPlace(WeightAverage& average, const model::internal::NamedTensors& parameters)
    : m_average(average), m_parameters(parameters) {
    if (m_average.empty()) return;
    m_average.swapWith(m_parameters);
    m_swapped = true;
}

AveragedWeightsInPlace::~AveragedWeightsInPlace() {
    if (m_swapped) m_average.swapWith(m_parameters);
}

}  // namespace medq::train
