#include <torch/torch.h>

#include "train/TrainingRun.h"

#include "train/AnswerTemperature.h"
#include "train/PresenceThresholds.h"
#include "train/BatchLoss.h"
#include "train/EncoderPretrainer.h"
#include "train/ResumeFolder.h"
#include "train/TrainingOrder.h"

#include <QDir>

namespace medq::train {

namespace internal = model::internal;
using internal::NamedTensors;

namespace {

std::vector<model::TokenSequence> encode(const std::vector<TrainingExample>& examples,
                                         const model::PromptFormat& format, bool wholeAnswer) {
    std::vector<model::TokenSequence> out;
    for (const TrainingExample& e : examples)
        out.push_back(e.kind == TrainingExample::Kind::Perception
                          ? format.perception(e.question, e.options, e.answerIndex, wholeAnswer)
                          : format.description(e.image.isPair(), e.targetText, e.image.modality));
    return out;
}

NamedTensors allParameters(model::QualityModel::Impl& impl) {
    NamedTensors out;
    for (const auto& item : impl.network->named_parameters()) out.emplace_back(item.key(), item.value());
    return out;
}

}  // namespace

TrainingRun::TrainingRun(model::QualityModel& model, const TrainConfig& config,
                         const std::vector<TrainingExample>& training, const std::vector<TrainingExample>& validation,
                         const QString& checkpointDir, const DataParallel& parallel)
    : m_model(model), m_impl(model.internals()), m_config(config), m_training(training), m_validation(validation),
      m_dir(checkpointDir), m_resumePath(checkpointDir.isEmpty() ? QString() : Trainer::resumeDir(checkpointDir)),
      m_parallel(parallel), m_writes(parallel.rank() == 0), m_imageOf(imageGroups(training)),
      m_validationImageOf(imageGroups(validation)),
      m_totalSteps(config.totalSteps(int(training.size()))),
      m_stepsPerEpoch(config.stepsPerEpoch(int(training.size()))), m_schedule(config, m_totalSteps),
      m_parameters(allParameters(m_impl)), m_average(config.weightAverageDecay) {
    const model::PromptFormat format(m_impl.tokenizer, m_impl.config.maxTextLength, m_impl.config.modalityInPrompt);
    m_sequences = encode(training, format, config.perceptionWholeAnswer);
    m_validationSequences = encode(validation, format, config.perceptionWholeAnswer);
    setUpOptimizer();
    m_state.dataHash = trainingDataHash(training);
    m_state.trainConfig = config.toJson();
}

TrainingRun::~TrainingRun() {
    // Frozen base weights during LoRA training must not stay frozen for the next run.
    for (const auto& item : m_parameters) item.second.set_requires_grad(true);
}

void TrainingRun::setUpOptimizer() {
    // With adapters attached only they learn; the base stays frozen (Hu et al. 2021).
    const bool adaptersOnly = m_model.lora().has_value();
    std::vector<torch::Tensor> decay, noDecay;
    for (const auto& [name, p] : m_parameters) {
        const bool learns = !adaptersOnly || internal::isLoraParameter(name);
        p.set_requires_grad(learns);
        if (!learns) continue;
        m_trainable.push_back(p);
        // AdamW decays matrices only, not biases, norms and position tables.
        const bool matrix = p.dim() >= 2 && name.find("positions") == std::string::npos &&
                            name.find("image_segment") == std::string::npos;
        (matrix ? decay : noDecay).push_back(p);
    }
    auto options = torch::optim::AdamWOptions(m_config.learningRate)
                       .betas({m_config.beta1, m_config.beta2})
                       .weight_decay(m_config.weightDecay);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    if (!decay.empty()) groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(options));
    if (!noDecay.empty())
        groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(
                                         torch::optim::AdamWOptions(options).weight_decay(0.0)));
    m_optimizer = std::make_unique<torch::optim::AdamW>(groups, options);
}

void TrainingRun::startFresh() {
    if (m_writes && !m_resumePath.isEmpty()) QDir(m_resumePath).removeRecursively();
}

