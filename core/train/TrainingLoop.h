#pragma once
// PRIVATE to core/train's torch translation units (include <torch/torch.h> first): the step
// loop every training run shares (Trainer, EncoderPretrainer). It owns the step count, each
// epoch's order of the examples and the batch cut from it, the scheduled learning rate set on
// the optimizer, gradient clipping, the optimizer step, the progress report and the cancel
// check; a run brings its forward + backward pass and what it does after a step.
#ifndef TORCH_VERSION_MAJOR
#error "train/TrainingLoop.h needs <torch/torch.h> included first"
#endif
#include "common/Result.h"
#include "jobs/Progress.h"
#include "train/DataParallel.h"
#include "train/LearningRateSchedule.h"

#include <QString>
#include <functional>
#include <vector>

namespace medq::train {

// The steps of a run and how they cut the examples into batches.
struct StepPlan {
    int firstStep = 0;  // > 0 when a run resumes
    int totalSteps = 1;
    int stepsPerEpoch = 1;
    int batchSize = 1;
    // The order of the examples in an epoch (indices into the run's examples); deterministic
    // for a seed, so that a resumed run replays it.
    std::function<std::vector<std::size_t>(int epoch)> epochOrder;
};

// What the loop hands a run's body for one step.
struct TrainingStep {
    int index = 0;  // from 0 over the whole run
    int epoch = 0;
    bool endsEpoch = false;
    std::vector<std::size_t> batch;  // indices into the run's examples
    double learningRate = 0;
};

class TrainingLoop {
public:
    enum class Next { Continue, Stop };
    // The forward and backward pass of one batch (gradients accumulate, the optimizer's were
    // cleared); returns the phrase the progress report shows.
    using Backward = std::function<QString(const TrainingStep&)>;
    // Runs after the optimizer step and the progress report: evaluation, bookkeeping,
    // checkpoints. Stop ends the run after this step; an error ends it and run() returns it.
    using AfterStep = std::function<Result<Next>(const TrainingStep&)>;

    TrainingLoop(StepPlan plan, const LearningRateSchedule& schedule, torch::optim::Optimizer& optimizer,
                 const jobs::Progress& progress);
    // Before every optimizer step, clips the global L2 norm of these parameters' gradients to
    // maxNorm (maxNorm <= 0: no clipping).
    void clipGradients(std::vector<torch::Tensor> parameters, double maxNorm);
    // Data-parallel training: after every backward pass (before clipping), these parameters'
    // gradients are summed over the ranks of `parallel`, which must outlive the loop. The
    // batch each step hands the body stays the whole batch; the body takes its share.
    void sumGradientsOver(const DataParallel& parallel, std::vector<torch::Tensor> parameters);

    // Runs the steps from plan.firstStep to plan.totalSteps - 1. Checks the cancel flag before
    // every step (jobs::JobCancelled); exceptions from the body pass through, step() says where.
    Status run(const Backward& backward, const AfterStep& afterStep = {});

    // The step running; after run(), the steps done in total (the last index + 1).
    int step() const { return m_step; }
    // Time in the forward and backward passes and optimizer steps, and the examples they saw.
    double trainingSeconds() const { return m_seconds; }
    // The part of trainingSeconds spent summing gradients over the ranks (0 in one process):
    // the all-reduces and the wait for the slowest rank's backward pass.
    double gradientSumSeconds() const { return m_sumSeconds; }
    long long trainedExamples() const { return m_examples; }

private:
    StepPlan m_plan;
    LearningRateSchedule m_schedule;
    torch::optim::Optimizer& m_optimizer;
    jobs::Progress m_progress;
    std::vector<torch::Tensor> m_clipped;
    const DataParallel* m_parallel = nullptr;
    std::vector<torch::Tensor> m_summed;
    double m_clipNorm = 0;
    int m_step = 0;
    double m_seconds = 0;
    double m_sumSeconds = 0;
    long long m_examples = 0;
};

}  // namespace medq::train
