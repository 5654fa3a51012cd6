#include "learn/CalibrateModelJob.h"

#include "learn/CheckpointRegistry.h"
#include "learn/ExampleAssembler.h"
#include "learn/SourceBreakdown.h"
#include "learn/TemperatureQuestions.h"
#include "model/QualityModel.h"
#include "train/AnswerTemperature.h"
#include "train/PresenceThresholds.h"

namespace medq::learn {

jobs::JobOutcome CalibrateModelJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    store::Workspace& ws = *opened.value();
    CheckpointRegistry registry(ws);
    const QString name = m_options.checkpoint.isEmpty() ? registry.current() : m_options.checkpoint;
    if (name.isEmpty()) return {JobOutcome::Status::Failed, QStringLiteral("no checkpoint given and none is current"), {}};
    const QString dir = registry.resolve(name);
    auto loaded = model::QualityModel::load(dir);
    if (!loaded) return {JobOutcome::Status::Failed, loaded.error().message(), {}};
    model::QualityModel net = loaded.take();
    auto manifest = model::CheckpointManifest::read(dir);
    if (!manifest) return {JobOutcome::Status::Failed, manifest.error().message(), {}};

    ExampleAssembler assembler(ws, net.config());
    assembler.setAttributeSlots(net.config().attributeSlots);
    auto data = assembler.split(m_options.split, progress.sub(0.0, 0.6));
    if (!data) return {JobOutcome::Status::Failed, data.error().message(), {}};
    progress.report(0.6, QStringLiteral("Answering the %1 split's questions").arg(m_options.split));
    const double before = net.config().answerTemperature;
    // On the split's real sources when it has enough of their questions (TemperatureQuestions).
    const TemperatureQuestions questions =
        TemperatureQuestions::choose(data.value().examples, SourceBreakdown::kindsOf(ws, data.value().examples));
    auto fitted = train::AnswerTemperature::calibrate(net, questions.examples);
    if (!fitted) return {JobOutcome::Status::Failed, fitted.error().message(), {}};
    const train::AnswerCalibration& c = fitted.value();
    if (c.questions < train::AnswerTemperature::kMinQuestions)
        return {JobOutcome::Status::Failed,
                QStringLiteral("the %1 split has %2 perception questions; at least %3 are needed to calibrate")
                    .arg(m_options.split).arg(c.questions).arg(train::AnswerTemperature::kMinQuestions),
                {}};
    // The attribute head's presence thresholds, on the same split's labelled images.
    QString presenceNote;
    QJsonObject presenceJson;
    if (net.config().attributeSlots > 0) {
        progress.report(0.8, QStringLiteral("Reading the %1 split's attributes").arg(m_options.split));
        const auto presence = train::PresenceThresholds::calibrate(net, data.value().examples);
        presenceJson = presence ? presence.value().toJson() : QJsonObject{{"skipped", presence.error().message()}};
        presenceNote = presence ? QStringLiteral("; attribute presence F1 %1 -> %2 (%3 slots with their own threshold)")
                                      .arg(presence.value().f1Before, 0, 'f', 3).arg(presence.value().f1After, 0, 'f', 3)
                                      .arg(presence.value().slotsOwn)
                                : QStringLiteral("; presence thresholds not fitted: %1").arg(presence.error().message());
    }
    progress.report(0.9, QStringLiteral("Saving %1").arg(name));
    model::CheckpointInfo info = manifest.value().info;
    QJsonObject calibration = c.toJson();
    calibration.insert(QStringLiteral("questionsFrom"), TemperatureQuestions::key(questions.basis));
    if (!presenceJson.isEmpty()) calibration.insert(QStringLiteral("presence"), presenceJson);
    info.metrics.insert(QStringLiteral("answerCalibration"), calibration);
    if (Status s = net.save(dir, info); !s) return {JobOutcome::Status::Failed, s.error().message(), {}};
    QJsonObject result = calibration;
    result.insert(QStringLiteral("checkpoint"), name);
    result.insert(QStringLiteral("split"), m_options.split);
    result.insert(QStringLiteral("temperatureBefore"), before);
    ws.audit().append(m_options.actor, QStringLiteral("model.calibrate"), QStringLiteral("checkpoints"), std::nullopt,
                      QJsonObject{{"checkpoint", name}, {"temperature", c.temperature}});
    return {JobOutcome::Status::Done,
            QStringLiteral("checkpoint %1: answer temperature %2 (was %3) from %4 %5 questions (%10); ECE %6 -> %7, NLL %8 -> %9")
                    .arg(name).arg(c.temperature, 0, 'f', 3).arg(before, 0, 'f', 3).arg(c.questions).arg(m_options.split)
                    .arg(c.eceBefore, 0, 'f', 3).arg(c.eceAfter, 0, 'f', 3).arg(c.nllBefore, 0, 'f', 3).arg(c.nllAfter, 0, 'f', 3)
                    .arg(TemperatureQuestions::key(questions.basis)) +
                presenceNote,
            result};
}

}  // namespace medq::learn
