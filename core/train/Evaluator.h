#pragma once
// Runs a model over evaluation items and scores it: perception accuracy (overall, by type,
// by group), calibration, and descriptions by ROUGE-L and, when given, the rubric scorer.
#include "common/Result.h"
#include "jobs/Progress.h"
#include "model/QualityModel.h"
#include "train/DescriptionScorer.h"
#include "train/PerceptionMetrics.h"
#include "train/RougeL.h"
#include "train/TrainingExample.h"

#include <QJsonObject>
#include <optional>
#include <vector>

namespace medq::train {

struct DescriptionOutcome {
    QString id;
    QString group;
    QString reference;
    QString generated;
    RougeScore rouge{};
    double meanEntropy = 0;
    std::optional<RubricScore> rubric;
};

struct DescriptionSummary {
    int total = 0;
    double meanRougeL = 0;              // F-measure
    QMap<QString, double> rougeLByGroup;
    std::optional<double> meanRubricTotal;  // of 8, when a scorer was given
    double meanEntropy = 0;
    // Descriptions of a known modality that name another one first (ModalityMention), and
    // of those checked, per modality key.
    int namesAnotherModality = 0;
    QMap<QString, int> namesAnotherModalityByGroup;
    QJsonObject toJson() const;
};

// How often the question-guided token reads the slot of the attribute the question names,
// over the items that name one (TrainingExample::askedSlot) and were answered with a slot.
struct GuidedSlotSummary {
    int total = 0, correct = 0;
    double accuracy() const { return total > 0 ? double(correct) / total : 0.0; }
};

struct EvaluationReport {
    PerceptionSummary perception;
    DescriptionSummary description;
    GuidedSlotSummary guidedSlot;
    std::vector<PerceptionOutcome> perceptionItems;
    std::vector<DescriptionOutcome> descriptionItems;
    QJsonObject toJson() const;  // summaries only
};

class Evaluator {
public:
    explicit Evaluator(const model::QualityModel& model, model::GenerationOptions generation = {});
    // Optional; not owned. Without it descriptions get ROUGE-L only.
    void setDescriptionScorer(const DescriptionScorer* scorer) { m_scorer = scorer; }
    // Items in chunks of `batch`; progress per chunk; cancel throws jobs::JobCancelled.
    Result<EvaluationReport> evaluate(const std::vector<TrainingExample>& items, const jobs::Progress& progress,
                                      int batch = 32) const;

private:
    const model::QualityModel& m_model;
    model::GenerationOptions m_generation;
    const DescriptionScorer* m_scorer = nullptr;
};

}  // namespace medq::train
