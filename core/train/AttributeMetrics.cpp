#include "train/AttributeMetrics.h"

#include "model/PresenceCall.h"
#include "taxonomy/Severity.h"
#include "train/RocAuc.h"

#include <algorithm>
#include <set>

namespace medq::train {

QJsonObject AttributeHeadSummary::toJson(const QStringList& slotNames) const {
    QJsonObject perAttribute;
    for (std::size_t k = 0; k < bySlot.size(); ++k) {
        const Slot& s = bySlot[k];
        if (s.labels == 0) continue;
        QJsonObject bySeverity;
        for (int v = 1; v <= 3; ++v)
            if (s.presentAt[v] > 0)
                bySeverity.insert(severityKey(Severity(v)), QJsonObject{{"present", s.presentAt[v]},
                                                                        {"recall", double(s.foundAt[v]) / s.presentAt[v]}});
        perAttribute.insert(int(k) < slotNames.size() ? slotNames[int(k)] : QString::number(k),
                      QJsonObject{{"labels", s.labels}, {"present", s.present},
                                  {"recall", s.present ? double(s.found) / s.present : 0.0},
                                  {"precision", s.called ? double(s.found) / s.called : 0.0},
                                  {"recallBySeverity", bySeverity}, {"auc", s.auc}});
    }
    return QJsonObject{{"images", images}, {"labels", labels}, {"presenceAccuracy", presenceAccuracy},
                       {"severityAccuracy", severityAccuracy}, {"absentBaseline", absentBaseline},
                       {"presentRecall", presentRecall}, {"presentPrecision", presentPrecision}, {"meanAuc", meanAuc},
                       {"byAttribute", perAttribute}};
}

std::vector<const TrainingExample*> labelledImages(const std::vector<TrainingExample>& examples,
                                                  const std::function<bool(const TrainingExample&)>& include) {
    std::vector<const TrainingExample*> distinct;
    std::set<std::vector<float>> seen;
    for (const TrainingExample& e : examples) {
        if (e.attributeTargets.empty() || e.image.isPair() || (include && !include(e))) continue;
        if (seen.insert(e.image.first).second) distinct.push_back(&e);
    }
    return distinct;
}

Result<AttributeHeadSummary> evaluateAttributeHead(const model::QualityModel& model, const std::vector<TrainingExample>& examples,
                                                   const std::function<bool(const TrainingExample&)>& include) {
    const auto distinct = labelledImages(examples, include);
    if (distinct.empty()) return Error{QString(), QStringLiteral("no example carries attribute labels")};
    auto predicted = readAttributeHead(model, distinct);
    if (!predicted) return predicted.error();
    return scoreAttributeReadings(distinct, predicted.value(), model.presenceThresholds());
}

Result<model::AttributeReadings> readAttributeHead(const model::QualityModel& model, const std::vector<const TrainingExample*>& images) {
    std::vector<std::vector<float>> pixels, measures;
    for (const TrainingExample* e : images) {
        pixels.push_back(e->image.first);
        measures.push_back(e->image.firstMeasures);
    }
    return model.attributeProbabilities(pixels, &measures);
}

AttributeHeadSummary scoreAttributeReadings(const std::vector<const TrainingExample*>& distinct,
                                            const model::AttributeReadings& readings,
                                            const std::vector<double>& presenceThresholds) {
    AttributeHeadSummary s;
    s.images = int(distinct.size());
    int presenceRight = 0, severityRight = 0, absent = 0, present = 0, found = 0, called = 0, calledRight = 0;
    std::vector<std::vector<double>> slotScores;
    std::vector<std::vector<int>> slotLabels;
    for (std::size_t i = 0; i < distinct.size(); ++i) {
        const auto& targets = distinct[i]->attributeTargets;
        std::vector<int> guess;
        for (std::size_t k = 0; k < readings[i].size(); ++k)
            guess.push_back(model::calledSeverity(readings[i][k], model::thresholdOf(presenceThresholds, k)));
        for (std::size_t k = 0; k < targets.size() && k < guess.size(); ++k) {
            if (targets[k] < 0) continue;
            ++s.labels;
            const bool isPresent = targets[k] > 0, saysPresent = guess[k] > 0;
            if (s.bySlot.size() <= k) s.bySlot.resize(k + 1), slotScores.resize(k + 1), slotLabels.resize(k + 1);
            slotScores[k].push_back(1.0 - readings[i][k][0]);
            slotLabels[k].push_back(isPresent ? 1 : 0);
            AttributeHeadSummary::Slot& slot = s.bySlot[k];
            ++slot.labels;
            slot.present += isPresent;
            slot.found += isPresent && saysPresent;
            slot.called += saysPresent;
            if (isPresent && targets[k] <= 3) {
                ++slot.presentAt[targets[k]];
                slot.foundAt[targets[k]] += saysPresent;
            }
            presenceRight += isPresent == saysPresent;
            severityRight += guess[k] == targets[k];
            absent += !isPresent;
            present += isPresent;
            found += isPresent && saysPresent;
            called += saysPresent;
            calledRight += isPresent && saysPresent;
        }
    }
    double aucSum = 0;
    int aucSlots = 0;
    for (std::size_t k = 0; k < s.bySlot.size(); ++k) {
        s.bySlot[k].auc = rocAuc(slotScores[k], slotLabels[k]);
        if (s.bySlot[k].auc >= 0) aucSum += s.bySlot[k].auc, ++aucSlots;
    }
    s.meanAuc = aucSlots ? aucSum / aucSlots : -1;
    const double n = std::max(1, s.labels);
    s.presenceAccuracy = presenceRight / n;
    s.severityAccuracy = severityRight / n;
    s.absentBaseline = absent / n;
    s.presentRecall = present ? double(found) / present : 0.0;
    s.presentPrecision = called ? double(calledRight) / called : 0.0;
    return s;
}

}  // namespace medq::train
