#include "lab/RoundFigures.h"

#include <QJsonObject>
#include <QSet>

namespace medq::gui {
namespace {

QJsonObject object(const QJsonObject& o, const char* key) { return o.value(QLatin1String(key)).toObject(); }

// Reads an evaluation summary {perception {accuracy, byGroup}, description {meanRubricTotal, byGroup}, score}.
void readSummary(const QJsonObject& summary, RoundFigures& f) {
    const QJsonObject perception = object(summary, "perception");
    const QJsonObject description = object(summary, "description");
    f.accuracy = perception.value(QStringLiteral("accuracy")).toDouble();
    f.rubric = description.value(QStringLiteral("meanRubricTotal")).toDouble();
    f.score = summary.value(QStringLiteral("score")).toDouble();
    f.checkpoint = summary.value(QStringLiteral("checkpoint")).toString(f.checkpoint);
    const QJsonObject byGroup = object(perception, "byGroup");
    for (auto it = byGroup.begin(); it != byGroup.end(); ++it)
        f.accuracyByModality.insert(it.key(), it.value().toObject().value(QStringLiteral("accuracy")).toDouble());
    const QJsonObject rubrics = object(description, "byGroup");
    for (auto it = rubrics.begin(); it != rubrics.end(); ++it) f.rubricByModality.insert(it.key(), it.value().toDouble());
    f.assessed = !summary.isEmpty();
}

}  // namespace

RoundFigures RoundFigures::fromRound(const store::RoundRecord& round) {
    RoundFigures f;
    f.number = round.number;
    f.strategy = round.strategy;
    f.status = round.status;
    f.budget = round.budget;
    f.checkpoint = round.checkpoint;
    const QJsonObject& m = round.metrics;
    readSummary(object(m, "assessment"), f);
    f.selected = object(m, "retrieval").value(QStringLiteral("selected")).toInt();
    const QJsonObject counts = object(object(m, "routing"), "counts");
    for (const char* q : {"auto_accept", "verify", "expert"})
        f.routed.insert(QLatin1String(q), counts.value(QLatin1String(q)).toInt());
    const QJsonObject annotation = object(m, "annotation");
    const QJsonObject seconds = object(annotation, "secondsByQueue");
    for (auto it = seconds.begin(); it != seconds.end(); ++it) f.secondsByQueue.insert(it.key(), it.value().toDouble());
    f.humanSeconds = annotation.value(QStringLiteral("humanSeconds")).toDouble();
    f.acceptedLabels = object(m, "gate").value(QStringLiteral("acceptedLabels")).toInt();
    const QJsonObject finetune = object(m, "finetune");
    f.decision = finetune.value(QStringLiteral("decision")).toString();
    f.reason = finetune.value(QStringLiteral("reason")).toString();
    f.validationBefore = object(finetune, "validationBefore").value(QStringLiteral("score")).toDouble();
    f.validationAfter = object(finetune, "validationAfter").value(QStringLiteral("score")).toDouble();
    return f;
}

RoundFigures RoundFigures::baseline(const store::RoundRecord& firstRound) {
    RoundFigures f;
    f.number = 0;
    f.status = QStringLiteral("start");
    readSummary(object(firstRound.metrics, "evaluation"), f);
    return f;
}

std::vector<RoundFigures> RoundFigures::series(const std::vector<store::RoundRecord>& rounds) {
    std::vector<RoundFigures> out;
    if (rounds.empty()) return out;
    out.push_back(baseline(rounds.front()));
    for (const auto& r : rounds) out.push_back(fromRound(r));
    return out;
}

QStringList RoundFigures::modalities(const std::vector<RoundFigures>& figures) {
    QSet<QString> all;
    for (const auto& f : figures) {
        for (auto it = f.accuracyByModality.keyBegin(); it != f.accuracyByModality.keyEnd(); ++it) all.insert(*it);
        for (auto it = f.rubricByModality.keyBegin(); it != f.rubricByModality.keyEnd(); ++it) all.insert(*it);
    }
    QStringList list(all.begin(), all.end());
    list.sort();
    return list;
}

}  // namespace medq::gui
