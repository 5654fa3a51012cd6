#include "learn/TrainModelJob.h"

#include "dist/Group.h"
#include "jobs/WorkspaceJobLock.h"
#include "learn/CheckpointRegistry.h"
#include "learn/DistributedTraining.h"
#include "learn/SourceBreakdown.h"
#include "learn/TemperatureQuestions.h"
#include "learn/TrainingData.h"
#include "model/QualityModel.h"
#include "store/LoopRepository.h"
#include "train/ResumeState.h"
#include "train/Trainer.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace medq::learn {

namespace {

// The newest interrupted run named `prefix`-N whose resume state a run on these examples
// with `config` can continue (a rerun after a crash resumes instead of starting a new name
// beside it); empty when there is none.
QString resumableRun(const CheckpointRegistry& registry, const QString& prefix, const QString& dataHash,
                     const train::TrainConfig& config) {
    const QStringList interrupted = registry.interrupted();  // oldest first
    for (auto it = interrupted.rbegin(); it != interrupted.rend(); ++it) {
        if (!it->startsWith(prefix + QLatin1Char('-'))) continue;
        const auto state = train::ResumeState::read(train::Trainer::resumeDir(registry.resolve(*it)));
        if (state && !state.value().mismatch(dataHash, config.toJson())) return *it;
    }
    return {};
}

}  // namespace

