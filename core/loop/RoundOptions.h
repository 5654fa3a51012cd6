#pragma once
// Settings of one loop round, with JSON round-trip (stored with the round) and validation
// that names the offending field. Defaults suit the 2-core CPU and the default model.
#include "common/Result.h"
#include "common/Vocabulary.h"

#include <QJsonObject>
#include <QString>
#include <cstdint>

namespace medq::loop {

struct RoundOptions {
    // engine: failure prototypes -> retrieval; random: uniform over the pool;
    // uncertainty: the most uncertain drafts of a random candidate set.
    RetrievalStrategy strategy = RetrievalStrategy::Engine;
    int budget = 100;        // pool items annotated per round
    std::uint64_t seed = 1;

    // 1. Evaluation on the benchmark split (0: every task); "reference-test" evaluates, and
    // mines failures, on the real reference set instead (dataset/ReferenceSet.h).
    QString evalSplit = QStringLiteral("test");
    // Validation: routing calibration, gold items and the checkpoint gate ("reference-val":
    // the real reference set's validation part).
    QString validationSplit = QStringLiteral("val");
    int evalLimit = 0;
    // Test images outside the evaluation sample, scored before and after each round but never
    // mined for failures: the score that tells whether a gain generalises (0: none). Needs
    // evalLimit > 0, since with every test image mined none is left out.
    int heldOutLimit = 0;
    // A description counts as failed below this rubric total (of 8).
    int descriptionFailBelow = 5;

    // 2. Prototypes.
    int kMin = 2;
    int kMax = 12;
    int minClusterSize = 3;        // smaller clusters are dropped
    double minSilhouette = -0.05;  // clusters less coherent than this are dropped
    double errorFeatureWeight = 0.5;  // weight of error features against the image embedding

    // 3. Pool index: how many pool items to embed (0: the whole pool).
    int poolEmbedLimit = 3000;

    // 4. Retrieval.
    // Members: every failed member of a prototype queries the index (neighboursPerPrototype
    // shared among them, at least 10 each), so retrieval covers the failure mode's spread;
    // Centroid: one query, the members' mean embedding.
    Anchors anchors = Anchors::Members;
    int neighboursPerPrototype = 400;  // faiss k per prototype before filtering
    // Cosine at or above this is a near-duplicate (the same image again). Distinct images of
    // one modality lie close in the embedder's space: at 0.995, 93% of the demo pool's
    // histopathology tiles counted as copies of a benchmark tile (0.999: 79%, 0.99999: 3.5%).
    double duplicateSimilarity = 0.99999;
    double mmrLambda = 0.7;            // relevance vs diversity (maximal marginal relevance)
    bool sameModality = true;          // a prototype retrieves only its own modality
    int uncertaintyCandidates = 5;     // uncertainty strategy drafts budget x this many items

    // 5. Routing.
    double targetErrorRate = 0.10;  // of auto-accepted drafts, calibrated on validation
    double expertErrorRate = 0.80;  // drafts at least this often lost (ItemDraft::lost) go to the expert
    double spotCheckRate = 0.10;    // auto-accepted drafts a person still checks
    int calibrationLimit = 150;     // validation images used to calibrate (0: all)
    // Automation bias: a reviewer keeps this share of a draft's wrong answers (0.45 after
    // Dratsch et al., Radiology 2023; see docs/loop.md) ...
    double reviewAnchoring = 0.45;
    // ... so routing keeps the expected answer accuracy lost against all-expert within this
    // (0.01: one point; negative: no limit).
    double maxAccuracyLoss = 0.01;

    // 7. Quality gate.
    double goldRate = 0.10;            // gold items mixed into each queue
    double doubleRate = 0.10;          // items annotated twice for agreement
    double minGoldAccuracy = 0.70;     // annotators below are flagged
    // Off: the checks are still made and recorded, but every annotated item is accepted as
    // labelled (nothing returned to the expert, nothing dropped). The sample-efficiency
    // bench runs each strategy both ways, to tell data that survives the gate from data
    // that helps.
    bool qualityGate = true;
    AnnotatorKind annotator = AnnotatorKind::Simulated;
    QString annotatorConfig;           // JSON (resources/annotator.json); empty: defaults

    // 8. Fine-tuning.
    int fineTuneSteps = 120;      // at least this many steps (0: no fine-tuning)...
    double fineTuneEpochs = 0;    // ...or this many passes over the set when more (FinetuneSchedule.h)
    // Train each round's candidate from the checkpoint the workspace's first round started
    // from, on everything accepted so far, instead of from the current checkpoint; the
    // candidate is still measured against the current one.
    bool fineTuneFromBase = false;
    // Labels of earlier rounds sampled per label of this round (FinetuneLabelMix.h); negative
    // (default): all of them. Ignored with fineTuneFromBase, which must see everything.
    double earlierLabelsPerNew = -1;
    double learningRate = 3e-4;
    int batchSize = 16;
    double replayRatio = 1.0;     // base training examples per new example (forgetting guard)
    int validationLimit = 400;    // validation tasks for the accept/rollback decision
    double tolerance = 0.03;      // largest drop allowed in any modality...
    double regressionAlpha = 0.05;  // ...unless a paired test cannot tell it from chance (ModalityRegression.h)
    // Accept a candidate whose validation score falls short of the current checkpoint's by
    // less than this (non-inferiority; 0: it must score higher). CheckpointGate.h says why.
    double nonInferiorityMargin = 0;
    int loraRank = 0;             // > 0: fine-tune LoRA adapters of this rank
    int threads = 0;              // 0: suggested by load

    QString actor = QStringLiteral("system");
    // While another heavy job holds the workspace (jobs::WorkspaceJobLock): wait for it
    // instead of refusing at once. Not stored with the round.
    bool waitForLock = false;

    Status validate() const;
    QJsonObject toJson() const;
    static Result<RoundOptions> fromJson(const QJsonObject& json);
};

}  // namespace medq::loop
