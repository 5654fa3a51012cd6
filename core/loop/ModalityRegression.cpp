#include "loop/ModalityRegression.h"

#include <QHash>
#include <cmath>

namespace medq::loop {

double ModalityChange::pValue() const {
    const int n = lost + gained;
    if (n == 0 || lost == 0) return 1.0;
    // P(X >= lost), X ~ Binomial(n, 1/2), summed in log space so that n in the thousands is fine.
    double p = 0;
    for (int k = lost; k <= n; ++k)
        p += std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) - n * std::log(2.0));
    return std::min(1.0, p);
}

std::map<QString, ModalityChange> compareByModality(const std::vector<ItemDraft>& before, const std::vector<ItemDraft>& after) {
    QHash<store::Id, bool> rightBefore;  // task -> answered right by the base
    for (const ItemDraft& item : before)
        for (const TaskDraft& t : item.tasks)
            if (t.isPerception() && t.truth >= 0) rightBefore.insert(t.task.id, t.predicted == t.truth);
    std::map<QString, ModalityChange> out;
    for (const ItemDraft& item : after) {
        for (const TaskDraft& t : item.tasks) {
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

QJsonObject toJson(const std::map<QString, ModalityChange>& changes) {
    QJsonObject o;
    for (const auto& [modality, c] : changes)
        o.insert(modality, QJsonObject{{"questions", c.questions}, {"lost", c.lost}, {"gained", c.gained},
                                       {"drop", c.drop()}, {"p", c.pValue()}});
    return o;
}

}  // namespace medq::loop
