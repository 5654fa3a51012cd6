#include "assess/Assessment.h"

#include <QJsonArray>

namespace medq::assess {

double AttributeAssessment::expectedSeverity() const {
    double sum = 0;
    for (std::size_t i = 0; i < probabilities.size(); ++i) sum += double(i) * probabilities[i];
    return sum;
}

const AttributeAssessment* Assessment::worstAttribute() const {
    const AttributeAssessment* worst = nullptr;
    for (const AttributeAssessment& a : attributes)
        if (a.severity != Severity::None && (!worst || a.expectedSeverity() > worst->expectedSeverity())) worst = &a;
    return worst;
}

QJsonObject Assessment::toJson() const {
    QJsonArray attributeList;
    for (const AttributeAssessment& a : attributes) {
        QJsonObject p;
        for (std::size_t i = 0; i < a.probabilities.size(); ++i) p.insert(severityKey(Severity(i)), a.probabilities[i]);
        attributeList.append(QJsonObject{{"key", a.key},
                                         {"name", a.name},
                                         {"severity", severityKey(a.severity)},
                                         {"expectedSeverity", a.expectedSeverity()},
                                         {"probabilities", p}});
    }
    QJsonObject levels{{qualityLevelKey(QualityLevel::Good), levelProbabilities[0]},
                       {qualityLevelKey(QualityLevel::Usable), levelProbabilities[1]},
                       {qualityLevelKey(QualityLevel::Reject), levelProbabilities[2]}};
    QJsonObject out{{"path", path},
                    {"modality", modalityKey(modality)},
                    {"size", QJsonArray{width, height, depth}},
                    {"level", qualityLevelKey(level)},
                    {"levelProbabilities", levels},
                    {"score", score},
                    {"attributes", attributeList},
                    {"uncertainty", QJsonObject{{"answers", answerUncertainty},
                                                {"description", textUncertainty},
                                                {"routing", uncertainty}}}};
    if (description) out.insert(QStringLiteral("description"), *description);
    if (descriptionProblem) out.insert(QStringLiteral("descriptionProblem"), key(*descriptionProblem));
    if (descriptionConclusion) out.insert(QStringLiteral("descriptionConclusion"), qualityLevelKey(*descriptionConclusion));
    if (route) out.insert(QStringLiteral("route"), key(*route));
    return out;
}

std::optional<Assessment> Assessment::fromJson(const QJsonObject& json) {
    Assessment a;
    a.path = json.value(QStringLiteral("path")).toString();
    const auto modality = modalityFromString(json.value(QStringLiteral("modality")).toString());
    const auto level = qualityLevelFromString(json.value(QStringLiteral("level")).toString());
    if (!modality || !level || !json.value(QStringLiteral("score")).isDouble()) return std::nullopt;
    a.modality = *modality;
    a.level = *level;
    a.score = json.value(QStringLiteral("score")).toDouble();
    const QJsonArray size = json.value(QStringLiteral("size")).toArray();
    a.width = size.at(0).toInt();
    a.height = size.at(1).toInt();
    a.depth = size.at(2).toInt(1);
    const QJsonObject levels = json.value(QStringLiteral("levelProbabilities")).toObject();
    a.levelProbabilities = {levels.value(qualityLevelKey(QualityLevel::Good)).toDouble(),
                            levels.value(qualityLevelKey(QualityLevel::Usable)).toDouble(),
                            levels.value(qualityLevelKey(QualityLevel::Reject)).toDouble()};
    for (const QJsonValue& v : json.value(QStringLiteral("attributes")).toArray()) {
        const QJsonObject o = v.toObject();
        AttributeAssessment attribute;
        attribute.key = o.value(QStringLiteral("key")).toString();
        attribute.name = o.value(QStringLiteral("name")).toString();
        const auto severity = severityFromString(o.value(QStringLiteral("severity")).toString());
        if (attribute.key.isEmpty() || !severity) return std::nullopt;
        attribute.severity = *severity;
        const QJsonObject p = o.value(QStringLiteral("probabilities")).toObject();
        for (std::size_t i = 0; i < attribute.probabilities.size(); ++i)
            attribute.probabilities[i] = p.value(severityKey(Severity(i))).toDouble();
        a.attributes.push_back(std::move(attribute));
    }
    const QJsonObject u = json.value(QStringLiteral("uncertainty")).toObject();
    a.answerUncertainty = u.value(QStringLiteral("answers")).toDouble();
    a.textUncertainty = u.value(QStringLiteral("description")).toDouble();
    a.uncertainty = u.value(QStringLiteral("routing")).toDouble();
    if (json.contains(QStringLiteral("description"))) a.description = json.value(QStringLiteral("description")).toString();
    if (json.contains(QStringLiteral("descriptionProblem")))
        a.descriptionProblem = fromKey<DraftProblem>(json.value(QStringLiteral("descriptionProblem")).toString());
    if (json.contains(QStringLiteral("descriptionConclusion")))
        a.descriptionConclusion = qualityLevelFromString(json.value(QStringLiteral("descriptionConclusion")).toString());
    if (json.contains(QStringLiteral("route"))) a.route = fromKey<Queue>(json.value(QStringLiteral("route")).toString());
    return a;
}

double QualityScore::fromLevels(const std::array<double, 3>& p) { return 5.0 * p[0] + 3.0 * p[1] + 1.0 * p[2]; }

bool atOrWorse(QualityLevel level, QualityLevel threshold) { return int(level) <= int(threshold); }

}  // namespace medq::assess
