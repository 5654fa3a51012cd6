#pragma once
// The model's draft of whole items (an image with its perception questions and its
// description request): answers with their option distributions, a description with
// per-token entropies, one uncertainty score per item, and, when the truth is known,
// whether the draft is right. Used to evaluate, to calibrate routing and to route.
#include "common/Result.h"
#include "jobs/Progress.h"
#include "loop/Routing.h"
#include "store/Records.h"
#include "train/DescriptionScorer.h"

#include <QJsonObject>
#include <QString>
#include <optional>
#include <vector>

namespace medq::model { class QualityModel; }
namespace medq::store { class Workspace; }
namespace medq::learn { class ExampleAssembler; }

namespace medq::loop {

struct TaskDraft {
    store::TaskRecord task;
    store::ModelOutputRecord output;  // model_version, answer letter, distribution, text...
    int predicted = -1;  // perception: option index
    int truth = -1;      // perception: option index of the stored answer (-1 when unknown)
    std::optional<train::RubricScore> rubric;  // descriptions with a reference
    bool isPerception() const { return task.kind == TaskKind::Perception; }
};

struct ItemDraft {
    store::Id imageId = 0;
    QString modality;
    std::vector<TaskDraft> tasks;
    double answerUncertainty = 0;  // mean of entropy / ln(options) over perception tasks, 0..1
    double textUncertainty = 0;    // mean token entropy of the description / kTextEntropyScale, clamped to 0..1
    double uncertainty = 0;        // routing score: the mean of the two (either alone when the other is absent)

    // Scoring against the stored answers (benchmark and pool items carry them).
    int perceptionTotal = 0;
    int perceptionCorrect = 0;
    // Share of the item's questions its description answers wrongly (descriptionAnswerError);
    // 0 for an image without ground truth (imported) or without a description.
    double descriptionError = 0;
    std::optional<int> rubricTotal;
    // Good enough to accept without a person: every answer right, and the description's
    // overall level exact with no contradiction of the reference.
    bool acceptable() const;
    // Of no help to a person: fewer than half of its answers right, or a description at most
    // 2 of 8 on the rubric. Correcting such a draft is no faster than writing the item anew,
    // so it goes to the expert; a draft with a wrong answer or two is still worth verifying.
    bool lost() const;
    // Share of its answers that are wrong (0 without scored answers).
    double answerError() const;
    // What routing is calibrated on (Routing.h).
    CalibrationPoint calibrationPoint() const;
    // The first description task's DraftProblem: the model wrote no draft worth reading.
    std::optional<DraftProblem> draftProblem() const;
};

// Token entropy (nats) that counts as "completely unsure" for the text part of the score.
constexpr double kTextEntropyScale = 3.0;

// The routing score of one item (or of one assessed image) from its answers' entropies,
// each divided by ln(options), and its descriptions' mean token entropies (nats).
struct RoutingUncertainty {
    double answer = 0;    // mean normalised answer entropy, 0..1
    double text = 0;      // mean of meanTokenEntropy / kTextEntropyScale, each clamped to 1
    double combined = 0;  // the mean of the two; either alone when the other is absent
};
RoutingUncertainty routingUncertainty(const std::vector<double>& normalisedAnswerEntropies,
                                      const std::vector<double>& meanTokenEntropies);

class ItemDrafter {
public:
    // `model` may be null when only restore() is used.
    ItemDrafter(store::Workspace& ws, const model::QualityModel* model, QString modelVersion,
                learn::ExampleAssembler& assembler);
    // Optional, not owned: scores descriptions against their stored reference.
    void setScorer(const train::DescriptionScorer* scorer) { m_scorer = scorer; }

    // Drafts every task of each image (comparison pairs included), in chunks with progress;
    // cancel throws jobs::JobCancelled.
    Result<std::vector<ItemDraft>> draft(const std::vector<store::Id>& imageIds, const jobs::Progress& progress);
    // The same drafts read back from model_outputs of this version (no model run); nullopt
    // when a task of these images has no stored output.
    std::optional<std::vector<ItemDraft>> restore(const std::vector<store::Id>& imageIds);
    // Writes every task output of the drafts to model_outputs (caller's transaction).
    static void save(store::Workspace& ws, const std::vector<ItemDraft>& drafts);

private:
    Status draftChunk(std::vector<ItemDraft>& items);
    std::vector<ItemDraft> emptyDrafts(const std::vector<store::Id>& imageIds, std::size_t from, std::size_t to) const;
    void finish(std::vector<ItemDraft>& items) const;
    double descriptionError(const ItemDraft& item) const;
    store::Workspace& m_ws;
    const model::QualityModel* m_model;
    QString m_version;
    learn::ExampleAssembler& m_assembler;
    const train::DescriptionScorer* m_scorer = nullptr;
};

// Summary of drafts scored against the truth: perception accuracy (overall, by question
// type, by modality, by attribute asked), description rubric means, mean uncertainty.
QJsonObject summariseDrafts(store::Workspace& ws, const std::vector<ItemDraft>& drafts);
// One number to compare checkpoints: perception accuracy + rubric / 8, halved (0..1).
double combinedScore(const QJsonObject& summary);

}  // namespace medq::loop
