#include <torch/torch.h>

#include "train/ScriptedTrainingRun.h"

#include "model/internal/ModelState.h"
#include "model/internal/ScriptedModule.h"
#include "model/internal/WeightArchive.h"
#include "train/AnswerTemperature.h"
#include "train/LearningRateSchedule.h"
#include "train/PresenceThresholds.h"
#include "train/TrainingOrder.h"
#include "train/TrainingLoop.h"

#include <QRegularExpression>
#include <map>

namespace medq::train {

namespace {

// Distinct single images with attribute targets, and the targets of the module's rows.
struct LabelledImages {
    std::vector<const std::vector<float>*> pixels;
    std::vector<std::vector<int64_t>> targets;  // per image, per module row: 0..3, or -1 unknown
    bool empty() const { return pixels.empty(); }
};

LabelledImages labelled(const std::vector<TrainingExample>& examples, const std::vector<int>& rowSlots) {
    LabelledImages out;
    std::map<std::vector<float>, bool> seen;
    for (const TrainingExample& e : examples) {
        if (e.image.isPair() || e.attributeTargets.empty() || !seen.emplace(e.image.first, true).second) continue;
        std::vector<int64_t> rows;
        bool any = false;
        for (int slot : rowSlots) {
            const int t = std::size_t(slot) < e.attributeTargets.size() ? e.attributeTargets[std::size_t(slot)] : -1;
            rows.push_back(t);
            any = any || t >= 0;
        }
        if (!any) continue;
        out.pixels.push_back(&e.image.first.values());
        out.targets.push_back(std::move(rows));
    }
    return out;
}

torch::Tensor targetTensor(const LabelledImages& images, const std::vector<std::size_t>& batch) {
    std::vector<int64_t> flat;
    for (std::size_t i : batch) flat.insert(flat.end(), images.targets[i].begin(), images.targets[i].end());
    return torch::tensor(flat, torch::kInt64).view({int64_t(batch.size()), -1});
}

}  // namespace

ScriptedTrainingRun::ScriptedTrainingRun(model::QualityModel& model, const TrainConfig& config,
                                         const std::vector<TrainingExample>& training, const std::vector<TrainingExample>& validation)
    : m_model(model), m_config(config), m_training(training), m_validation(validation) {}

Result<TrainReport> ScriptedTrainingRun::run(const QString& dir, const jobs::Progress& progress, const model::CheckpointInfo& info) {
    model::QualityModel::Impl& impl = m_model.internals();
    model::internal::ScriptedModule& scripted = *impl.scripted;
    const model::ScriptedSpec& spec = impl.scriptedSpec;
    const LabelledImages train = labelled(m_training, impl.scriptedSlots), held = labelled(m_validation, impl.scriptedSlots);
    if (train.empty())
        return Error{QString(), QStringLiteral("none of the %1 training examples labels an attribute this TorchScript model reads (%2)")
                                    .arg(m_training.size()).arg(spec.attributes.join(", "))};

    // The registered pattern picks what learns; everything else stays as exported.
    const QRegularExpression pattern(spec.trainable);
    std::vector<torch::Tensor> trainable, all;
    for (const auto& p : scripted.module().named_parameters(/*recurse*/ true)) {
        const bool learns = spec.trainable.isEmpty() || pattern.match(QString::fromStdString(p.name)).hasMatch();
        p.value.set_requires_grad(learns);
        all.push_back(p.value);
        if (learns) trainable.push_back(p.value);
    }
    if (trainable.empty()) return Error{QString(), QStringLiteral("no parameter of the TorchScript model matches '%1'").arg(spec.trainable)};
    torch::optim::AdamW optimizer(trainable, torch::optim::AdamWOptions(m_config.learningRate)
                                                 .weight_decay(m_config.weightDecay)
                                                 .betas({m_config.beta1, m_config.beta2}));
    const int images = int(train.pixels.size());
    StepPlan plan;
    plan.totalSteps = m_config.totalSteps(images);
    plan.stepsPerEpoch = m_config.stepsPerEpoch(images);
    plan.batchSize = m_config.batchSize;
    plan.epochOrder = [&](int epoch) { return epochOrder(std::size_t(images), m_config.seed, epoch); };
    const LearningRateSchedule schedule(m_config, plan.totalSteps);
    TrainingLoop loop(plan, schedule, optimizer, progress.sub(0.0, 0.9));
    if (m_config.gradientClipNorm > 0) loop.clipGradients(trainable, m_config.gradientClipNorm);

    const auto lossOf = [&](const LabelledImages& set, const std::vector<std::size_t>& batch) {
        std::vector<const std::vector<float>*> pixels;
        for (std::size_t i : batch) pixels.push_back(set.pixels[i]);
        const auto logits = scripted.attributeLogits(scripted.batch(pixels, spec));
        const auto targets = targetTensor(set, batch).to(logits.device());
        return torch::nn::functional::cross_entropy(logits.reshape({-1, 4}), targets.reshape({-1}),
                                                    torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-1));
    };
    const auto validationLoss = [&]() -> double {
        if (held.empty()) return -1;
        torch::NoGradGuard noGrad;
        scripted.module().eval();
        double sum = 0;
        int batches = 0;
        for (std::size_t start = 0; start < held.pixels.size(); start += std::size_t(m_config.batchSize), ++batches) {
            std::vector<std::size_t> batch;
            for (std::size_t i = start; i < std::min(held.pixels.size(), start + std::size_t(m_config.batchSize)); ++i) batch.push_back(i);
            sum += lossOf(held, batch).item<double>();
        }
        return sum / std::max(1, batches);
    };

