#include "lab/RoundFigures.h"

#include "loop/RoundMetrics.h"

#include <QJsonObject>
#include <QSet>

namespace medq::gui {
namespace {

void readSummary(const loop::EvaluationSummary& summary, RoundFigures& f) {
    f.accuracy = summary.accuracy();
    f.rubric = summary.rubric();
    f.score = summary.score();
    if (summary.present() && summary.json.contains(QStringLiteral("checkpoint"))) f.checkpoint = summary.checkpoint();
    for (const auto& [modality, accuracy] : summary.accuracyByModality())
        f.accuracyByModality.insert(modality, accuracy);
    for (const auto& [modality, rubric] : summary.rubricByModality()) f.rubricByModality.insert(modality, rubric);
    f.assessed = summary.present();
    if (summary.reference().present()) f.referenceScore = summary.reference().score();
}

}  // namespace

RoundFigures RoundFigures::fromRound(const store::RoundRecord& round) {
    RoundFigures f;
    f.number = round.number;
    f.strategy = key(round.strategy);
    f.status = key(round.status);
    f.budget = round.budget;
    f.checkpoint = round.checkpoint;
    const loop::RoundMetrics m = loop::RoundMetrics::fromJson(round.metrics);
    readSummary(m.assessment, f);
    if (m.retrieval) f.selected = m.retrieval->selected;
    for (Queue q : allValues<Queue>()) f.routed[q] = 0;
    if (m.routing) f.routed = m.routing->counts;
    if (m.annotation) {
        f.secondsByQueue = m.annotation->secondsByQueue;
        f.goldSeconds = m.annotation->goldSeconds;
        f.doubleSeconds = m.annotation->doubleSeconds;
        f.humanSeconds = m.annotation->humanSeconds;
    }
    if (m.gate) f.acceptedLabels = m.gate->acceptedLabels;
    if (m.finetune) {
        f.decision = m.finetune->decision;
        f.reason = m.finetune->reason;
        f.validationBefore = m.finetune->validationBefore.score();
        f.validationAfter = m.finetune->validationAfter.score();
    }
    return f;
}

RoundFigures RoundFigures::baseline(const store::RoundRecord& firstRound) {
    RoundFigures f;
    f.number = 0;
    f.status = QStringLiteral("start");
    readSummary(loop::RoundMetrics::fromJson(firstRound.metrics).evaluation, f);
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
