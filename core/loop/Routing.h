#pragma once
// Step 5 of a round: route each draft by its uncertainty (ItemDraft::uncertainty, 0..1):
// at or below the auto-accept threshold it is accepted as drafted (a share still
// spot-checked), at or above the expert threshold a person writes it from scratch,
// in between a person verifies or edits the draft. Both thresholds are calibrated on the
// validation split, where the truth says which drafts were good enough.
#include "common/Vocabulary.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <vector>

namespace medq::loop {

struct CalibrationPoint {
    double uncertainty = 0;
    bool acceptable = false;  // the draft needed no correction
    bool lost = false;        // the draft is of no help (ItemDraft::lost): write the item anew
    double answerError = 0;   // share of the draft's answers that are wrong
    // Share of the item's questions that its description answers wrongly: the answer each
    // question takes from the findings the description reports (descriptionAnswerError).
    double descriptionError = 0;
};

// What a review leaves of a draft's errors, and how much of that a round may accept. A
// reviewer takes a wrong part of a draft as it is with probability `anchoring` (automation
// bias): a wrong answer, and a wrong finding of the description, from which the reviewer's
// own answers follow. A question the description answers wrongly ends wrong when the
// reviewer takes the finding and then not the draft's right answer over it, so a verified
// item keeps anchoring x answerError + anchoring x (1 - anchoring) x descriptionError; an
// auto-accepted one keeps all of its wrong answers; an item written by the expert loses
// nothing against all-expert.
struct ReviewBias {
    double anchoring = 0;
    // Answer accuracy the routed labels may lose against sending everything to the expert
    // (0.01: one point); negative: no limit, the thresholds stay as calibrated on errors alone.
    double maxAccuracyLoss = -1;

    // Expected share of the item's answers that end wrong for want of the expert's reading.
    double keptError(const CalibrationPoint& point, Queue queue) const;
};

struct RoutingThresholds {
    // Auto-accept when uncertainty <= autoAccept (negative: nothing is auto-accepted).
    double autoAccept = -1;
    // Expert when uncertainty >= expert (above 1: nothing goes to the expert by uncertainty).
    double expert = 2;
    double targetErrorRate = 0.1;
    double expertErrorRate = -1;  // the settings calibrated with (-1: not recorded, before they were)
    int calibrationLimit = -1;
    double expectedAutoError = 0;  // error rate of validation drafts under autoAccept
    ReviewBias bias;               // the limit calibrated with (maxAccuracyLoss < 0: none)
    double expectedAccuracyLoss = 0;  // on the validation drafts, under both thresholds
    // What the limit held: the expected loss's one-sided 95% upper bound over the validation
    // items (mean + 1.645 standard errors), so that it holds on items it was not fitted on.
    double accuracyLossBound = 0;
    // How the loss was reckoned; a stored calibration of another reckoning is made anew.
    // 0: wrong answers alone, the mean held to the limit (before this was recorded);
    // 1: answers and the descriptions' wrong findings (ReviewBias::keptError), the bound held.
    static constexpr int kLossModel = 1;
    int lossModel = 0;
    int items = 0;                 // validation items calibrated on
    QString checkpoint;
    QString setBy;     // the lead who set these by hand (RoutingCalibrator::saveOverride); empty: calibrated
    QJsonArray curve;  // [{threshold, share, error, lost}]: share of items at or under it, their error and lost rates

    Queue route(double uncertainty) const;
    // An item whose model draft is no draft at all (DegenerateDraft) goes to the expert
    // whatever its uncertainty: there is nothing to accept or verify.
    Queue route(double uncertainty, bool hasDraft) const;
    QJsonObject toJson() const;
    static RoutingThresholds fromJson(const QJsonObject& json);
};

// The auto-accept threshold is the highest uncertainty whose items at or below it have an
// error rate <= targetError (and at least minItems of them); the expert threshold the
// lowest uncertainty whose items at or above it are lost at least expertError of the time.
// Drafts that are wrong but not lost (a wrong answer or two) go to verification: a person
// corrects them faster than writing them. With a limit on the accuracy loss (ReviewBias),
// the expert threshold then comes down, and if that is not enough the auto-accept one too,
// until the upper bound of the validation drafts' expected loss is within it (one-sided
// 95%, so that the limit holds on the items routed, not only on those calibrated on):
// routing may save time, but not by letting a reviewer's anchoring carry draft errors into
// the labels.
RoutingThresholds calibrateRouting(std::vector<CalibrationPoint> points, double targetError, double expertError,
                                   int minItems = 8, ReviewBias bias = {});

// What the thresholds would do to items with these uncertainties: counts per queue.
struct RouteCounts {
    int autoAccept = 0, verify = 0, expert = 0;
};
RouteCounts countRoutes(const std::vector<double>& uncertainties, const RoutingThresholds& thresholds);

}  // namespace medq::loop
