#pragma once
// The demo workspace with the loop already turned once: the installed real sample images
// (queued for review), a small synthetic benchmark and pool, a small base model trained
// on it, and one engine round, so the user opens routed queues with model drafts and a
// prototype gallery. Each part is skipped when already there, so a second start is quick.
#include "common/Result.h"
#include "jobs/Job.h"
#include "loop/RoundMetrics.h"

namespace medq::loop {

struct DemoOptions {
    int perModality = 24;    // benchmark items per modality
    int poolSize = 600;
    // Tiny preset: about 30 s on 2 cores. At 200 steps every draft was a row of periods; by
    // 1,000 the descriptions are sentences (docs/experiments.md, "Demo drafts").
    int trainSteps = 1000;
    int budget = 24;
};

class DemoLoopJob : public jobs::Job {
public:
    explicit DemoLoopJob(QString workspaceDir, DemoOptions options = {}) : m_dir(std::move(workspaceDir)), m_options(options) {}
    QString kind() const override { return QStringLiteral("demo"); }
    QString title() const override { return QStringLiteral("Build the demo workspace"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    // Drafts the imported samples whose tasks have no draft yet (with the current model).
    Status draftSamples(const jobs::Progress& progress) const;
    // The first round's evaluation of the base model (empty before it ran).
    EvaluationSummary baseEvaluation() const;

    QString m_dir;
    DemoOptions m_options;
};

}  // namespace medq::loop
