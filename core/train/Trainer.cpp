#include <torch/torch.h>

#include "train/Trainer.h"

#include "model/ComputeDevice.h"
#include "model/PromptFormat.h"
#include "model/StagedDirectory.h"
#include "model/internal/ModelState.h"
#include "model/internal/SequenceBatch.h"
#include "model/internal/WeightArchive.h"
#include "train/BatchLoss.h"
#include "train/EncoderPretrainer.h"
#include "train/LearningRateSchedule.h"
#include "train/ResumeState.h"
#include "train/TrainingOrder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>

#include <algorithm>

namespace medq::train {

using model::internal::NamedTensors;
namespace internal = model::internal;

namespace {

const QString kWeights = QStringLiteral("weights.pt");
const QString kOptimizer = QStringLiteral("optimizer.pt");
const QString kBest = QStringLiteral("best.pt");

Status checkExamples(const std::vector<TrainingExample>& examples, const model::ModelConfig& config, const char* set) {
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const TrainingExample& e = examples[i];
        const QString where = QStringLiteral("%1 example %2%3").arg(QLatin1String(set)).arg(i)
                                  .arg(e.id.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(e.id));
        const bool sizes = int(e.image.first.size()) == config.imageFloats() &&
                           (!e.image.isPair() || int(e.image.second.size()) == config.imageFloats());
        if (!sizes) return Error{where, QStringLiteral("image is not %1 x %1 x 3 floats (run ImagePreprocessor)").arg(config.imageSize)};
        if (e.kind == TrainingExample::Kind::Perception &&
            (e.options.size() < 2 || e.options.size() > model::Tokenizer::kMaxOptions || e.answerIndex < 0 ||
             e.answerIndex >= e.options.size()))
            return Error{where, QStringLiteral("needs 2-4 options and an answer index among them")};
        if (e.kind == TrainingExample::Kind::Description && e.targetText.trimmed().isEmpty())
            return Error{where, QStringLiteral("description text is empty")};
    }
    return {};
}

std::vector<model::TokenSequence> encode(const std::vector<TrainingExample>& examples, const model::PromptFormat& format,
                                         bool wholeAnswer) {
    std::vector<model::TokenSequence> out;
    for (const TrainingExample& e : examples)
        out.push_back(e.kind == TrainingExample::Kind::Perception
                          ? format.perception(e.question, e.options, e.answerIndex, wholeAnswer)
                          : format.description(e.image.isPair(), e.targetText));
    return out;
}

NamedTensors allParameters(model::QualityModel::Impl& impl) {
    NamedTensors out;
    for (const auto& item : impl.network->named_parameters()) out.emplace_back(item.key(), item.value());
    return out;
}

// Makes every parameter trainable again when a run ends, however it ends (frozen base
// weights during LoRA training must not stay frozen for the next run).
class GradientsRestored {
public:
    explicit GradientsRestored(const NamedTensors& parameters) : m_parameters(parameters) {}
    ~GradientsRestored() {
        for (const auto& item : m_parameters) item.second.set_requires_grad(true);
    }

private:
    const NamedTensors& m_parameters;
};

Result<QByteArray> readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return Error{path, file.exists() ? file.errorString() : QStringLiteral("missing")};
    return file.readAll();
}

}  // namespace

QJsonObject TrainReport::toJson() const {
    QJsonArray lossArray;
    for (double l : losses) lossArray.append(l);
    QJsonArray validationArray;
    for (const ValidationPoint& v : validation)
        validationArray.append(QJsonObject{{"step", v.step}, {"loss", v.loss}, {"accuracy", v.accuracy}});
    return QJsonObject{{"validation", validationArray}, {"startStep", startStep}, {"steps", steps}, {"totalSteps", totalSteps},
                       {"finalLoss", losses.empty() ? -1.0 : losses.back()}, {"validationLoss", validationLoss},
                       {"validationAccuracy", validationAccuracy}, {"bestStep", bestStep},
                       {"stoppedEarly", stoppedEarly}, {"samplesPerSecond", samplesPerSecond},
                       {"checkpointDir", checkpointDir}, {"losses", lossArray}, {"encoderPretraining", encoderPretraining}};
}

Trainer::Trainer(model::QualityModel& model, TrainConfig config) : m_model(model), m_config(std::move(config)) {}
Trainer::~Trainer() = default;

QString Trainer::resumeDir(const QString& checkpointDir) { return QDir(checkpointDir).filePath(QStringLiteral("resume")); }

bool Trainer::hasResumeState(const QString& checkpointDir) {
    return QFile::exists(QDir(resumeDir(checkpointDir)).filePath(ResumeState::fileName()));
}

