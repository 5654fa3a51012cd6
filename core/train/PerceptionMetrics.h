#pragma once
// Perception scores: exact-match accuracy overall, by question type and by a caller's
// group (modality), and expected calibration error of the answer confidences.
#include <QJsonObject>
#include <QMap>
#include <QPair>
#include <QString>
#include <vector>

namespace medq::train {

// One answered question.
struct PerceptionOutcome {
    QString id;
    QString questionType;  // key(QuestionType) (common/Vocabulary.h)
    QString group;         // e.g. modality key
    int truth = -1;
    int predicted = -1;
    double confidence = 0;  // probability of the predicted option
    double entropy = 0;     // nats
    int optionCount = 0;    // options offered (2-4); 0 when unknown (no chance reference)
    bool correct() const { return truth == predicted; }
};

// Accuracy of a set of outcomes next to two chance references on the same outcomes:
// uniform guessing (mean of 1 / options) and the majority-class guess (the most frequent
// answer index of the outcome's question type and option count, counted over all
// outcomes summarised together, i.e. on the evaluated split itself).
struct AccuracyCell {
    int total = 0;
    int correct = 0;
    double uniformSum = 0;    // sum of 1 / options
    int majorityCorrect = 0;  // outcomes whose truth is their majority-class answer
    double accuracy() const { return total > 0 ? double(correct) / total : 0.0; }
    double uniformChance() const { return total > 0 ? uniformSum / total : 0.0; }
    double majorityChance() const { return total > 0 ? double(majorityCorrect) / total : 0.0; }
};

struct PerceptionSummary {
    AccuracyCell overall;
    QMap<QString, AccuracyCell> byType;
    QMap<QString, AccuracyCell> byGroup;
    double expectedCalibrationError = 0;
    double meanEntropy = 0;
    QJsonObject toJson() const;
};

// Expected calibration error (Guo et al. 2017, "On Calibration of Modern Neural
// Networks"): confidences fall into `bins` equal-width bins over [0, 1] (bin b holds
// (b/B, (b+1)/B], confidence 0 goes to bin 0); ECE = sum_b |B_b|/n * |accuracy(B_b) -
// mean confidence(B_b)|. 0 for a perfectly calibrated model; 0 for no outcomes.
double expectedCalibrationError(const std::vector<PerceptionOutcome>& outcomes, int bins = 10);

// Most frequent truth index per (question type, option count); ties go to the lower index.
QMap<QPair<QString, int>, int> majorityAnswers(const std::vector<PerceptionOutcome>& outcomes);

PerceptionSummary summarisePerception(const std::vector<PerceptionOutcome>& outcomes);

}  // namespace medq::train
