#pragma once
// What one loop round measured, typed: the round steps write it, the dashboard, the report and
// the CLI read it. Stored as the round's `metrics` JSON; toJson/fromJson (RoundMetrics.cpp)
// are the only places that know its keys.
#include "common/Vocabulary.h"
#include "loop/Routing.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <map>
#include <optional>

namespace medq::loop {

// An evaluation of a checkpoint on a sample of images (ItemDrafter::summarise, plus `score`,
// `checkpoint` and, with held-out images, `heldOut`). The JSON is kept whole; the figures
// the views need are read from it here.
struct EvaluationSummary {
    QJsonObject json;

    bool present() const { return !json.isEmpty(); }
    double accuracy() const;  // perception accuracy
    double rubric() const;    // mean rubric total of descriptions (of 8)
    // Share of the descriptions drafted that were no draft at all (DegenerateDraft).
    double noDraftShare() const;
    double score() const;     // combined score (combinedScore)
    QString checkpoint() const;
    std::map<QString, double> accuracyByModality() const;
    // Perception accuracy by the images' source kind (dataset::sourceKindKey: phantom, seen,
    // unseen, site); empty for rounds assessed before it was recorded.
    std::map<QString, double> accuracyBySourceKind() const;
    std::map<QString, double> rubricByModality() const;
    EvaluationSummary heldOut() const;  // empty when there are no held-out images
    // The real reference test set (expert labels of the site's images), scored apart from
    // the synthetic evaluation split; empty when the workspace has none.
    EvaluationSummary reference() const;
};

struct RetrievalMetrics {
    QString how;  // the strategy's key, or why another one stood in
    int selected = 0, duplicatesDropped = 0, excludedBefore = 0;
    int filesLeftOut = 0;  // selected pool files found gone, changed or unreadable
};

struct RoutingMetrics {
    RoutingThresholds thresholds;
    bool routed = false;  // counts are known (the route step committed)
    std::map<Queue, int> counts;
    int spotChecks = 0, gold = 0;
    int noDraft = 0;  // routed items whose description was no draft (DegenerateDraft), among counts
};

struct AnnotationMetrics {
    std::map<Queue, double> secondsByQueue;  // human-seconds on each queue's (non-gold) items
    double doubleSeconds = 0, goldSeconds = 0;
    std::map<AnnotationAction, int> actions;
    int doubleAnnotated = 0;
    double humanSeconds = 0;  // all of the above together
};

struct GateMetrics {
    std::map<QString, double> goldAccuracy;  // annotator -> share of gold answers right
    double kappa = 0;
    int agreementPairs = 0, consistent = 0, returned = 0, dropped = 0, acceptedLabels = 0;
    QJsonArray flagged;  // [{annotator, goldAccuracy}]
};

struct FinetuneMetrics {
    QString base, candidate;  // base: the checkpoint the candidate is measured against
    QString trainedFrom;      // where the candidate started, when not `base` (fineTuneFromBase)
    int newExamples = 0, replayExamples = 0;
    std::optional<int> steps;  // set when a candidate was trained in this round
    double finalLoss = -1, samplesPerSecond = 0;
    CheckpointDecision decision = CheckpointDecision::Skipped;
    QString reason;
    EvaluationSummary validationBefore, validationAfter;  // absent when skipped
    QJsonObject modalityChanges;                          // ModalityRegression's toJson
};

struct RoundMetrics {
    QJsonObject options;           // RoundOptions::toJson of the round
    QString checkpointBefore;      // the checkpoint the round started from
    EvaluationSummary evaluation;  // step 1
    QJsonObject prototypes;        // step 2: failed/evaluated items, clustering, kept, dropped or a note
    QJsonObject index;             // step 3: PoolEmbedder::update's description
    std::optional<RetrievalMetrics> retrieval;
    std::optional<RoutingMetrics> routing;
    std::optional<AnnotationMetrics> annotation;
    std::optional<GateMetrics> gate;
    std::optional<FinetuneMetrics> finetune;
    EvaluationSummary assessment;  // step 9
    // Machine seconds each step took, by step, in the attempt that completed it (a step
    // interrupted and resumed counts from the resume); a round waiting for people does not
    // count the wait. What a lead reads to see where a round's time goes.
    std::map<RoundStep, double> stepSeconds;

    QJsonObject toJson() const;
    static RoundMetrics fromJson(const QJsonObject& json);
};

}  // namespace medq::loop
