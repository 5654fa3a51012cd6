#include "train/Evaluator.h"

#include "model/ModalityMention.h"

#include <QJsonArray>
#include <algorithm>

namespace medq::train {

QJsonObject DescriptionSummary::toJson() const {
    QJsonObject byGroup;
    for (auto it = rougeLByGroup.begin(); it != rougeLByGroup.end(); ++it)
        byGroup.insert(it.key().isEmpty() ? QStringLiteral("(none)") : it.key(), it.value());
    QJsonObject json{{"total", total}, {"meanRougeL", meanRougeL}, {"rougeLByGroup", byGroup}, {"meanEntropy", meanEntropy}};
    if (meanRubricTotal) json.insert("meanRubricTotal", *meanRubricTotal);
    QJsonObject another;
    for (auto it = namesAnotherModalityByGroup.begin(); it != namesAnotherModalityByGroup.end(); ++it)
        another.insert(it.key(), it.value());
    json.insert("namesAnotherModality", namesAnotherModality);
    json.insert("namesAnotherModalityByGroup", another);
    return json;
}

QJsonObject EvaluationReport::toJson() const {
    QJsonObject json{{"perception", perception.toJson()}, {"description", description.toJson()}};
    if (guidedSlot.total > 0)
        json.insert("guidedSlot", QJsonObject{{"total", guidedSlot.total}, {"accuracy", guidedSlot.accuracy()}});
    return json;
}

Evaluator::Evaluator(const model::QualityModel& model, model::GenerationOptions generation)
    : m_model(model), m_generation(generation) {}

Result<EvaluationReport> Evaluator::evaluate(const std::vector<TrainingExample>& items, const jobs::Progress& progress,
                                             int batch) const {
    std::vector<std::size_t> perception, description;
    for (std::size_t i = 0; i < items.size(); ++i)
        (items[i].kind == TrainingExample::Kind::Perception ? perception : description).push_back(i);
    EvaluationReport report;
    const std::size_t step = std::size_t(std::max(1, batch));
    const double total = std::max<std::size_t>(1, items.size());
    std::size_t done = 0;

    for (std::size_t start = 0; start < perception.size(); start += step) {
        progress.checkCancelled();
        std::vector<model::PerceptionQuery> queries;
        const std::size_t end = std::min(perception.size(), start + step);
        for (std::size_t k = start; k < end; ++k) {
            const TrainingExample& e = items[perception[k]];
            queries.push_back({e.image, e.question, e.options});
        }
        auto answers = m_model.answer(queries);
        if (!answers) return answers.error();
        for (std::size_t k = start; k < end; ++k) {
            const TrainingExample& e = items[perception[k]];
            const model::PerceptionAnswer& a = answers.value()[k - start];
            report.perceptionItems.push_back({e.id, e.questionType, e.group, e.answerIndex, a.choice,
                                              a.choice >= 0 ? a.probabilities[std::size_t(a.choice)] : 0.0, a.entropy,
                                              int(e.options.size())});
            if (e.askedSlot >= 0 && a.guidedSlot >= 0) {
                ++report.guidedSlot.total;
                report.guidedSlot.correct += a.guidedSlot == e.askedSlot ? 1 : 0;
            }
        }
        done += end - start;
        progress.report(done / total, QStringLiteral("perception %1/%2").arg(end).arg(perception.size()));
    }

    QMap<QString, std::pair<double, int>> rougeByGroup;
    double rougeSum = 0, entropySum = 0, rubricSum = 0;
    for (std::size_t start = 0; start < description.size(); start += step) {
        progress.checkCancelled();
        std::vector<model::VisualInput> images;
        const std::size_t end = std::min(description.size(), start + step);
        for (std::size_t k = start; k < end; ++k) images.push_back(items[description[k]].image);
        auto generated = m_model.describe(images, m_generation);
        if (!generated) return generated.error();
        for (std::size_t k = start; k < end; ++k) {
            const TrainingExample& e = items[description[k]];
            const model::GeneratedDescription& g = generated.value()[k - start];
            DescriptionOutcome o{e.id, e.group, e.targetText, g.text, rougeL(g.text, e.targetText), g.meanEntropy, std::nullopt};
            if (m_scorer) {
                o.rubric = m_scorer->score(g.text, e.targetText, e.group, e.image.isPair());
                rubricSum += o.rubric->total();
            }
            if (!e.image.isPair() && model::ModalityMention::namesAnother(g.text, e.image.modality)) {
                ++report.description.namesAnotherModality;
                ++report.description.namesAnotherModalityByGroup[e.image.modality];
            }
            rougeSum += o.rouge.f;
            entropySum += o.meanEntropy;
            rougeByGroup[e.group].first += o.rouge.f;
            ++rougeByGroup[e.group].second;
            report.descriptionItems.push_back(std::move(o));
        }
        done += end - start;
        progress.report(done / total, QStringLiteral("descriptions %1/%2").arg(end).arg(description.size()));
    }

    report.perception = summarisePerception(report.perceptionItems);
    DescriptionSummary& d = report.description;
    d.total = int(description.size());
    if (d.total > 0) {
        d.meanRougeL = rougeSum / d.total;
        d.meanEntropy = entropySum / d.total;
        if (m_scorer) d.meanRubricTotal = rubricSum / d.total;
        for (auto it = rougeByGroup.begin(); it != rougeByGroup.end(); ++it)
            d.rougeLByGroup.insert(it.key(), it->first / it->second);
    }
    return report;
}

}  // namespace medq::train
