#include "loop/RoundOptions.h"

#include <QJsonValue>
#include <QStringList>
#include <functional>

namespace medq::loop {
namespace {

// One table drives validation-free JSON reading and writing of every field.
struct Field {
    const char* name;
    std::function<QJsonValue(const RoundOptions&)> get;
    std::function<bool(RoundOptions&, const QJsonValue&)> set;
};

template <typename T>
Field intField(const char* name, T RoundOptions::*member) {
    return {name, [member](const RoundOptions& o) { return QJsonValue(qint64(o.*member)); },
            [member](RoundOptions& o, const QJsonValue& v) {
                if (!v.isDouble()) return false;
                o.*member = T(v.toDouble());
                return true;
            }};
}
Field doubleField(const char* name, double RoundOptions::*member) {
    return {name, [member](const RoundOptions& o) { return QJsonValue(o.*member); },
            [member](RoundOptions& o, const QJsonValue& v) {
                if (!v.isDouble()) return false;
                o.*member = v.toDouble();
                return true;
            }};
}
Field textField(const char* name, QString RoundOptions::*member) {
    return {name, [member](const RoundOptions& o) { return QJsonValue(o.*member); },
            [member](RoundOptions& o, const QJsonValue& v) {
                if (!v.isString()) return false;
                o.*member = v.toString();
                return true;
            }};
}
Field boolField(const char* name, bool RoundOptions::*member) {
    return {name, [member](const RoundOptions& o) { return QJsonValue(o.*member); },
            [member](RoundOptions& o, const QJsonValue& v) {
                if (!v.isBool()) return false;
                o.*member = v.toBool();
                return true;
            }};
}

const std::vector<Field>& fields() {
    static const std::vector<Field> list = {
        textField("strategy", &RoundOptions::strategy),
        intField("budget", &RoundOptions::budget),
        intField("seed", &RoundOptions::seed),
        textField("evalSplit", &RoundOptions::evalSplit),
        intField("evalLimit", &RoundOptions::evalLimit),
        intField("heldOutLimit", &RoundOptions::heldOutLimit),
        intField("descriptionFailBelow", &RoundOptions::descriptionFailBelow),
        intField("kMin", &RoundOptions::kMin),
        intField("kMax", &RoundOptions::kMax),
        intField("minClusterSize", &RoundOptions::minClusterSize),
        doubleField("minSilhouette", &RoundOptions::minSilhouette),
        doubleField("errorFeatureWeight", &RoundOptions::errorFeatureWeight),
        intField("poolEmbedLimit", &RoundOptions::poolEmbedLimit),
        textField("anchors", &RoundOptions::anchors),
        intField("neighboursPerPrototype", &RoundOptions::neighboursPerPrototype),
        doubleField("duplicateSimilarity", &RoundOptions::duplicateSimilarity),
        doubleField("mmrLambda", &RoundOptions::mmrLambda),
        boolField("sameModality", &RoundOptions::sameModality),
        intField("uncertaintyCandidates", &RoundOptions::uncertaintyCandidates),
        doubleField("targetErrorRate", &RoundOptions::targetErrorRate),
        doubleField("expertErrorRate", &RoundOptions::expertErrorRate),
        doubleField("spotCheckRate", &RoundOptions::spotCheckRate),
        intField("calibrationLimit", &RoundOptions::calibrationLimit),
        doubleField("goldRate", &RoundOptions::goldRate),
        doubleField("doubleRate", &RoundOptions::doubleRate),
        doubleField("minGoldAccuracy", &RoundOptions::minGoldAccuracy),
        textField("annotator", &RoundOptions::annotator),
        textField("annotatorConfig", &RoundOptions::annotatorConfig),
        intField("fineTuneSteps", &RoundOptions::fineTuneSteps),
        doubleField("learningRate", &RoundOptions::learningRate),
        intField("batchSize", &RoundOptions::batchSize),
        doubleField("replayRatio", &RoundOptions::replayRatio),
        intField("validationLimit", &RoundOptions::validationLimit),
        doubleField("tolerance", &RoundOptions::tolerance),
        doubleField("regressionAlpha", &RoundOptions::regressionAlpha),
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
    static const QStringList strategies{QStringLiteral("engine"), QStringLiteral("random"), QStringLiteral("uncertainty")};
    if (!strategies.contains(strategy)) return bad("strategy", QStringLiteral("'%1' is not one of %2").arg(strategy, strategies.join(", ")));
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
    if (anchors != QLatin1String("members") && anchors != QLatin1String("centroid"))
        return bad("anchors", QStringLiteral("'%1' is not members or centroid").arg(anchors));
    if (neighboursPerPrototype < 1) return bad("neighboursPerPrototype", QStringLiteral("must be at least 1"));
    if (duplicateSimilarity <= 0 || duplicateSimilarity > 1) return bad("duplicateSimilarity", QStringLiteral("must be in (0, 1]"));
    if (!isRate(mmrLambda)) return bad("mmrLambda", QStringLiteral("must be in [0, 1]"));
    if (uncertaintyCandidates < 1) return bad("uncertaintyCandidates", QStringLiteral("must be at least 1"));
    if (!isRate(targetErrorRate)) return bad("targetErrorRate", QStringLiteral("must be in [0, 1]"));
    if (!isRate(expertErrorRate) || expertErrorRate < targetErrorRate)
        return bad("expertErrorRate", QStringLiteral("must be in [targetErrorRate, 1]"));
    if (!isRate(spotCheckRate)) return bad("spotCheckRate", QStringLiteral("must be in [0, 1]"));
    if (!isRate(goldRate)) return bad("goldRate", QStringLiteral("must be in [0, 1]"));
    if (!isRate(doubleRate)) return bad("doubleRate", QStringLiteral("must be in [0, 1]"));
    if (!isRate(minGoldAccuracy)) return bad("minGoldAccuracy", QStringLiteral("must be in [0, 1]"));
    if (annotator != QLatin1String("simulated") && annotator != QLatin1String("human"))
        return bad("annotator", QStringLiteral("'%1' is not simulated or human").arg(annotator));
    if (fineTuneSteps < 0) return bad("fineTuneSteps", QStringLiteral("cannot be negative"));
    if (learningRate <= 0 || learningRate > 1) return bad("learningRate", QStringLiteral("must be in (0, 1]"));
    if (batchSize < 1) return bad("batchSize", QStringLiteral("must be at least 1"));
    if (replayRatio < 0) return bad("replayRatio", QStringLiteral("cannot be negative"));
    if (!isRate(tolerance)) return bad("tolerance", QStringLiteral("must be in [0, 1]"));
    if (!isRate(regressionAlpha)) return bad("regressionAlpha", QStringLiteral("must be in [0, 1]"));
    if (loraRank < 0) return bad("loraRank", QStringLiteral("cannot be negative"));
    if (threads < 0) return bad("threads", QStringLiteral("cannot be negative"));
    return {};
}

QJsonObject RoundOptions::toJson() const {
    QJsonObject o;
    for (const Field& f : fields()) o.insert(QString::fromLatin1(f.name), f.get(*this));
    return o;
}

Result<RoundOptions> RoundOptions::fromJson(const QJsonObject& json) {
    RoundOptions o;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const auto& list = fields();
        auto f = std::find_if(list.begin(), list.end(), [&](const Field& x) { return it.key() == QLatin1String(x.name); });
        if (f == list.end()) return Error{it.key(), QStringLiteral("unknown round setting")};
        if (!f->set(o, it.value())) return Error{it.key(), QStringLiteral("wrong type")};
    }
    if (Status s = o.validate(); !s) return s.error();
    return o;
}

}  // namespace medq::loop