Status TrainingRun::restore() {
    auto saved = ResumeState::read(m_resumePath);
    if (!saved) return saved.error();
    if (const auto why = saved.value().mismatch(m_state.dataHash, m_state.trainConfig))
        return Error{QDir(m_resumePath).filePath(ResumeState::fileName()), *why};
    m_state = saved.take();
    m_resumed = true;
    m_startStep = m_state.nextStep;
    m_encoderPretraining = m_state.encoderPretraining;
    // Best weights are only kept for early stopping.
    const bool withBest = m_config.patience > 0 && m_state.bestStep >= 0;
    // The average starts with the first step: a run interrupted before it has none yet.
    const bool withAverage = m_average.enabled() && m_state.nextStep > 0;
    return readResumeTensors(m_resumePath, {m_parameters, *m_optimizer, m_best, m_average.tensors()}, m_impl.device,
                             withBest, withAverage);
}

bool TrainingRun::pretrainsEncoder() const {
    // A resumed run has the pretraining in its weights already.
    return !m_resumed && m_config.encoderEpochs > 0 && m_impl.config.attributeSlots > 0;
}

void TrainingRun::pretrainEncoder(const jobs::Progress& progress) {
    EncoderPretrainConfig pc;
    pc.epochs = m_config.encoderEpochs;
    pc.seed = m_config.seed;
    pc.presentWeight = m_config.attributePresentWeight;
    pc.otherModalityWeight = m_config.attributeOtherModalityWeight;
    auto pretrained = EncoderPretrainer(m_model, pc).run(m_training, progress, &m_parallel);
    m_encoderPretraining = pretrained ? pretrained.value().toJson()
                                      : QJsonObject{{"skipped", pretrained.error().message()}};
    m_state.encoderPretraining = m_encoderPretraining;
}

bool TrainingRun::savesResumePoints() const {
    return m_writes && m_config.checkpointEvery > 0 && !m_resumePath.isEmpty();
}

Status TrainingRun::train(const jobs::Progress& progress) {
    constexpr double kPretrainShare = 0.15;  // of the progress bar
    const bool pretrain = pretrainsEncoder();
    StepPlan plan;
    plan.firstStep = m_state.nextStep;
    plan.totalSteps = m_totalSteps;
    plan.stepsPerEpoch = m_stepsPerEpoch;
    plan.batchSize = m_config.batchSize;
    plan.epochOrder = [&](int epoch) { return trainingOrder(m_imageOf, m_config.batchByImage, m_config.seed, epoch); };
    TrainingLoop loop(plan, m_schedule, *m_optimizer, pretrain ? progress.sub(kPretrainShare, 1.0) : progress);
    if (m_config.gradientClipNorm > 0) loop.clipGradients(m_trainable, m_config.gradientClipNorm);
    if (m_parallel.distributed()) loop.sumGradientsOver(m_parallel, m_trainable);
    Status done;
    try {
        // Every rank starts from rank 0's weights (a resumed run's too: the same files).
        std::vector<torch::Tensor> weights;
        for (const auto& item : m_parameters) weights.push_back(item.second);
        m_parallel.broadcastWeights(weights);
        if (pretrain) {
            pretrainEncoder(progress.sub(0.0, kPretrainShare));
            // Pretraining can take as long as the steps: an interrupted run resumes after it.
            if (savesResumePoints() && m_totalSteps > 0)
                if (Status s = saveResume(); !s) return s;
        }
        done = loop.run([this](const TrainingStep& step) { return backward(step); },
                        [this](const TrainingStep& step) { return afterStep(step); });
    } catch (const jobs::JobCancelled&) {
        if (m_writes) removeResumeState();
        throw;
    } catch (const std::exception& e) {
        // Only a resume point saved before (every checkpointEvery steps) is worth naming.
        const auto kept = m_writes && !m_resumePath.isEmpty() ? ResumeState::read(m_resumePath) : Result<ResumeState>(Error{});
        return Error{m_dir,
                     QStringLiteral("training failed at step %1: %2%3")
                         .arg(loop.step())
                         .arg(internal::firstLine(e.what()))
                         .arg(kept ? QStringLiteral(" (resume state %1 kept in %2; the same command resumes from it)")
                                         .arg(kept.value().nextStep > 0
                                                  ? QStringLiteral("of step %1").arg(kept.value().nextStep)
                                                  : QStringLiteral("after encoder pretraining"))
                                         .arg(m_resumePath)
                                   : QString())};
    }
    m_steps = loop.step();
    m_trainingSeconds = loop.trainingSeconds();
    m_gradientSumSeconds = loop.gradientSumSeconds();
    m_trainedExamples = loop.trainedExamples();
    return done;
}

