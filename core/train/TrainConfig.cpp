#include "train/TrainConfig.h"

#include "common/JsonFields.h"

#include <QStringList>
#include <algorithm>
#include <utility>

namespace medq::train {

int TrainConfig::stepsPerEpoch(int exampleCount) const {
    return std::max(1, (exampleCount + batchSize - 1) / std::max(1, batchSize));
}

double TrainConfig::tokenWeight(bool perception, long long targetTokens) const {
    if (targetTokens <= 0) return 0.0;
    const double weight = perception ? perceptionWeight : 1.0;
    return lossPerExample ? weight / double(targetTokens) : weight;
}

int TrainConfig::totalSteps(int exampleCount) const {
    return maxSteps > 0 ? maxSteps : std::max(1, epochs) * stepsPerEpoch(exampleCount);
}

Status TrainConfig::validate() const {
    auto bad = [](const char* field, const char* why) { return Status(Error{QString::fromLatin1(field), QString::fromLatin1(why)}); };
    if (epochs < 1 && maxSteps < 1) return bad("epochs", "need epochs or maxSteps >= 1");
    if (batchSize < 1) return bad("batchSize", "must be at least 1");
    if (learningRate <= 0) return bad("learningRate", "must be positive");
    if (weightDecay < 0) return bad("weightDecay", "must not be negative");
    if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) return bad("beta", "Adam betas must be in [0, 1)");
    if (warmupSteps < 0) return bad("warmupSteps", "must not be negative");
    if (minLearningRateRatio < 0 || minLearningRateRatio > 1) return bad("minLearningRateRatio", "must be in [0, 1]");
    if (evaluateEvery < 0 || patience < 0 || checkpointEvery < 0) return bad("evaluateEvery", "step counts must not be negative");
    if (perceptionWeight <= 0) return bad("perceptionWeight", "must be positive");
    if (attributeWeight < 0) return bad("attributeWeight", "must not be negative");
    if (attributePresentWeight <= 0) return bad("attributePresentWeight", "must be positive");
    if (!(attributeOtherModalityWeight >= 0 && attributeOtherModalityWeight <= 1))
        return bad("attributeOtherModalityWeight", "must be between 0 and 1");
    if (guidedSlotWeight < 0) return bad("guidedSlotWeight", "must not be negative");
    if (encoderEpochs < 0) return bad("encoderEpochs", "must not be negative");
    if (!(weightAverageDecay >= 0 && weightAverageDecay < 1)) return bad("weightAverageDecay", "must be in [0, 1)");
    if (threads < 1) return bad("threads", "must be at least 1");
    if (useLora)
        if (Status s = lora.validate(); !s) return s;
    return {};
}

namespace {

// StopMetric's stored words.
constexpr std::pair<TrainConfig::StopMetric, const char*> kStopMetricWords[] = {
    {TrainConfig::StopMetric::ValidationLoss, "loss"}, {TrainConfig::StopMetric::ValidationAccuracy, "accuracy"}};

const std::vector<JsonField<TrainConfig>>& fields() {
    using C = TrainConfig;
    // whenMissing: what configs written before a setting existed trained with.
    static const std::vector<JsonField<C>> list = {
        intField("epochs", &C::epochs),
        intField("maxSteps", &C::maxSteps),
        intField("batchSize", &C::batchSize),
        doubleField("learningRate", &C::learningRate),
        doubleField("weightDecay", &C::weightDecay),
        doubleField("beta1", &C::beta1),
        doubleField("beta2", &C::beta2),
        intField("warmupSteps", &C::warmupSteps),
        boolField("cosineSchedule", &C::cosineSchedule),
        doubleField("minLearningRateRatio", &C::minLearningRateRatio),
        doubleField("gradientClipNorm", &C::gradientClipNorm),
        boolField("perceptionWholeAnswer", &C::perceptionWholeAnswer),
        boolField("lossPerExample", &C::lossPerExample, /*whenMissing: per token*/ false),
        doubleField("perceptionWeight", &C::perceptionWeight),
        // No attribute loss, no slot loss, no image batches, no encoder pretraining.
        doubleField("attributeWeight", &C::attributeWeight, /*whenMissing*/ 0.0),
        doubleField("attributePresentWeight", &C::attributePresentWeight, /*whenMissing*/ 1.0),
        doubleField("attributeOtherModalityWeight", &C::attributeOtherModalityWeight, /*whenMissing*/ 1.0),
        doubleField("guidedSlotWeight", &C::guidedSlotWeight, /*whenMissing*/ 0.0),
        boolField("batchByImage", &C::batchByImage, /*whenMissing*/ false),
        intField("encoderEpochs", &C::encoderEpochs, /*whenMissing*/ 0),
        intField("evaluateEvery", &C::evaluateEvery),
        intField("patience", &C::patience),
        enumField("stopMetric", &C::stopMetric,
                  {kStopMetricWords[0], kStopMetricWords[1]}),
        doubleField("minDelta", &C::minDelta),
        boolField("useLora", &C::useLora),
        objectField("lora", &C::lora),
        doubleField("weightAverageDecay", &C::weightAverageDecay, /*whenMissing*/ 0.0),
        intField("checkpointEvery", &C::checkpointEvery),
        boolField("calibrateAnswers", &C::calibrateAnswers, /*whenMissing: runs before it existed*/ false),
        uint64Field("seed", &C::seed),
        intField("threads", &C::threads),
    };
    return list;
}

}  // namespace

std::optional<TrainConfig::StopMetric> TrainConfig::stopMetricFromWord(const QString& word) {
    for (const auto& [metric, text] : kStopMetricWords)
        if (word == QLatin1String(text)) return metric;
    return std::nullopt;
}

QString TrainConfig::stopMetricWords() {
    QStringList words;
    for (const auto& entry : kStopMetricWords) words << QLatin1String(entry.second);
    return words.join(QStringLiteral(", "));
}

QJsonObject TrainConfig::toJson() const { return fieldsToJson(*this, fields()); }

Result<TrainConfig> TrainConfig::fromJson(const QJsonObject& json) {
    TrainConfig c;
    if (Status s = fieldsFromJson(c, json, fields()); !s) return s.error();
    if (Status s = c.validate(); !s) return s.error();
    return c;
}

}  // namespace medq::train
