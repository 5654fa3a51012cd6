#include "synth/PerceptionQuestion.h"

namespace medq::synth {

int PerceptionQuestion::answerFor(const GroundTruth& truth) const {
    switch (type) {
    case QuestionType::YesNo:
        return int(optionKeys.indexOf(truth.has(attributeKey) ? QStringLiteral("yes") : QStringLiteral("no")));
    case QuestionType::How:
        if (attributeKey.isEmpty()) return int(optionKeys.indexOf(qualityLevelKey(truth.level)));
        return int(optionKeys.indexOf(severityKey(truth.severityOf(attributeKey))));
    case QuestionType::What: {
        if (truth.attributes.empty()) return int(optionKeys.indexOf(QStringLiteral("none")));
        const auto top = truth.dominant();
        return top ? int(optionKeys.indexOf(top->key)) : -1;
    }
    case QuestionType::Comparison:
    case QuestionType::Description: break;
    }
    return -1;
}

int PerceptionQuestion::answerFor(const GroundTruth& first, const GroundTruth& second) const {
    if (type != QuestionType::Comparison) return -1;
    // Higher QualityRule score is better; equal scores count as similar.
    const QString key = first.score > second.score   ? QStringLiteral("first")
                        : second.score > first.score ? QStringLiteral("second")
                                                     : QStringLiteral("similar");
    return int(optionKeys.indexOf(key));
}

}  // namespace medq::synth
