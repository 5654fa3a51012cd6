#include "learn/TrainModelJob.h"

#include "jobs/WorkspaceJobLock.h"
#include "learn/CheckpointRegistry.h"
#include "learn/ExampleAssembler.h"
#include "model/QualityModel.h"
#include "train/Trainer.h"

#include <QDir>

namespace medq::learn {

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
        if (m_options.sourceMeasures) {
            config.sourceMeasures = true;
            config.measureRoute = m_options.measureRoute;
        }
    }

    ExampleAssembler assembler(ws, config);
    assembler.setAttributeSlots(config.attributeSlots);
    auto training = assembler.split(m_options.trainSplit, progress.sub(0.0, 0.2), m_options.limit);
    if (!training) return {JobOutcome::Status::Failed, training.error().message(), {}};
    // The training sources' measure levels go with the checkpoint: images assessed alone
    // are standardised against them (assess::MeasureSources).
    const model::MeasureReference measureReference =
        config.sourceMeasures ? assembler.measureReference() : model::MeasureReference{};
    auto validation = assembler.split(m_options.validationSplit, progress.sub(0.2, 0.3),
                                      m_options.limit > 0 ? std::max(16, m_options.limit / 4) : 0);
    if (!validation) return {JobOutcome::Status::Failed, validation.error().message(), {}};

    if (!net.isValid()) {
        progress.report(0.3, QStringLiteral("Training the tokenizer"));
        QStringList corpus = train::tokenizerCorpus(training.value().examples);
        corpus += train::tokenizerCorpus(validation.value().examples);
        auto tokenizer = model::Tokenizer::train(corpus, m_options.vocabSize);
        if (!tokenizer) return {JobOutcome::Status::Failed, tokenizer.error().message(), {}};
        auto created = model::QualityModel::create(config, tokenizer.value());
        if (!created) return {JobOutcome::Status::Failed, created.error().message(), {}};
        net = created.take();
    }
    if (config.sourceMeasures && net.measureReference().isEmpty()) net.setMeasureReference(measureReference);
    const QString name = m_options.name.isEmpty()
                             ? registry.nextName(m_options.fromCheckpoint.isEmpty() ? QStringLiteral("base") : QStringLiteral("ft"))
                             : m_options.name;
    const QString dir = registry.resolve(name);
    if (QFileInfo::exists(dir + QStringLiteral("/manifest.json")))
        return {JobOutcome::Status::Failed, QStringLiteral("checkpoint '%1' already exists").arg(name), {}};

    model::CheckpointInfo info;
    info.parentCheckpoint = parent.isEmpty() ? QString() : QFileInfo(parent).fileName();
    info.trainingDataHash = train::trainingDataHash(training.value().examples);
    train::Trainer trainer(net, m_options.config);
    // Resume an interrupted run of the same checkpoint name instead of starting over.
    auto report = train::Trainer::hasResumeState(dir)
                      ? trainer.resume(training.value().examples, validation.value().examples, dir, progress.sub(0.3, 1.0), info)
                      : trainer.train(training.value().examples, validation.value().examples, dir, progress.sub(0.3, 1.0), info);
    if (!report) return {JobOutcome::Status::Failed, report.error().message(), {}};

    QJsonObject result = report.value().toJson();
    result.insert(QStringLiteral("checkpoint"), name);
    result.insert(QStringLiteral("train_examples"), int(training.value().examples.size()));
    result.insert(QStringLiteral("validation_examples"), int(validation.value().examples.size()));
    result.insert(QStringLiteral("parameters"), qint64(net.parameterCount()));
    result.insert(QStringLiteral("device"), net.deviceName());
    ws.audit().append(m_options.actor, QStringLiteral("model.train"), QStringLiteral("checkpoints"), std::nullopt,
                      QJsonObject{{"checkpoint", name}, {"parent", info.parentCheckpoint}});
    if (m_options.makeCurrent) registry.setCurrent(name, m_options.actor);
    return {JobOutcome::Status::Done,
            QStringLiteral("checkpoint %1: %2 steps, %3 samples/s, validation loss %4")
                .arg(name).arg(report.value().steps).arg(report.value().samplesPerSecond, 0, 'f', 1)
                .arg(report.value().validationLoss, 0, 'f', 3),
            result};
}

}  // namespace medq::learn