jobs::JobOutcome TrainModelJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    auto lock = jobs::WorkspaceJobLock::forJob(m_dir, title(), false, progress);
    if (!lock) return {JobOutcome::Status::Failed, lock.error().message(), {}};
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    store::Workspace& ws = *opened.value();
    CheckpointRegistry registry(ws);
    QDir().mkpath(registry.root());

    // Model first: its image size decides the preprocessing.
    model::QualityModel net;
    QString parent;
    if (!m_options.fromCheckpoint.isEmpty()) {
        parent = registry.resolve(m_options.fromCheckpoint);
        auto loaded = model::QualityModel::load(parent);
        if (!loaded) return {JobOutcome::Status::Failed, loaded.error().message(), {}};
        net = loaded.take();
    }
    model::ModelConfig config;
    if (net.isValid()) {
        config = net.config();
    } else {
        auto preset = model::ModelConfig::fromPreset(m_options.preset);
        if (!preset) return {JobOutcome::Status::Failed, preset.error().message(), {}};
        config = preset.take();
        if (m_options.maxTextLength > 0) config.maxTextLength = m_options.maxTextLength;
        config.ownModalitySlots = m_options.ownModalitySlots;
        if (m_options.sourceMeasures) {
            config.sourceMeasures = true;
            config.measureRoute = m_options.measureRoute;
            config.measureDropout = m_options.measureDropout;
        }
    }

    auto assembled = assembleTrainingData(ws, config, {m_options.trainSplit, m_options.validationSplit, m_options.limit},
                                          progress.sub(0.0, 0.3));
    if (!assembled) return {JobOutcome::Status::Failed, assembled.error().message(), {}};
    TrainingData& data = assembled.value();

    if (!net.isValid()) {
        progress.report(0.3, QStringLiteral("Training the tokenizer"));
        QStringList corpus = train::tokenizerCorpus(data.training);
        corpus += train::tokenizerCorpus(data.validation);
        auto tokenizer = model::Tokenizer::train(corpus, m_options.vocabSize);
        if (!tokenizer) return {JobOutcome::Status::Failed, tokenizer.error().message(), {}};
        auto created = model::QualityModel::create(config, tokenizer.value());
        if (!created) return {JobOutcome::Status::Failed, created.error().message(), {}};
        net = created.take();
    }
    if (config.sourceMeasures && net.measureReference().isEmpty()) net.setMeasureReference(data.measureReference);
    const QString prefix = m_options.fromCheckpoint.isEmpty() ? QStringLiteral("base") : QStringLiteral("ft");
    QString name = m_options.name;
    if (name.isEmpty()) name = resumableRun(registry, prefix, train::trainingDataHash(data.training), m_options.config);
    if (name.isEmpty()) name = registry.nextName(prefix);
    const QString dir = registry.resolve(name);
    if (QFileInfo::exists(dir + QStringLiteral("/manifest.json")))
        return {JobOutcome::Status::Failed, QStringLiteral("checkpoint '%1' already exists").arg(name), {}};
    // Drafts are stored by checkpoint name: none made by an earlier checkpoint of this name
    // (deleted by hand) may stand for the one trained now.
    store::LoopRepository(ws.db()).removeOutputsOf(name);

    model::CheckpointInfo info;
    info.parentCheckpoint = parent.isEmpty() ? QString() : QFileInfo(parent).fileName();
    info.trainingDataHash = train::trainingDataHash(data.training);
    train::Trainer trainer(net, m_options.config);
    // The answer temperature from the validation split's real sources when it has enough.
    const TemperatureQuestions temperature = TemperatureQuestions::choose(data.validation, SourceBreakdown::kindsOf(ws, data.validation));
    if (temperature.basis == TemperatureQuestions::Basis::RealSources)
        trainer.setTemperatureExamples(temperature.examples, TemperatureQuestions::key(temperature.basis));
    const bool onRealSources = m_options.validateOnRealSources && temperature.basis == TemperatureQuestions::Basis::RealSources;
    if (onRealSources) data.validation = temperature.examples;
    // Resume an interrupted run of the same checkpoint name instead of starting over.
    const bool resume = train::Trainer::hasResumeState(dir);
    Result<train::TrainReport> report = Error{};
    if (m_options.group && m_options.channel) {
        TrainTask task;
        task.workspace = QFileInfo(m_dir).absoluteFilePath();
        task.checkpoint = QFileInfo(dir).absoluteFilePath();
        task.run = name;
        task.data = {m_options.trainSplit, m_options.validationSplit, m_options.limit};
        task.config = m_options.config.toJson();
        task.dataHash = info.trainingDataHash;
        task.resume = resume;
        task.prepareMs = m_options.prepareTimeout.count();
        report = leadTraining(*m_options.group, *m_options.channel, task, trainer, net, data, info, progress.sub(0.3, 1.0),
                              m_options.groupTimeout);
    } else {
        report = resume ? trainer.resume(data.training, data.validation, dir, progress.sub(0.3, 1.0), info)
                        : trainer.train(data.training, data.validation, dir, progress.sub(0.3, 1.0), info);
    }
    if (!report) return {JobOutcome::Status::Failed, report.error().message(), {}};

    QJsonObject result = report.value().toJson();
    result.insert(QStringLiteral("checkpoint"), name);
    result.insert(QStringLiteral("train_examples"), int(data.training.size()));
    result.insert(QStringLiteral("validation_examples"), int(data.validation.size()));
    result.insert(QStringLiteral("validation_basis"),
                  TemperatureQuestions::key(onRealSources ? TemperatureQuestions::Basis::RealSources
                                                          : TemperatureQuestions::Basis::AllHeldOut));
    if (m_options.group) result.insert(QStringLiteral("ranks"), m_options.group->worldSize());
    result.insert(QStringLiteral("parameters"), qint64(net.parameterCount()));
    result.insert(QStringLiteral("device"), net.deviceName());
    ws.audit().append(m_options.actor, QStringLiteral("model.train"), QStringLiteral("checkpoints"), std::nullopt,
                      QJsonObject{{"checkpoint", name}, {"parent", info.parentCheckpoint}});
    if (m_options.makeCurrent) registry.setCurrent(name, m_options.actor);
    const train::TrainReport& r = report.value();
    QString message = QStringLiteral("checkpoint %1: %2 steps, %3 samples/s, validation loss %4")
                          .arg(name).arg(r.steps).arg(r.samplesPerSecond, 0, 'f', 1).arg(r.validationLoss, 0, 'f', 3);
    if (r.ranks > 1)
        message += QStringLiteral("; %1 processes, summing gradients took %2% of the steps' time")
                       .arg(r.ranks).arg(100.0 * r.gradientSumSeconds / std::max(1e-9, r.trainingSeconds), 0, 'f', 1);
    return {JobOutcome::Status::Done, message, result};
}

}  // namespace medq::learn
