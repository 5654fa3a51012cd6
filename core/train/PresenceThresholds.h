#pragma once
// Where the attribute head calls an attribute present (model/PresenceCall.h): per slot, the
// threshold on P(present) = 1 - P(none) with the best F1 of presence calls on held-out images,
// as a probe's decision threshold is chosen. The most probable severity favours "none" (most
// attributes are absent in training), so on new sources the head finds few of the present ones.
#include "common/Result.h"
#include "model/QualityModel.h"
#include "train/TrainingExample.h"

#include <QJsonObject>
#include <vector>

namespace medq::train {

struct PresenceFit {
    std::vector<double> thresholds;  // per slot
    int images = 0;
    int slotsOwn = 0;       // slots with enough present labels for a threshold of their own
    double pooled = 0.5;    // the threshold of every other slot, fitted over all slots together
    double f1Before = 0, f1After = 0;  // presence F1 over all held-out labels, argmax against thresholds
    QJsonObject toJson() const;
};

class PresenceThresholds {
public:
    // A slot needs this many present labels among the held-out images for its own threshold.
    static constexpr int kMinPresent = 8;
    // Fewer labelled images than this: no thresholds (the head keeps its most probable severity).
    static constexpr int kMinImages = 20;

    // readings[i][slot] of images[i]; `slotCount` thresholds. Candidates are the readings'
    // P(present) values; ties in F1 go to the higher threshold (fewer false calls).
    static PresenceFit fit(const std::vector<const TrainingExample*>& images, const model::AttributeReadings& readings, int slotCount);
    // Reads heldOut's labelled single images with the model's head, fits, and sets the model's
    // thresholds (unchanged when the images are too few or the model has no head).
    static Result<PresenceFit> calibrate(model::QualityModel& model, const std::vector<TrainingExample>& heldOut);
};

}  // namespace medq::train
