#pragma once
// PRIVATE to core/loop's round files: the state one round's steps share, and the steps
// themselves (one file per group of steps; RoundRunner runs them in order).
#include "eval/RubricScorer.h"
#include "jobs/Job.h"
#include "learn/CheckpointRegistry.h"
#include "learn/ThreadCount.h"
#include "loop/ItemDrafter.h"
#include "loop/RoundGroup.h"
#include "loop/RoundMetrics.h"
#include "loop/RoundOptions.h"
#include "model/QualityModel.h"
#include "store/LoopRepository.h"
#include "store/Workspace.h"
#include "synth/AnnotatorConfig.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <functional>
#include <vector>

namespace medq::loop::round {

inline const QString kEmbedderSetting = QStringLiteral("loop.embedder");
inline const QString kPrimary = QStringLiteral("simulated-a");
inline const QString kSecondary = QStringLiteral("simulated-b");

struct Round {
    store::Workspace& ws;
    store::RoundRecord record;
    RoundOptions options;
    RoundMetrics metrics;
    learn::CheckpointRegistry registry{ws};
    store::LoopRepository loop{ws.db()};
    eval::RubricScorer scorer;
    const RoundGroup* group = nullptr;  // the round's processes (loop/RoundGroup.h); null: this one alone
    QElapsedTimer stepClock;            // restarted by the runner as each step begins

    // Commits the step's writes (made by `write` in the same transaction) and marks it done,
    // with the seconds the step took.
    void commit(RoundStep step, const std::function<void()>& write = {}) {
        store::Transaction tx(ws.db());
        if (write) write();
        recordSeconds(step);
        ws.rounds().update(record.id, RunStatus::Running, step, metrics.toJson());
        tx.commit();
        record.step = step;
    }
    // The seconds since the step began, into the metrics the step writes.
    void recordSeconds(RoundStep step) {
        if (stepClock.isValid()) metrics.stepSeconds[step] = double(stepClock.elapsed()) / 1000.0;
    }
    Result<model::QualityModel> loadModel(const QString& name) const {
        auto m = model::QualityModel::load(registry.resolve(name));
        if (m) m.value().setInferenceBatchSize(32);
        return m;
    }
    QString embedder() { return ws.settings().getOrInsert(kEmbedderSetting, registry.current()); }
    QString evalEmbeddingsPath() {
        return ws.blobPath(QStringLiteral("indexes/eval-%1-%2.emb").arg(options.evalSplit, embedder()));
    }
    int threads() const { return options.threads > 0 ? options.threads : learn::suggestedThreadCount(); }
};

// Distinct images of a split's tasks, a fixed seeded sample of `limit` of them (the same
// sample every round, so scores are comparable).
std::vector<store::Id> splitImages(store::Workspace& ws, const QString& split, int limit, std::uint64_t seed = 2026);
// A deterministic coin per (seed, id): spot checks, gold and double annotation draws.
bool coin(std::uint64_t seed, store::Id id, double rate);
// The held-out test images: `heldOutLimit` of the split's images outside `mined` (the
// evaluation sample), a fixed seeded sample; none if heldOutLimit is 0.
std::vector<store::Id> heldOutImages(store::Workspace& ws, const RoundOptions& options,
                                     const std::vector<store::Id>& mined);
// Drafts (or restores) the evaluation images with `checkpoint` and summarises them; with
// heldOutLimit, the held-out images too, as the summary's `heldOut` (never mined for failures).
Result<EvaluationSummary> assess(Round& r, const QString& checkpoint, const jobs::Progress& progress, bool keep,
                                 std::vector<ItemDraft>* draftsOut = nullptr);
// The simulated annotator `which` (0 primary, 1 second reader) of the round's options.
synth::AnnotatorConfig annotatorConfig(const Round& r, int which);

// The steps, in order (RoundSelectSteps.cpp, RoundRouteSteps.cpp, RoundGateStep.cpp,
// RoundFinetuneSteps.cpp).
Status stepEvaluate(Round& r, const jobs::Progress& progress);
Status stepPrototypes(Round& r, const jobs::Progress& progress);
Status stepIndex(Round& r, const jobs::Progress& progress);
Status stepRetrieve(Round& r, const jobs::Progress& progress);
Status stepRoute(Round& r, const jobs::Progress& progress);
// Returns false when people still have items to do (human annotation).
Result<bool> stepAnnotate(Round& r, const jobs::Progress& progress);
Status stepGate(Round& r, const jobs::Progress& progress);
Status stepFinetune(Round& r, const jobs::Progress& progress);
Status stepAssess(Round& r, const jobs::Progress& progress);

}  // namespace medq::loop::round