QString TrainingRun::backward(const TrainingStep& step) {
    // Reseeding per step makes dropout depend on the step alone, so a resumed run draws what
    // the uninterrupted run would have drawn.
    // In a data-parallel run each rank draws its own dropout (rank 0 the single process's).
    torch::manual_seed(m_config.seed + std::uint64_t(step.index) + std::uint64_t(m_parallel.rank()) * 1000003u);
    m_impl.network->train();
    const BatchLoss batchLoss = lossOver(m_impl, m_config, m_training, m_sequences, m_parallel.shard(step.batch, m_imageOf),
                                         true, m_parallel);
    const double loss = batchLoss.textLoss();
    m_stepLoss = loss;
    QString phrase = QStringLiteral("step %1/%2, loss %3").arg(step.index + 1).arg(m_totalSteps).arg(loss, 0, 'f', 4);
    if (batchLoss.attributeImages > 0)
        phrase += QStringLiteral(", attribute loss %1").arg(batchLoss.attributeLoss(), 0, 'f', 4);
    if (batchLoss.guidedRows > 0) phrase += QStringLiteral(", slot loss %1").arg(batchLoss.guidedLoss(), 0, 'f', 4);
    return phrase;
}

Result<TrainingLoop::Next> TrainingRun::afterStep(const TrainingStep& step) {
    const int done = step.index + 1;
    m_state.losses.push_back(m_stepLoss);
    m_state.nextStep = done;
    m_average.update(m_parameters, done);
    const bool evaluateNow = !m_validation.empty() &&
                             (m_config.evaluateEvery > 0 ? done % m_config.evaluateEvery == 0 : step.endsEpoch);
    if (evaluateNow && recordEvaluation(evaluate(step.index))) {
        m_stoppedEarly = true;
        return TrainingLoop::Next::Stop;
    }
    if (savesResumePoints() && done % m_config.checkpointEvery == 0 && done < m_totalSteps)
        if (Status s = saveResume(); !s) return s.error();
    return TrainingLoop::Next::Continue;
}

bool TrainingRun::recordEvaluation(const ValidationPoint& point) {
    m_state.validation.push_back(point);
    const double score = m_config.stopMetric == TrainConfig::StopMetric::ValidationLoss ? point.loss : -point.accuracy;
    if (m_state.bestStep < 0 || score < m_state.bestScore - m_config.minDelta) {
        m_state.bestScore = score;
        m_state.bestStep = point.step;
        m_state.staleEvaluations = 0;
        if (m_config.patience > 0) keepAsBest();
        return false;
    }
    return m_config.patience > 0 && ++m_state.staleEvaluations >= m_config.patience;
}

