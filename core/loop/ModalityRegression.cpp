#include "loop/ModalityRegression.h"

#include <QHash>
#include <cmath>

namespace medq::loop {

double signTestP(int against, int forIt) {
    const int n = against + forIt;
    if (n == 0 || against == 0) return 1.0;
    // Summed in log space so that n in the thousands is fine.
    double p = 0;
    for (int k = against; k <= n; ++k)
        p += std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) - n * std::log(2.0));
    return std::min(1.0, p);
}

ModalityChange::Drop ModalityChange::significantDrop(double tolerance, double alpha) const {
    Drop out;
    if (beyondToleranceAndChance(drop(), pValue(), tolerance, alpha)) out = {drop(), pValue(), QStringLiteral("answers")};
    if (beyondToleranceAndChance(descriptionDrop(), descriptionPValue(), tolerance, alpha) && descriptionDrop() > out.amount)
        out = {descriptionDrop(), descriptionPValue(), QStringLiteral("descriptions")};
    return out;
}

std::map<QString, ModalityChange> compareByModality(const std::vector<ItemDraft>& before, const std::vector<ItemDraft>& after) {
    QHash<store::Id, bool> rightBefore;  // task -> answered right by the base
    QHash<store::Id, int> totalBefore;   // description task -> the base's rubric total
    QHash<store::Id, bool> draftBefore;  // description task -> the base wrote a usable draft
    for (const ItemDraft& item : before) {
        for (const TaskDraft& t : item.tasks) {
            if (t.isPerception() && t.truth >= 0) rightBefore.insert(t.task.id, t.predicted == t.truth);
            if (!t.isPerception() && t.rubric) totalBefore.insert(t.task.id, t.rubric->total());
            if (!t.isPerception()) draftBefore.insert(t.task.id, !t.output.draftProblem);
        }
    }
    std::map<QString, ModalityChange> out;
    for (const ItemDraft& item : after) {
        for (const TaskDraft& t : item.tasks) {
            if (!t.isPerception()) {
                if (const auto had = draftBefore.constFind(t.task.id); had != draftBefore.constEnd()) {
                    ModalityChange& c = out[item.modality];
                    const bool has = !t.output.draftProblem;
                    c.drafted += 1;
                    c.draftsLost += had.value() && !has ? 1 : 0;
                    c.draftsGained += !had.value() && has ? 1 : 0;
                }
            }
            if (!t.isPerception() && t.rubric) {
                const auto was = totalBefore.constFind(t.task.id);
                if (was == totalBefore.constEnd()) continue;
                ModalityChange& c = out[item.modality];
                c.descriptions += 1;
                c.rubricLoss += was.value() - t.rubric->total();
                c.worse += t.rubric->total() < was.value() ? 1 : 0;
                c.better += t.rubric->total() > was.value() ? 1 : 0;
                continue;
            }
            if (!t.isPerception() || t.truth < 0) continue;
            const auto it = rightBefore.constFind(t.task.id);
            if (it == rightBefore.constEnd()) continue;
            ModalityChange& c = out[item.modality];
            const bool right = t.predicted == t.truth;
            c.questions += 1;
            if (it.value() && !right) c.lost += 1;
            if (!it.value() && right) c.gained += 1;
        }
    }
    return out;
}

DraftChange pooledDrafts(const std::map<QString, ModalityChange>& changes) {
    DraftChange d;
    for (const auto& [modality, c] : changes) {
        d.drafted += c.drafted;
        d.lost += c.draftsLost;
        d.gained += c.draftsGained;
    }
    return d;
}

QJsonObject toJson(const std::map<QString, ModalityChange>& changes) {
    QJsonObject o;
    for (const auto& [modality, c] : changes)
        o.insert(modality, QJsonObject{{"questions", c.questions}, {"lost", c.lost}, {"gained", c.gained},
                                       {"drop", c.drop()}, {"p", c.pValue()},
                                       {"descriptions", c.descriptions}, {"worse", c.worse}, {"better", c.better},
                                       {"descriptionDrop", c.descriptionDrop()}, {"descriptionP", c.descriptionPValue()},
                                       {"drafted", c.drafted}, {"draftsLost", c.draftsLost}, {"draftsGained", c.draftsGained}});
    return o;
}

}  // namespace medq::loop
