#include "train/HeadAnswers.h"

#include "common/Vocabulary.h"
#include "model/PresenceCall.h"
#include "taxonomy/QuestionTemplates.h"

#include <map>

namespace medq::train {

std::optional<int> HeadAnswers::choice(const TrainingExample& q, const std::array<double, 4>& reading, double threshold) {
    if (q.kind != TrainingExample::Kind::Perception || q.askedSlot < 0 || q.image.isPair()) return std::nullopt;
    const int severity = model::calledSeverity(reading, threshold);
    QString wanted;
    if (q.questionType == key(QuestionType::YesNo)) {
        const QStringList yesNo = QuestionTemplates::yesNoOptions();
        wanted = severity > 0 ? yesNo.value(0) : yesNo.value(1);
    } else if (q.questionType == key(QuestionType::How)) {
        wanted = QuestionTemplates::severityOptions().value(severity);
    } else {
        return std::nullopt;
    }
    const int index = int(q.options.indexOf(wanted));
    return index >= 0 ? std::optional(index) : std::nullopt;
}

Result<std::vector<PerceptionOutcome>> HeadAnswers::answer(const model::QualityModel& model, const std::vector<TrainingExample>& examples) {
    if (model.config().attributeSlots <= 0) return Error{QString(), QStringLiteral("this model has no attribute head")};
    // Distinct images of the questions the head can answer, read once each.
    std::vector<const TrainingExample*> asked;
    std::map<std::vector<float>, std::size_t> imageIndex;
    std::vector<std::vector<float>> pixels, measures;
    std::vector<std::size_t> imageOf;
    for (const TrainingExample& e : examples) {
        if (e.kind != TrainingExample::Kind::Perception || e.askedSlot < 0 || e.askedSlot >= model.config().attributeSlots ||
            e.image.isPair() || e.answerIndex < 0)
            continue;
        if (e.questionType != key(QuestionType::YesNo) && e.questionType != key(QuestionType::How)) continue;
        auto [it, added] = imageIndex.emplace(e.image.first, pixels.size());
        if (added) {
            pixels.push_back(e.image.first);
            measures.push_back(e.image.firstMeasures);
        }
        asked.push_back(&e);
        imageOf.push_back(it->second);
    }
    std::vector<PerceptionOutcome> out;
    if (asked.empty()) return out;
    auto readings = model.attributeProbabilities(pixels, &measures);
    if (!readings) return readings.error();
    for (std::size_t i = 0; i < asked.size(); ++i) {
        const TrainingExample& q = *asked[i];
        const std::size_t slot = std::size_t(q.askedSlot);
        const std::array<double, 4>& reading = readings.value()[imageOf[i]][slot];
        const double threshold = model::thresholdOf(model.presenceThresholds(), slot);
        const auto picked = choice(q, reading, threshold);
        if (!picked) continue;
        const int severity = model::calledSeverity(reading, threshold);
        PerceptionOutcome o;
        o.id = q.id;
        o.questionType = q.questionType;
        o.group = q.group;
        o.truth = q.answerIndex;
        o.predicted = *picked;
        o.optionCount = int(q.options.size());
        // Confidence: the head's probability of what it called (present or absent, or the severity).
        if (q.questionType == key(QuestionType::YesNo)) o.confidence = severity > 0 ? 1.0 - reading[0] : reading[0];
        else o.confidence = reading[std::size_t(severity)];
        out.push_back(o);
    }
    return out;
}

}  // namespace medq::train
