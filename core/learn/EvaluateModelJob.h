#pragma once
// Evaluates a checkpoint on a workspace split as an engine job: perception accuracy by
// question type and modality with calibration error, descriptions by the rubric and
// ROUGE-L, and the simulated expert on the same items as the reference line.
#include "jobs/Job.h"

namespace medq::learn {

struct EvaluateOptions {
    QString checkpoint;  // name or path; empty: the workspace's current checkpoint
    QString split = QStringLiteral("test");
    int limit = 0;       // > 0: only the first N tasks
    bool withExpert = true;
    // Also score the attribute head with each source's readings moved onto the training
    // split's mean (HeadSourceAlignment); reads the train split too.
    bool alignHeadBySource = false;
    // A model that reads per-source standardised measures gets every image's measures against
    // the checkpoint's reference instead, as a single opened image gets them (no effect on
    // other models).
    bool measuresAlone = false;
    // Off: descriptions may name any modality (GenerationOptions::keepToModality), to measure
    // what the decoder writes without the guard.
    bool keepToModality = true;
    // Also list every description beside its reference and scores in the result
    // ("descriptions"), for a report file that people read (`medq model eval --json`).
    bool listDescriptions = false;
    QString annotatorConfig;  // JSON file; empty: built-in defaults
};

class EvaluateModelJob : public jobs::Job {
public:
    EvaluateModelJob(QString workspaceDir, EvaluateOptions options) : m_dir(std::move(workspaceDir)), m_options(std::move(options)) {}
    QString kind() const override { return QStringLiteral("eval"); }
    QString title() const override { return QStringLiteral("Evaluate the model"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir;
    EvaluateOptions m_options;
};

}  // namespace medq::learn
