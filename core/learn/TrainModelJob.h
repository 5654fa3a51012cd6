#pragma once
// Trains a model on a workspace split as an engine job: from scratch (a new tokenizer on
// the workspace's text, a new network from a preset) or fine-tuning a checkpoint. The
// checkpoint appears under blobs/checkpoints only when training completes.
#include "jobs/Job.h"
#include "model/ModelConfig.h"
#include "train/TrainConfig.h"

#include <chrono>

namespace medq::dist {
class Group;
class TaskChannel;
}  // namespace medq::dist

namespace medq::learn {

struct TrainOptions {
    QString fromCheckpoint;                    // empty: from scratch
    QString preset = QStringLiteral("default");  // model preset when from scratch
    QString trainSplit = QStringLiteral("train");
    QString validationSplit = QStringLiteral("val");
    QString name;                              // checkpoint name; empty: "base-N" / "ft-N"
    int vocabSize = 800;
    // > 0: the new network's text length instead of its preset's (from scratch only). A
    // description longer than it is cut before its end, so the model never learns to stop.
    int maxTextLength = 0;
    // From scratch: the network takes per-source standardised quality measures
    // (ModelConfig::sourceMeasures).
    bool sourceMeasures = false;
    model::ModelConfig::MeasureRoute measureRoute = model::ModelConfig::MeasureRoute::Token;  // with sourceMeasures
    double measureDropout = 0.0;  // with sourceMeasures: ModelConfig::measureDropout
    bool ownModalitySlots = false;  // from scratch: ModelConfig::ownModalitySlots
    int limit = 0;                             // > 0: use only the first N training tasks
    // Early stopping and the kept weights by the validation split's real sources alone
    // (leave-source-out model selection) when they have TemperatureQuestions::kMinRealQuestions
    // questions; else, and by default, by the whole validation split.
    bool validateOnRealSources = false;
    train::TrainConfig config;
    QString actor = QStringLiteral("system");
    bool makeCurrent = true;
    // Data-parallel training with the `medq worker`s of `group`, this process being rank 0
    // (learn/DistributedTraining.h); null: this process alone. Both outlive the job.
    dist::Group* group = nullptr;
    dist::TaskChannel* channel = nullptr;
    std::chrono::milliseconds groupTimeout{std::chrono::seconds(60)};     // the workers' reports after training
    std::chrono::milliseconds prepareTimeout{std::chrono::seconds(1800)};  // the workers' examples before it
};

class TrainModelJob : public jobs::Job {
public:
    TrainModelJob(QString workspaceDir, TrainOptions options) : m_dir(std::move(workspaceDir)), m_options(std::move(options)) {}
    QString kind() const override { return QStringLiteral("train"); }
    QString title() const override { return QStringLiteral("Train the model"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir;
    TrainOptions m_options;
};

}  // namespace medq::learn
