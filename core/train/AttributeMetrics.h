#pragma once
// How well the model's auxiliary attribute head reads quality attributes off images, against
// the attribute targets of evaluation examples, next to the "everything absent" baseline.
#include "common/Result.h"
#include "model/QualityModel.h"
#include "train/TrainingExample.h"

#include <QJsonObject>
#include <QStringList>
#include <functional>
#include <vector>

namespace medq::train {

struct AttributeHeadSummary {
    int images = 0;             // distinct labelled single images
    int labels = 0;             // labelled (image, attribute) pairs
    double presenceAccuracy = 0;   // present/absent right
    double severityAccuracy = 0;   // exact severity right
    double absentBaseline = 0;     // presence accuracy of answering "absent" everywhere
    double presentRecall = 0;      // share of present attributes the head finds
    double presentPrecision = 0;   // share of the head's "present" calls that are right
    // Mean over slots with present and absent labels of the AUC of P(present) = 1 - P(none):
    // how well the head ranks, whatever its thresholds; -1 when no slot has both.
    double meanAuc = -1;
    struct Slot {
        int labels = 0, present = 0, found = 0, called = 0;  // found: present and called present
        int presentAt[4] = {0, 0, 0, 0}, foundAt[4] = {0, 0, 0, 0};  // by true severity (1 mild .. 3 severe)
        double auc = -1;  // of P(present), -1 without both classes
    };
    std::vector<Slot> bySlot;  // per attribute slot
    // toJson names slots by `slotNames` when given (else by index); slots without labels are left
    // out. Each slot has its recall at mild, moderate and severe ("recallBySeverity").
    QJsonObject toJson(const QStringList& slotNames = {}) const;
};

// Distinct images among `examples` (first example with targets per image), those `include`
// accepts when given; an error when the model has no attribute head or no example carries targets.
// The distinct labelled single images among `examples` that `include` accepts (all when empty).
std::vector<const TrainingExample*> labelledImages(const std::vector<TrainingExample>& examples,
                                                  const std::function<bool(const TrainingExample&)>& include = {});
// The head's readings of `images` (their first image and its measures), in order.
Result<model::AttributeReadings> readAttributeHead(const model::QualityModel& model, const std::vector<const TrainingExample*>& images);
// Scores head readings (`readings[i]` of `images[i]`), each slot called by
// model::calledSeverity with its presence threshold (none given: the most probable severity).
AttributeHeadSummary scoreAttributeReadings(const std::vector<const TrainingExample*>& images,
                                            const model::AttributeReadings& readings,
                                            const std::vector<double>& presenceThresholds = {});
// With the model's own presence thresholds (QualityModel::presenceThresholds).
Result<AttributeHeadSummary> evaluateAttributeHead(const model::QualityModel& model, const std::vector<TrainingExample>& examples,
                                                   const std::function<bool(const TrainingExample&)>& include = {});

}  // namespace medq::train