    TrainReport report;
    report.totalSteps = plan.totalSteps;
    std::vector<torch::Tensor> best;
    double bestLoss = std::numeric_limits<double>::infinity();
    const auto keepIfBest = [&](int step) {
        const double loss = validationLoss();
        if (loss < 0) return;
        report.validation.push_back({step, loss, -1});
        if (loss < bestLoss - m_config.minDelta) {
            bestLoss = loss;
            report.bestStep = step;
            torch::NoGradGuard noGrad;
            best.clear();
            for (const auto& p : all) best.push_back(p.detach().clone());
        }
    };
    keepIfBest(-1);  // the weights as registered: fine-tuning must beat them on validation
    Status done;
    try {
        done = loop.run(
            [&](const TrainingStep& step) {
                scripted.module().train();
                const auto loss = lossOf(train, step.batch);
                loss.backward();
                report.losses.push_back(loss.item<double>());
                return QStringLiteral("step %1/%2, loss %3").arg(step.index + 1).arg(plan.totalSteps).arg(report.losses.back(), 0, 'f', 4);
            },
            [&](const TrainingStep& step) -> Result<TrainingLoop::Next> {
                if (step.endsEpoch || step.index + 1 == plan.totalSteps) keepIfBest(step.index);
                return TrainingLoop::Next::Continue;
            });
    } catch (const jobs::JobCancelled&) {
        throw;
    } catch (const std::exception& e) {
        return Error{dir, QStringLiteral("training the TorchScript model failed at step %1: %2").arg(loop.step()).arg(model::internal::scriptError(e.what()))};
    }
    if (!done) return done.error();
    {
        torch::NoGradGuard noGrad;
        if (!best.empty())
            for (std::size_t i = 0; i < all.size(); ++i) all[i].copy_(best[i]);
        for (const auto& p : all) p.set_requires_grad(false);
    }
    scripted.module().eval();
    report.steps = loop.step();
    report.validationLoss = std::isfinite(bestLoss) ? bestLoss : -1;
    report.trainingSeconds = loop.trainingSeconds();
    report.samplesPerSecond = loop.trainingSeconds() > 0 ? double(loop.trainedExamples()) / loop.trainingSeconds() : 0;
    if (m_config.calibrateAnswers && !m_validation.empty()) {
        progress.report(0.95, QStringLiteral("Calibrating answers on validation"));
        const auto fitted = AnswerTemperature::calibrate(m_model, m_validation);
        report.answerCalibration = fitted ? fitted.value().toJson() : QJsonObject{{"skipped", fitted.error().message()}};
        const auto presence = PresenceThresholds::calibrate(m_model, m_validation);
        report.answerCalibration.insert("presence", presence ? presence.value().toJson() : QJsonObject{{"skipped", presence.error().message()}});
    }
    if (!dir.isEmpty()) {
        model::CheckpointInfo saved = info;
        QJsonObject metrics = saved.metrics;
        metrics.insert("training", report.toJson());
        metrics.insert("trainConfig", m_config.toJson());
        saved.metrics = metrics;
        if (Status s = m_model.save(dir, saved); !s) return s.error();
        report.checkpointDir = dir;
    }
    return report;
}

}  // namespace medq::train
