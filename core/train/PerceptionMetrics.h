#pragma once
// Perception scores: exact-match accuracy overall, by question type and by a caller's
// group (modality), and expected calibration error of the answer confidences.
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <vector>

namespace medq::train {

// One answered question.
struct PerceptionOutcome {
    QString id;
    QString questionType;  // "yes-no", "what", "how", "comparison"
    QString group;         // e.g. modality key
    int truth = -1;
    int predicted = -1;
    double confidence = 0;  // probability of the predicted option
    double entropy = 0;     // nats
    bool correct() const { return truth == predicted; }
};

struct AccuracyCell {
    int total = 0;
    int correct = 0;
    double accuracy() const { return total > 0 ? double(correct) / total : 0.0; }
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

PerceptionSummary summarisePerception(const std::vector<PerceptionOutcome>& outcomes);

}  // namespace medq::train