ValidationPoint TrainingRun::evaluate(int step) {
    torch::NoGradGuard noGrad;
    m_impl.network->eval();
    const AveragedWeightsInPlace averaged(m_average, m_parameters);  // validates what would be saved
    ValidationPoint point;
    point.step = step;
    std::vector<std::size_t> all(m_validation.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    // Each rank evaluates its share; the sums make the figures equal on every rank, and with
    // them the early-stopping decisions.
    const std::vector<std::size_t> share = m_parallel.shard(all, m_validationImageOf);
    point.loss = lossOver(m_impl, m_config, m_validation, m_validationSequences, share, false, m_parallel).textLoss();
    std::vector<model::PerceptionQuery> queries;
    std::vector<int> truth;
    for (std::size_t i : share) {
        const TrainingExample& e = m_validation[i];
        if (e.kind == TrainingExample::Kind::Perception) {
            queries.push_back({e.image, e.question, e.options});
            truth.push_back(e.answerIndex);
        }
    }
    std::vector<double> counts{0.0, double(truth.size()), 0.0};  // right, asked, ranks whose answering failed
    if (!queries.empty()) {
        if (auto answers = m_model.answer(queries)) {
            for (std::size_t i = 0; i < truth.size(); ++i) counts[0] += answers.value()[i].choice == truth[i] ? 1.0 : 0.0;
        } else {
            counts[2] = 1;
        }
    }
    m_parallel.sum(counts);
    point.accuracy = counts[1] > 0 && counts[2] == 0 ? counts[0] / counts[1] : -1;
    return point;
}

void TrainingRun::keepAsBest() {
    m_best.clear();
    if (!m_average.empty()) {
        for (const torch::Tensor& t : m_average.tensors()) m_best.push_back(t.detach().clone());
        return;
    }
    for (const auto& [name, p] : m_parameters) m_best.push_back(p.detach().clone());
}

Status TrainingRun::saveResume() {
    return writeResumeFolder(m_resumePath, {m_parameters, *m_optimizer, m_best, m_average.tensors()}, m_state);
}

void TrainingRun::removeResumeState() {
    if (m_resumePath.isEmpty()) return;
    QDir(m_resumePath).removeRecursively();
    QDir parent(m_dir);
    if (parent.exists() && parent.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
        parent.removeRecursively();
}

QJsonObject TrainingRun::calibrateAnswers() {
    if (m_validation.empty()) return {};
    const auto fitted = AnswerTemperature::calibrate(m_model, m_temperatureExamples ? *m_temperatureExamples : m_validation);
    QJsonObject out = fitted ? fitted.value().toJson() : QJsonObject{{"skipped", fitted.error().message()}};
    if (m_temperatureExamples) out.insert(QStringLiteral("questionsFrom"), m_temperatureBasis);
    // The attribute head's presence thresholds, on the same held-out images.
    if (m_model.config().attributeSlots > 0) {
        const auto presence = PresenceThresholds::calibrate(m_model, m_validation);
        out.insert("presence", presence ? presence.value().toJson() : QJsonObject{{"skipped", presence.error().message()}});
    }
    return out;
}

Result<TrainReport> TrainingRun::finish(const model::CheckpointInfo& info) {
    torch::NoGradGuard noGrad;
    // Early stopping keeps the best weights seen on validation; without it, a run that
    // averages keeps the average. Either way the average is spent: what follows reads the
    // parameters as they will be saved.
    if (m_config.patience > 0 && !m_best.empty())
        for (std::size_t i = 0; i < m_parameters.size(); ++i) m_parameters[i].second.copy_(m_best[i]);
    else
        m_average.applyTo(m_parameters);
    m_average.tensors().clear();
    m_impl.network->eval();
    TrainReport report;
    report.startStep = m_startStep;
    report.totalSteps = m_totalSteps;
    report.steps = m_steps;
    report.losses = m_state.losses;
    report.validation = m_state.validation;
    report.bestStep = m_config.patience > 0 ? m_state.bestStep : m_steps - 1;
    report.stoppedEarly = m_stoppedEarly;
    report.samplesPerSecond = m_trainingSeconds > 0 ? double(m_trainedExamples) / m_trainingSeconds : 0;
    report.trainingSeconds = m_trainingSeconds;
    report.gradientSumSeconds = m_gradientSumSeconds;
    report.ranks = m_parallel.worldSize();
    report.encoderPretraining = m_encoderPretraining;
    if (!m_validation.empty()) {
        const ValidationPoint kept = evaluate(m_steps - 1);
        report.validationLoss = kept.loss;
        report.validationAccuracy = kept.accuracy;
    }
    if (!m_writes) return report;  // rank 0 calibrates and saves
    if (m_config.calibrateAnswers) report.answerCalibration = calibrateAnswers();
    if (!m_dir.isEmpty()) {
        model::CheckpointInfo saved = info;
        if (saved.trainingDataHash.isEmpty()) saved.trainingDataHash = m_state.dataHash;
        QJsonObject metrics = saved.metrics;
        metrics.insert("training", report.toJson());
        metrics.insert("trainConfig", m_config.toJson());
        saved.metrics = metrics;
        if (Status s = m_model.save(m_dir, saved); !s) return s.error();  // replaces the folder, resume state included
        report.checkpointDir = m_dir;
    }
    return report;
}

}  // namespace medq::train