Result<TrainReport> Trainer::train(const std::vector<TrainingExample>& training, const std::vector<TrainingExample>& validation,
                                   const QString& checkpointDir, const jobs::Progress& progress,
                                   const model::CheckpointInfo& info) {
    return run(training, validation, checkpointDir, progress, info, false);
}

Result<TrainReport> Trainer::resume(const std::vector<TrainingExample>& training, const std::vector<TrainingExample>& validation,
                                    const QString& checkpointDir, const jobs::Progress& progress,
                                    const model::CheckpointInfo& info) {
    if (checkpointDir.isEmpty() || !hasResumeState(checkpointDir))
        return Error{resumeDir(checkpointDir), QStringLiteral("no resume state to continue from")};
    return run(training, validation, checkpointDir, progress, info, true);
}

Result<TrainReport> Trainer::run(const std::vector<TrainingExample>& training, const std::vector<TrainingExample>& validation,
                                 const QString& dir, const jobs::Progress& progress, const model::CheckpointInfo& info,
                                 bool resuming) {
    if (!m_model.isValid()) return Error{QString(), QStringLiteral("no model to train")};
    if (Status s = m_config.validate(); !s) return Error{s.error().subject, QStringLiteral("invalid training config: %1").arg(s.error().reason)};
    if (training.empty()) return Error{QString(), QStringLiteral("no training examples")};
    model::QualityModel::Impl& impl = m_model.internals();
    if (Status s = checkExamples(training, impl.config, "training"); !s) return s.error();
    if (Status s = checkExamples(validation, impl.config, "validation"); !s) return s.error();
    model::setComputeThreads(m_config.threads);
    if (m_config.useLora && !m_model.lora())
        if (Status s = m_model.attachLora(m_config.lora); !s) return s.error();

    const model::PromptFormat format(impl.tokenizer, impl.config.maxTextLength);
    const auto sequences = encode(training, format, m_config.perceptionWholeAnswer);
    const auto validationSequences = encode(validation, format, m_config.perceptionWholeAnswer);
    TrainReport report;
    report.totalSteps = m_config.totalSteps(int(training.size()));
    const int perEpoch = m_config.stepsPerEpoch(int(training.size()));
    const LearningRateSchedule schedule(m_config, report.totalSteps);

    // With adapters attached only they learn; the base stays frozen (Hu et al. 2021).
    const bool adaptersOnly = m_model.lora().has_value();
    const NamedTensors parameters = allParameters(impl);
    const GradientsRestored restoreGradients(parameters);
    std::vector<torch::Tensor> decay, noDecay, trainable;
    for (const auto& [name, p] : parameters) {
        const bool learns = !adaptersOnly || internal::isLoraParameter(name);
        p.set_requires_grad(learns);
        if (!learns) continue;
        trainable.push_back(p);
        const bool matrix = p.dim() >= 2 && name.find("positions") == std::string::npos && name.find("image_segment") == std::string::npos;
        (matrix ? decay : noDecay).push_back(p);
    }
    auto options = torch::optim::AdamWOptions(m_config.learningRate)
                       .betas({m_config.beta1, m_config.beta2}).weight_decay(m_config.weightDecay);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    if (!decay.empty()) groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(options));
    if (!noDecay.empty()) groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(options).weight_decay(0.0)));
    torch::optim::AdamW optimizer(groups, options);

    ResumeState state;
    state.dataHash = trainingDataHash(training);
    state.trainConfig = m_config.toJson();
    std::vector<torch::Tensor> best;  // weights at state.bestStep (early stopping)
    auto snapshot = [&] {
        best.clear();
        for (const auto& [name, p] : parameters) best.push_back(p.detach().clone());
    };
    const QString resumePath = dir.isEmpty() ? QString() : resumeDir(dir);
    if (resuming) {
        auto saved = ResumeState::read(resumePath);
        if (!saved) return saved.error();
        const QString statePath = QDir(resumePath).filePath(ResumeState::fileName());
        if (saved.value().dataHash != state.dataHash)
            return Error{statePath, QStringLiteral("resume state belongs to other training data")};
        if (saved.value().trainConfig != state.trainConfig)
            return Error{statePath, QStringLiteral("resume state belongs to another training config")};
        state = saved.take();
        auto weights = readFile(QDir(resumePath).filePath(kWeights));
        if (!weights) return weights.error();
        if (Status s = internal::loadTensorsInto(weights.value(), QDir(resumePath).filePath(kWeights), parameters); !s) return s.error();
        auto moments = readFile(QDir(resumePath).filePath(kOptimizer));
        if (!moments) return moments.error();
        if (Status s = internal::readArchive(moments.value(), QDir(resumePath).filePath(kOptimizer),
                                             [&](torch::serialize::InputArchive& a) { optimizer.load(a); return Status(); },
                                             impl.device); !s)  // Adam moments live beside their parameters
            return s.error();
        if (m_config.patience > 0 && state.bestStep >= 0) {  // best weights are only kept for early stopping
            auto bestBytes = readFile(QDir(resumePath).filePath(kBest));
            if (!bestBytes) return bestBytes.error();
            snapshot();
            NamedTensors into;
            for (std::size_t i = 0; i < parameters.size(); ++i) into.emplace_back(parameters[i].first, best[i]);
            if (Status s = internal::loadTensorsInto(bestBytes.value(), QDir(resumePath).filePath(kBest), into); !s) return s.error();
        }
        report.startStep = state.nextStep;
    } else if (!resumePath.isEmpty()) {
        QDir(resumePath).removeRecursively();  // a previous run's leftovers would mislead resume()
    }

    auto saveResume = [&]() -> Status {
        auto staged = model::StagedDirectory::create(resumePath);
        if (!staged) return staged.error();
        auto put = [&](const QString& name, const Result<QByteArray>& bytes) -> Status {
            if (!bytes) return Error{QDir(resumePath).filePath(name), bytes.error().reason};
            return model::writeFileDurably(staged.value().filePath(name), bytes.value());
        };
        if (Status s = put(kWeights, internal::serializeTensors(parameters)); !s) return s;
        if (Status s = put(kOptimizer, internal::serializeArchive([&](torch::serialize::OutputArchive& a) { optimizer.save(a); })); !s) return s;
        if (!best.empty()) {
            NamedTensors named;
            for (std::size_t i = 0; i < parameters.size(); ++i) named.emplace_back(parameters[i].first, best[i]);
            if (Status s = put(kBest, internal::serializeTensors(named)); !s) return s;
        }
        if (Status s = state.write(staged.value().path()); !s) return s;
        return staged.value().commit();
    };
    auto evaluate = [&](double* loss, double* accuracy) {
        torch::NoGradGuard noGrad;
        impl.network->eval();
        std::vector<std::size_t> all(validation.size());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
        *loss = lossOver(impl, m_config, validation, validationSequences, all, false).textLoss();
        std::vector<model::PerceptionQuery> queries;
        std::vector<int> truth;
        for (const TrainingExample& e : validation)
            if (e.kind == TrainingExample::Kind::Perception) {
                queries.push_back({e.image, e.question, e.options});
                truth.push_back(e.answerIndex);
            }
        *accuracy = -1;
        if (auto answers = m_model.answer(queries); answers && !queries.empty()) {
            int right = 0;
            for (std::size_t i = 0; i < truth.size(); ++i) right += answers.value()[i].choice == truth[i];
            *accuracy = double(right) / double(truth.size());
        }
    };

    QElapsedTimer clock;
    clock.start();
    qint64 trainedSamples = 0;
    double trainingSeconds = 0;
    int step = state.nextStep;
    // A new run may start with encoder pretraining; a resumed run has it in its weights.
    const bool pretrain = !resuming && m_config.encoderEpochs > 0 && impl.config.attributeSlots > 0;
    constexpr double kPretrainShare = 0.15;  // of the progress bar
    const jobs::Progress stepProgress = pretrain ? progress.sub(kPretrainShare, 1.0) : progress;
    try {
        if (pretrain) {
            EncoderPretrainConfig pc;
            pc.epochs = m_config.encoderEpochs;
            pc.seed = m_config.seed;
            pc.presentWeight = m_config.attributePresentWeight;
            auto pretrained = EncoderPretrainer(m_model, pc).run(training, progress.sub(0.0, kPretrainShare));
            report.encoderPretraining = pretrained ? pretrained.value().toJson()
                                                   : QJsonObject{{"skipped", pretrained.error().message()}};
        }
        const std::vector<int> groups = imageGroups(training);
        std::vector<std::size_t> order;
        int orderEpoch = -1;
        for (; step < report.totalSteps; ++step) {
            stepProgress.checkCancelled();
            const int epoch = step / perEpoch;
            if (epoch != orderEpoch) {
                order = trainingOrder(groups, m_config.batchByImage, m_config.seed, epoch);
                orderEpoch = epoch;
            }
            const std::size_t begin = std::size_t(step % perEpoch) * std::size_t(m_config.batchSize);
            const std::vector<std::size_t> items(order.begin() + std::ptrdiff_t(begin),
                                                 order.begin() + std::ptrdiff_t(std::min(order.size(), begin + std::size_t(m_config.batchSize))));
            // Reseeding per step makes dropout depend on the step alone, so a resumed run
            // draws what the uninterrupted run would have drawn.
            torch::manual_seed(m_config.seed + std::uint64_t(step));
            const double lr = schedule.at(step);
            for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
            impl.network->train();
            optimizer.zero_grad();
            const qint64 stepStart = clock.nsecsElapsed();
            const BatchLoss batchLoss = lossOver(impl, m_config, training, sequences, items, true);
            if (m_config.gradientClipNorm > 0) torch::nn::utils::clip_grad_norm_(trainable, m_config.gradientClipNorm);
            optimizer.step();
            trainingSeconds += double(clock.nsecsElapsed() - stepStart) / 1e9;
            trainedSamples += qint64(items.size());
            const double loss = batchLoss.textLoss();
            state.losses.push_back(loss);
            state.nextStep = step + 1;
            QString phrase = QStringLiteral("step %1/%2, loss %3").arg(step + 1).arg(report.totalSteps).arg(loss, 0, 'f', 4);
            if (batchLoss.attributeImages > 0) phrase += QStringLiteral(", attribute loss %1").arg(batchLoss.attributeLoss(), 0, 'f', 4);
            if (batchLoss.guidedRows > 0) phrase += QStringLiteral(", slot loss %1").arg(batchLoss.guidedLoss(), 0, 'f', 4);
            stepProgress.report(double(step + 1) / report.totalSteps, phrase);

            const bool epochEnd = (step + 1) % perEpoch == 0;
            const bool evaluateNow = !validation.empty() &&
                                     (m_config.evaluateEvery > 0 ? (step + 1) % m_config.evaluateEvery == 0 : epochEnd);
            if (evaluateNow) {
                double vLoss = 0, vAccuracy = -1;
                evaluate(&vLoss, &vAccuracy);
                state.validation.push_back({step, vLoss, vAccuracy});
                const double score = m_config.stopMetric == TrainConfig::StopMetric::ValidationLoss ? vLoss : -vAccuracy;
                if (state.bestStep < 0 || score < state.bestScore - m_config.minDelta) {
                    state.bestScore = score;
                    state.bestStep = step;
                    state.staleEvaluations = 0;
                    if (m_config.patience > 0) snapshot();
                } else if (m_config.patience > 0 && ++state.staleEvaluations >= m_config.patience) {
                    report.stoppedEarly = true;
                    ++step;
                    break;
                }
            }
            if (m_config.checkpointEvery > 0 && !resumePath.isEmpty() && (step + 1) % m_config.checkpointEvery == 0 &&
                step + 1 < report.totalSteps)
                if (Status s = saveResume(); !s) return s.error();
        }
    } catch (const jobs::JobCancelled&) {
        if (!resumePath.isEmpty()) {
            QDir(resumePath).removeRecursively();
            QDir parent(dir);
            if (parent.exists() && parent.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) parent.removeRecursively();
        }
        throw;
    } catch (const std::exception& e) {
        return Error{dir, QStringLiteral("training failed at step %1: %2%3").arg(step).arg(internal::firstLine(e.what()))
                              .arg(resumePath.isEmpty() ? QString() : QStringLiteral(" (resume state kept in %1)").arg(resumePath))};
    }

    // Early stopping keeps the best weights seen on validation.
    torch::NoGradGuard noGrad;
    if (m_config.patience > 0 && !best.empty())
        for (std::size_t i = 0; i < parameters.size(); ++i) parameters[i].second.copy_(best[i]);
    impl.network->eval();
    report.steps = step;
    report.losses = state.losses;
    report.validation = state.validation;
    report.bestStep = m_config.patience > 0 ? state.bestStep : step - 1;
    report.samplesPerSecond = trainingSeconds > 0 ? double(trainedSamples) / trainingSeconds : 0;
    if (!validation.empty()) evaluate(&report.validationLoss, &report.validationAccuracy);

    if (!dir.isEmpty()) {
        model::CheckpointInfo saved = info;
        if (saved.trainingDataHash.isEmpty()) saved.trainingDataHash = state.dataHash;
        QJsonObject metrics = saved.metrics;
        metrics.insert("training", report.toJson());
        metrics.insert("trainConfig", m_config.toJson());
        saved.metrics = metrics;
        if (Status s = m_model.save(dir, saved); !s) return s.error();  // replaces the folder, resume state included
        report.checkpointDir = dir;
    }
    return report;
}

}  // namespace medq::train
