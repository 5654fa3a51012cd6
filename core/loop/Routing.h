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
// corrects them faster than writing them.
RoutingThresholds calibrateRouting(std::vector<CalibrationPoint> points, double targetError, double expertError,
                                   int minItems = 8);

// What the thresholds would do to items with these uncertainties: counts per queue.
struct RouteCounts {
    int autoAccept = 0, verify = 0, expert = 0;
};
RouteCounts countRoutes(const std::vector<double>& uncertainties, const RoutingThresholds& thresholds);

}  // namespace medq::loop
