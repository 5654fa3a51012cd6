#pragma once
// PRIVATE to core/train's torch translation units (include <torch/torch.h> first): an
// exponential moving average of a network's weights during training (Polyak averaging).
// Averaged weights sit in a flatter region of the loss than the last step's and carry
// better to domains training never saw (Cha et al. 2021, SWAD; Arpit et al. 2022,
// "Ensemble of Averages"). TrainingRun validates, stops early on and saves the average.
#include "model/internal/WeightArchive.h"

#include <vector>

namespace medq::train {

class WeightAverage {
public:
    // decay 0: off (update does nothing, empty() stays true).
    explicit WeightAverage(double decay) : m_decay(decay) {}

    bool enabled() const { return m_decay > 0; }
    bool empty() const { return m_tensors.empty(); }

    // The weight of the old average after `step` optimizer steps (1 for the first): ramps up
    // as (1 + step) / (10 + step) to the configured decay, so that early validations read
    // recent weights rather than the initial ones.
    double decayAfter(int step) const;
    // Folds the parameters in after optimizer step `step` (1-based); the first call copies them.
    void update(const model::internal::NamedTensors& parameters, int step);
    // Exchanges the average's values with the parameters'; a second call undoes the first.
    void swapWith(const model::internal::NamedTensors& parameters);
    // Copies the average into the parameters and forgets it (the run's final weights).
    void applyTo(const model::internal::NamedTensors& parameters);

    // In the parameters' order (for the resume folder); sized to them once updated or loaded.
    std::vector<torch::Tensor>& tensors() { return m_tensors; }

private:
    double m_decay = 0;
    std::vector<torch::Tensor> m_tensors;
};

// Swaps the average in for a scope (validation on averaged weights), and back out on exit,
// exceptions included. Does nothing while the average is empty.
class AveragedWeightsInPlace {
public:
    AveragedWeightsInPlace(WeightAverage& average, const model::internal::NamedTensors& parameters);
    ~AveragedWeightsInPlace();
    AveragedWeightsInPlace(const AveragedWeightsInPlace&) = delete;
    AveragedWeightsInPlace& operator=(const AveragedWeightsInPlace&) = delete;

private:
    WeightAverage& m_average;
    const model::internal::NamedTensors& m_parameters;
    bool m_swapped = false;
};

}  // namespace medq::train
