#include "train/PerceptionMetrics.h"

#include <algorithm>
#include <cmath>

namespace medq::train {

namespace {
QJsonObject cellsToJson(const QMap<QString, AccuracyCell>& cells) {
    QJsonObject json;
    for (auto it = cells.begin(); it != cells.end(); ++it)
        json.insert(it.key().isEmpty() ? QStringLiteral("(none)") : it.key(),
                    QJsonObject{{"total", it->total}, {"correct", it->correct}, {"accuracy", it->accuracy()},
                                {"uniformChance", it->uniformChance()}, {"majorityChance", it->majorityChance()}});
    return json;
}
}  // namespace

double expectedCalibrationError(const std::vector<PerceptionOutcome>& outcomes, int bins) {
    if (outcomes.empty() || bins < 1) return 0.0;
    std::vector<int> count(std::size_t(bins), 0), correct(std::size_t(bins), 0);
    std::vector<double> confidence(std::size_t(bins), 0.0);
    for (const PerceptionOutcome& o : outcomes) {
        const double c = std::clamp(o.confidence, 0.0, 1.0);
        // The epsilon keeps exact bin edges such as 0.3 (3.0000000000000004 in binary) in the lower bin.
        const int b = std::clamp(int(std::ceil(c * bins - 1e-9)) - 1, 0, bins - 1);
        ++count[std::size_t(b)];
        correct[std::size_t(b)] += o.correct();
        confidence[std::size_t(b)] += c;
    }
    double ece = 0;
    for (std::size_t b = 0; b < count.size(); ++b)
        if (count[b] > 0)
            ece += double(count[b]) / double(outcomes.size()) *
                   std::abs(double(correct[b]) / count[b] - confidence[b] / count[b]);
    return ece;
}

QMap<QPair<QString, int>, int> majorityAnswers(const std::vector<PerceptionOutcome>& outcomes) {
    QMap<QPair<QString, int>, QMap<int, int>> counts;
    for (const PerceptionOutcome& o : outcomes) ++counts[{o.questionType, o.optionCount}][o.truth];
    QMap<QPair<QString, int>, int> majority;
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        int best = -1, bestCount = -1;
        for (auto c = it->begin(); c != it->end(); ++c)  // ascending index: ties keep the lower one
            if (c.value() > bestCount) {
                best = c.key();
                bestCount = c.value();
            }
        majority.insert(it.key(), best);
    }
    return majority;
}

PerceptionSummary summarisePerception(const std::vector<PerceptionOutcome>& outcomes) {
    PerceptionSummary s;
    double entropy = 0;
    const auto majority = majorityAnswers(outcomes);
    for (const PerceptionOutcome& o : outcomes) {
        const bool majorityRight = majority.value({o.questionType, o.optionCount}, -1) == o.truth;
        for (AccuracyCell* cell : {&s.overall, &s.byType[o.questionType], &s.byGroup[o.group]}) {
            ++cell->total;
            cell->correct += o.correct();
            cell->uniformSum += o.optionCount > 0 ? 1.0 / o.optionCount : 0.0;
            cell->majorityCorrect += majorityRight;
        }
        entropy += o.entropy;
    }
    s.expectedCalibrationError = expectedCalibrationError(outcomes);
    s.meanEntropy = outcomes.empty() ? 0.0 : entropy / double(outcomes.size());
    return s;
}

QJsonObject PerceptionSummary::toJson() const {
    return QJsonObject{{"total", overall.total}, {"correct", overall.correct}, {"accuracy", overall.accuracy()},
                       {"uniformChance", overall.uniformChance()}, {"majorityChance", overall.majorityChance()},
                       {"byType", cellsToJson(byType)}, {"byGroup", cellsToJson(byGroup)},
                       {"expectedCalibrationError", expectedCalibrationError}, {"meanEntropy", meanEntropy}};
}

}  // namespace medq::train
