#pragma once
// Answers from the attribute head: a single-image yes/no or "how severe" question that names
// one attribute (TrainingExample::askedSlot) is answered from the head's reading of that
// attribute (model/PresenceCall.h) instead of the decoder. Scored beside the decoder's answers
// on the same questions, it tells whether a wrong answer on a new source comes from reading the
// attribute or from mapping the reading to the answer.
#include "model/QualityModel.h"
#include "train/PerceptionMetrics.h"
#include "train/TrainingExample.h"

#include <QJsonObject>
#include <optional>
#include <vector>

namespace medq::train {

class HeadAnswers {
public:
    // The option the head's reading picks: "Yes" when it calls the attribute present, else "No";
    // for "how" the option named by the called severity. Nothing for other questions, for
    // options the mapping cannot find, or without a slot.
    static std::optional<int> choice(const TrainingExample& question, const std::array<double, 4>& reading, double threshold);

    // The head's answers to every such question of `examples` (one encoder pass per distinct
    // image), as outcomes with the same id, type and group as the decoder's.
    static Result<std::vector<PerceptionOutcome>> answer(const model::QualityModel& model, const std::vector<TrainingExample>& examples);
};

}  // namespace medq::train
