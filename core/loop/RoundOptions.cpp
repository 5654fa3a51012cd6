#include "loop/RoundOptions.h"

#include "common/JsonFields.h"

namespace medq::loop {
namespace {

const std::vector<JsonField<RoundOptions>>& fields() {
    static const std::vector<JsonField<RoundOptions>> list = {
        enumField("strategy", &RoundOptions::strategy),
        intField("budget", &RoundOptions::budget),
        intField("seed", &RoundOptions::seed),
        textField("evalSplit", &RoundOptions::evalSplit),
        textField("validationSplit", &RoundOptions::validationSplit),
        intField("evalLimit", &RoundOptions::evalLimit),
        intField("heldOutLimit", &RoundOptions::heldOutLimit),
        intField("descriptionFailBelow", &RoundOptions::descriptionFailBelow),
        intField("kMin", &RoundOptions::kMin),
        intField("kMax", &RoundOptions::kMax),
        intField("minClusterSize", &RoundOptions::minClusterSize),
        doubleField("minSilhouette", &RoundOptions::minSilhouette),
        doubleField("errorFeatureWeight", &RoundOptions::errorFeatureWeight),
        intField("poolEmbedLimit", &RoundOptions::poolEmbedLimit),
        enumField("anchors", &RoundOptions::anchors),
        intField("neighboursPerPrototype", &RoundOptions::neighboursPerPrototype),
        doubleField("duplicateSimilarity", &RoundOptions::duplicateSimilarity),
        doubleField("mmrLambda", &RoundOptions::mmrLambda),
        boolField("sameModality", &RoundOptions::sameModality),
        intField("uncertaintyCandidates", &RoundOptions::uncertaintyCandidates),
        doubleField("targetErrorRate", &RoundOptions::targetErrorRate),
        doubleField("expertErrorRate", &RoundOptions::expertErrorRate),
        doubleField("spotCheckRate", &RoundOptions::spotCheckRate),
        intField("calibrationLimit", &RoundOptions::calibrationLimit),
        doubleField("reviewAnchoring", &RoundOptions::reviewAnchoring),
        doubleField("maxAccuracyLoss", &RoundOptions::maxAccuracyLoss),
        doubleField("goldRate", &RoundOptions::goldRate),
        doubleField("doubleRate", &RoundOptions::doubleRate),
        doubleField("minGoldAccuracy", &RoundOptions::minGoldAccuracy),
        boolField("qualityGate", &RoundOptions::qualityGate),
        enumField("annotator", &RoundOptions::annotator),
        textField("annotatorConfig", &RoundOptions::annotatorConfig),
        intField("fineTuneSteps", &RoundOptions::fineTuneSteps),
        doubleField("fineTuneEpochs", &RoundOptions::fineTuneEpochs),
        boolField("fineTuneFromBase", &RoundOptions::fineTuneFromBase),
        doubleField("earlierLabelsPerNew", &RoundOptions::earlierLabelsPerNew),
        doubleField("learningRate", &RoundOptions::learningRate),
        intField("batchSize", &RoundOptions::batchSize),
        doubleField("replayRatio", &RoundOptions::replayRatio),
        intField("validationLimit", &RoundOptions::validationLimit),
        doubleField("tolerance", &RoundOptions::tolerance),
        doubleField("regressionAlpha", &RoundOptions::regressionAlpha),
        doubleField("nonInferiorityMargin", &RoundOptions::nonInferiorityMargin),
        intField("loraRank", &RoundOptions::loraRank),
        intField("threads", &RoundOptions::threads),
        textField("actor", &RoundOptions::actor),
    };
    return list;
}

bool isRate(double v) { return v >= 0.0 && v <= 1.0; }

}  // namespace

Status RoundOptions::validate() const {
    auto bad = [](const char* field, const QString& why) { return Status(Error{QString::fromLatin1(field), why}); };
    if (budget < 1) return bad("budget", QStringLiteral("must be at least 1"));
    if (evalLimit < 0 || heldOutLimit < 0 || calibrationLimit < 0 || validationLimit < 0 || poolEmbedLimit < 0)
        return bad("limits", QStringLiteral("limits cannot be negative"));
    if (heldOutLimit > 0 && evalLimit == 0)
        return bad("heldOutLimit", QStringLiteral("needs evalLimit > 0: with every test image mined for failures none is left out"));
    if (descriptionFailBelow < 0 || descriptionFailBelow > 8) return bad("descriptionFailBelow", QStringLiteral("must be in 0..8"));
    if (kMin < 2 || kMax < kMin) return bad("kMin", QStringLiteral("need 2 <= kMin <= kMax"));
    if (minClusterSize < 1) return bad("minClusterSize", QStringLiteral("must be at least 1"));
    if (minSilhouette < -1 || minSilhouette > 1) return bad("minSilhouette", QStringLiteral("must be in [-1, 1]"));
    if (errorFeatureWeight < 0) return bad("errorFeatureWeight", QStringLiteral("cannot be negative"));
    if (neighboursPerPrototype < 1) return bad("neighboursPerPrototype", QStringLiteral("must be at least 1"));
    if (duplicateSimilarity <= 0 || duplicateSimilarity > 1) return bad("duplicateSimilarity", QStringLiteral("must be in (0, 1]"));
    if (!isRate(mmrLambda)) return bad("mmrLambda", QStringLiteral("must be in [0, 1]"));
    if (uncertaintyCandidates < 1) return bad("uncertaintyCandidates", QStringLiteral("must be at least 1"));
    if (!isRate(targetErrorRate)) return bad("targetErrorRate", QStringLiteral("must be in [0, 1]"));
    if (!isRate(expertErrorRate) || expertErrorRate < targetErrorRate)
        return bad("expertErrorRate", QStringLiteral("must be in [targetErrorRate, 1]"));
    if (!isRate(spotCheckRate)) return bad("spotCheckRate", QStringLiteral("must be in [0, 1]"));
    if (!isRate(reviewAnchoring)) return bad("reviewAnchoring", QStringLiteral("must be in [0, 1]"));
    if (maxAccuracyLoss > 1) return bad("maxAccuracyLoss", QStringLiteral("must be at most 1 (negative: no limit)"));
    if (!isRate(goldRate)) return bad("goldRate", QStringLiteral("must be in [0, 1]"));
    if (!isRate(doubleRate)) return bad("doubleRate", QStringLiteral("must be in [0, 1]"));
    if (!isRate(minGoldAccuracy)) return bad("minGoldAccuracy", QStringLiteral("must be in [0, 1]"));
    if (fineTuneSteps < 0) return bad("fineTuneSteps", QStringLiteral("cannot be negative"));
    if (fineTuneEpochs < 0 || fineTuneEpochs > 100) return bad("fineTuneEpochs", QStringLiteral("must be in [0, 100]"));
    if (learningRate <= 0 || learningRate > 1) return bad("learningRate", QStringLiteral("must be in (0, 1]"));
    if (batchSize < 1) return bad("batchSize", QStringLiteral("must be at least 1"));
    if (replayRatio < 0) return bad("replayRatio", QStringLiteral("cannot be negative"));
    if (!isRate(tolerance)) return bad("tolerance", QStringLiteral("must be in [0, 1]"));
    if (!isRate(regressionAlpha)) return bad("regressionAlpha", QStringLiteral("must be in [0, 1]"));
    if (!isRate(nonInferiorityMargin)) return bad("nonInferiorityMargin", QStringLiteral("must be in [0, 1]"));
    if (loraRank < 0) return bad("loraRank", QStringLiteral("cannot be negative"));
    if (threads < 0) return bad("threads", QStringLiteral("cannot be negative"));
    return {};
}

QJsonObject RoundOptions::toJson() const { return fieldsToJson(*this, fields()); }

Result<RoundOptions> RoundOptions::fromJson(const QJsonObject& json) {
    RoundOptions o;
    if (Status s = fieldsFromJson(o, json, fields(), UnknownKeys::Reject); !s) return s.error();
    if (Status s = o.validate(); !s) return s.error();
    return o;
}

}  // namespace medq::loop
