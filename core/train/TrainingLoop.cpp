#include <torch/torch.h>

#include "train/TrainingLoop.h"

#include <QElapsedTimer>

#include <algorithm>

namespace medq::train {

TrainingLoop::TrainingLoop(StepPlan plan, const LearningRateSchedule& schedule, torch::optim::Optimizer& optimizer,
                           const jobs::Progress& progress)
    : m_plan(std::move(plan)), m_schedule(schedule), m_optimizer(optimizer), m_progress(progress),
      m_step(m_plan.firstStep) {
    m_plan.stepsPerEpoch = std::max(1, m_plan.stepsPerEpoch);
    m_plan.batchSize = std::max(1, m_plan.batchSize);
}

void TrainingLoop::clipGradients(std::vector<torch::Tensor> parameters, double maxNorm) {
    m_clipped = std::move(parameters);
    m_clipNorm = maxNorm;
}

void TrainingLoop::sumGradientsOver(const DataParallel& parallel, std::vector<torch::Tensor> parameters) {
    m_parallel = &parallel;
    m_summed = std::move(parameters);
}

Status TrainingLoop::run(const Backward& backward, const AfterStep& afterStep) {
    QElapsedTimer clock;
    clock.start();
    std::vector<std::size_t> order;
    int orderEpoch = -1;
    const int perEpoch = m_plan.stepsPerEpoch;
    for (m_step = m_plan.firstStep; m_step < m_plan.totalSteps; ++m_step) {
        m_progress.checkCancelled();
        TrainingStep step;
        step.index = m_step;
        step.epoch = m_step / perEpoch;
        step.endsEpoch = (m_step + 1) % perEpoch == 0;
        if (step.epoch != orderEpoch) {
            order = m_plan.epochOrder(step.epoch);
            orderEpoch = step.epoch;
        }
        const std::size_t begin = std::min(order.size(),
                                           std::size_t(m_step % perEpoch) * std::size_t(m_plan.batchSize));
        const std::size_t end = std::min(order.size(), begin + std::size_t(m_plan.batchSize));
        step.batch.assign(order.begin() + std::ptrdiff_t(begin), order.begin() + std::ptrdiff_t(end));
        step.learningRate = m_schedule.at(m_step);
        for (auto& group : m_optimizer.param_groups()) group.options().set_lr(step.learningRate);
        m_optimizer.zero_grad();

        const qint64 start = clock.nsecsElapsed();
        const QString phrase = backward(step);
        if (m_parallel) {
            const qint64 summing = clock.nsecsElapsed();
            m_parallel->sumGradients(m_summed);
            m_sumSeconds += double(clock.nsecsElapsed() - summing) / 1e9;
        }
        if (m_clipNorm > 0) torch::nn::utils::clip_grad_norm_(m_clipped, m_clipNorm);
        m_optimizer.step();
        m_seconds += double(clock.nsecsElapsed() - start) / 1e9;
        m_examples += (long long)step.batch.size();
        m_progress.report(double(m_step + 1) / m_plan.totalSteps, phrase);

        if (!afterStep) continue;
        Result<Next> next = afterStep(step);
        if (!next) return next.error();
        if (next.value() == Next::Stop) {
            ++m_step;
            break;
        }
    }
    return {};
}

}  // namespace medq::train
