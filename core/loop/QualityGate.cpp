#include "loop/QualityGate.h"

#include "eval/FindingExtractor.h"
#include "loop/ItemTruth.h"
#include "store/Workspace.h"

#include <QHash>
#include <QMap>
#include <QSet>

namespace medq::loop {

double cohensKappa(const std::vector<std::pair<QString, QString>>& ratings) {
    if (ratings.empty()) return 0.0;
    QMap<QString, int> first, second;  // ordered: the same sum in every process
    int agree = 0;
    for (const auto& [a, b] : ratings) {
        first[a] += 1;
        second[b] += 1;
        if (a == b) ++agree;
    }
    const double n = double(ratings.size());
    const double observed = agree / n;
    double expected = 0;
    for (auto it = first.begin(); it != first.end(); ++it) expected += (it.value() / n) * (second.value(it.key()) / n);
    if (expected >= 1.0) return observed >= 1.0 ? 1.0 : 0.0;
    return (observed - expected) / (1.0 - expected);
}

GateVerdict checkConsistency(store::Workspace& ws, store::Id imageId, const QString& annotator) {
    GateVerdict v;
    const auto image = ws.images().get(imageId);
    if (!image) return {false, QStringLiteral("image %1 is not in the workspace").arg(imageId), 0};
    const auto truth = itemTruth(*image);
    const Modality modality = modalityFromString(image->modality).value_or(Modality::Other);
    const auto tasks = ws.tasks().forImage(imageId);
    std::optional<eval::Findings> findings;
    for (const auto& t : tasks) {
        if (t.kind != TaskKind::Description || t.secondImageId) continue;
        if (const auto a = ws.annotations().latest(t.id, annotator)) findings = eval::FindingExtractor::extract(a->text, modality);
    }
    if (!findings || !truth) return {true, QStringLiteral("ok (nothing to compare)"), 0};
    for (const auto& t : tasks) {
        if (t.kind != TaskKind::Perception) continue;
        const auto a = ws.annotations().latest(t.id, annotator);
        const synth::PerceptionQuestion* q = questionFor(*truth, tasks, t);
        if (!a || !q || a->answer.size() != 1) continue;
        const int chosen = a->answer.at(0).unicode() - 'A';
        if (chosen < 0 || chosen >= q->optionKeys.size()) continue;
        const QString key = q->optionKeys.at(chosen);
        if (q->type == QuestionType::YesNo && !q->attributeKey.isEmpty()) {
            ++v.checked;
            const bool saysPresent = key == QLatin1String("yes");
            const bool describes = findings->present.contains(q->attributeKey);
            if (saysPresent != describes)
                return {false, QStringLiteral("answered %1 to \"%2\" but the description %3 it")
                                   .arg(saysPresent ? "yes" : "no", q->text, describes ? "reports" : "does not report"),
                        v.checked};
        } else if (findings->conclusion && qualityLevelFromString(key)) {
            ++v.checked;
            if (*qualityLevelFromString(key) != *findings->conclusion)
                return {false, QStringLiteral("overall quality answered %1 but the description concludes %2")
                                   .arg(key, qualityLevelKey(*findings->conclusion)),
                        v.checked};
        }
    }
    v.detail = QStringLiteral("ok");
    return v;
}

std::pair<int, int> goldAnswers(store::Workspace& ws, store::Id imageId, const QString& annotator) {
    int correct = 0, answered = 0;
    for (const auto& t : ws.tasks().forImage(imageId)) {
        if (t.kind != TaskKind::Perception || t.answer.isEmpty()) continue;
        const auto a = ws.annotations().latest(t.id, annotator);
        if (!a || a->answer.isEmpty()) continue;
        ++answered;
        if (a->answer == t.answer) ++correct;
    }
    return {correct, answered};
}

}  // namespace medq::loop
