#pragma once
// One round of the closed loop as resumable steps: evaluate -> prototypes -> index ->
// retrieve -> route -> annotate -> gate -> finetune -> assess (RoundStep, in that order; the
// steps themselves are in internal/). Each step commits its
// results and the round's "last completed step" in one transaction, so a run killed at
// any point (kill -9 included) continues from the last completed step with nothing lost
// or duplicated. Files outside SQLite (pool embeddings, index, checkpoints) are written
// staged or append-only and are safe to redo.
#include "jobs/Job.h"
#include "loop/RoundGroup.h"
#include "loop/RoundOptions.h"

#include <QStringList>

namespace medq::loop {

class RoundRunner {
public:
    RoundRunner(QString workspaceDir, RoundOptions options) : m_dir(std::move(workspaceDir)), m_options(std::move(options)) {}

    // Continues the unfinished round if there is one (with the options it started with),
    // else starts the next. Runs until the round is done, or waits (status stays
    // "running") when people still have queue items to annotate.
    jobs::JobOutcome run(const jobs::Progress& progress);
    // Spreads the pool embedding and the fine-tuning over `group`'s processes (this one
    // rank 0); null (the default): this process alone.
    void setGroup(const RoundGroup* group) { m_group = group; }

private:
    QString m_dir;
    RoundOptions m_options;
    const RoundGroup* m_group = nullptr;
};

// The engine-thread job for one round (what `medq loop run` and Start round queue).
class LoopRoundJob : public jobs::Job {
public:
    LoopRoundJob(QString workspaceDir, RoundOptions options, const RoundGroup* group = nullptr)
        : m_runner(std::move(workspaceDir), std::move(options)) {
        m_runner.setGroup(group);
    }
    QString kind() const override { return QStringLiteral("loop.round"); }
    QString title() const override { return QStringLiteral("Run a loop round"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override { return m_runner.run(progress); }

private:
    RoundRunner m_runner;
};

}  // namespace medq::loop
