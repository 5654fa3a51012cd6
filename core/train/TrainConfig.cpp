#include "train/TrainConfig.h"

#include <algorithm>

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
    if (guidedSlotWeight < 0) return bad("guidedSlotWeight", "must not be negative");
    if (encoderEpochs < 0) return bad("encoderEpochs", "must not be negative");
    if (threads < 1) return bad("threads", "must be at least 1");
    if (useLora)
        if (Status s = lora.validate(); !s) return s;
    return {};
}

QJsonObject TrainConfig::toJson() const {
    return QJsonObject{
        {"epochs", epochs}, {"maxSteps", maxSteps}, {"batchSize", batchSize},
        {"learningRate", learningRate}, {"weightDecay", weightDecay}, {"beta1", beta1}, {"beta2", beta2},
        {"warmupSteps", warmupSteps}, {"cosineSchedule", cosineSchedule}, {"minLearningRateRatio", minLearningRateRatio},
        {"gradientClipNorm", gradientClipNorm}, {"perceptionWholeAnswer", perceptionWholeAnswer},
        {"lossPerExample", lossPerExample}, {"perceptionWeight", perceptionWeight},
        {"attributeWeight", attributeWeight}, {"attributePresentWeight", attributePresentWeight},
        {"guidedSlotWeight", guidedSlotWeight},
        {"batchByImage", batchByImage}, {"encoderEpochs", encoderEpochs},
        {"evaluateEvery", evaluateEvery}, {"patience", patience},
        {"stopMetric", stopMetric == StopMetric::ValidationLoss ? "loss" : "accuracy"}, {"minDelta", minDelta},
        {"useLora", useLora}, {"lora", lora.toJson()},
        {"checkpointEvery", checkpointEvery},
        {"seed", qint64(seed & ((std::uint64_t(1) << 53) - 1))},  // exact in a JSON number
        {"threads", threads},
    };
}

Result<TrainConfig> TrainConfig::fromJson(const QJsonObject& json) {
    TrainConfig c;
    c.epochs = json.value("epochs").toInt(c.epochs);
    c.maxSteps = json.value("maxSteps").toInt(c.maxSteps);
    c.batchSize = json.value("batchSize").toInt(c.batchSize);
    c.learningRate = json.value("learningRate").toDouble(c.learningRate);
    c.weightDecay = json.value("weightDecay").toDouble(c.weightDecay);
    c.beta1 = json.value("beta1").toDouble(c.beta1);
    c.beta2 = json.value("beta2").toDouble(c.beta2);
    c.warmupSteps = json.value("warmupSteps").toInt(c.warmupSteps);
    c.cosineSchedule = json.value("cosineSchedule").toBool(c.cosineSchedule);
    c.minLearningRateRatio = json.value("minLearningRateRatio").toDouble(c.minLearningRateRatio);
    c.gradientClipNorm = json.value("gradientClipNorm").toDouble(c.gradientClipNorm);
    c.perceptionWholeAnswer = json.value("perceptionWholeAnswer").toBool(c.perceptionWholeAnswer);
    // Configs written before the option existed trained per token.
    c.lossPerExample = json.value("lossPerExample").toBool(false);
    c.perceptionWeight = json.value("perceptionWeight").toDouble(c.perceptionWeight);
    // Older configs had neither the attribute loss nor image batches.
    c.attributeWeight = json.value("attributeWeight").toDouble(0.0);
    c.attributePresentWeight = json.value("attributePresentWeight").toDouble(1.0);
    c.guidedSlotWeight = json.value("guidedSlotWeight").toDouble(0.0);  // newer than the guided token
    c.batchByImage = json.value("batchByImage").toBool(false);
    c.encoderEpochs = json.value("encoderEpochs").toInt(0);
    c.evaluateEvery = json.value("evaluateEvery").toInt(c.evaluateEvery);
    c.patience = json.value("patience").toInt(c.patience);
    const QString metric = json.value("stopMetric").toString(QStringLiteral("loss"));
    if (metric != QLatin1String("loss") && metric != QLatin1String("accuracy"))
        return Error{QStringLiteral("stopMetric"), QStringLiteral("'%1' is neither loss nor accuracy").arg(metric)};
    c.stopMetric = metric == QLatin1String("loss") ? StopMetric::ValidationLoss : StopMetric::ValidationAccuracy;
    c.minDelta = json.value("minDelta").toDouble(c.minDelta);
    c.useLora = json.value("useLora").toBool(c.useLora);
    if (json.contains("lora")) {
        auto lora = model::LoraConfig::fromJson(json.value("lora").toObject());
        if (!lora) return lora.error();
        c.lora = lora.take();
    }
    c.checkpointEvery = json.value("checkpointEvery").toInt(c.checkpointEvery);
    c.seed = std::uint64_t(json.value("seed").toInteger(qint64(c.seed)));
    c.threads = json.value("threads").toInt(c.threads);
    if (Status s = c.validate(); !s) return s.error();
    return c;
}

}  // namespace medq::train
