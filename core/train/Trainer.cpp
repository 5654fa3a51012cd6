#include <torch/torch.h>

#include "train/Trainer.h"

#include "model/ComputeDevice.h"
#include "train/ScriptedTrainingRun.h"
#include "train/TrainingRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace medq::train {

namespace {

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

// What every run needs before it starts: a model, a valid config, examples the model can take.
Status checkInputs(const model::QualityModel& model, const TrainConfig& config,
                   const std::vector<TrainingExample>& training, const std::vector<TrainingExample>& validation) {
    if (!model.isValid()) return Error{QString(), QStringLiteral("no model to train")};
    if (Status s = config.validate(); !s)
        return Error{s.error().subject, QStringLiteral("invalid training config: %1").arg(s.error().reason)};
    if (training.empty()) return Error{QString(), QStringLiteral("no training examples")};
    if (Status s = checkExamples(training, model.config(), "training"); !s) return s;
    return checkExamples(validation, model.config(), "validation");
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
                       {"trainingSeconds", trainingSeconds}, {"gradientSumSeconds", gradientSumSeconds}, {"ranks", ranks},
                       {"checkpointDir", checkpointDir}, {"losses", lossArray}, {"encoderPretraining", encoderPretraining}, {"answerCalibration", answerCalibration}};
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
    if (Status s = checkInputs(m_model, m_config, training, validation); !s) return s.error();
    model::setComputeThreads(m_config.threads);
    if (m_model.isScripted()) {
        // A site's TorchScript model trains the parameters its registration names; LoRA
        // settings are the built-in network's and do not apply.
        if (m_group) return Error{dir, QStringLiteral("data-parallel training of a TorchScript model is not available yet")};
        if (resuming) return Error{dir, QStringLiteral("a TorchScript model's training keeps no resume state; start it again")};
        return ScriptedTrainingRun(m_model, m_config, training, validation).run(dir, progress, info);
    }
    if (m_config.useLora && !m_model.lora())
        if (Status s = m_model.attachLora(m_config.lora); !s) return s.error();

    TrainingRun run(m_model, m_config, training, validation, dir, DataParallel(m_group));
    if (!m_temperatureExamples.empty()) run.fitTemperatureOn(m_temperatureExamples, m_temperatureBasis);
    if (resuming) {
        if (Status s = run.restore(); !s) return s.error();
    } else {
        run.startFresh();
    }
    if (Status s = run.train(progress); !s) return s.error();
    return run.finish(info);
}

}  // namespace medq::train
