#pragma once
// A loop round spread over a group of processes (docs/scale-out.md, "A round over several
// machines"): `medq loop run --world-size N` is rank 0 and owns the workspace; its pool
// embedding (step index) runs on every rank through DistributedEmbedding, its fine-tuning
// (step finetune) data-parallel through learn/DistributedTraining.h, the other steps on
// rank 0 alone. Workers read the workspace at the same path (a shared filesystem).
#include "common/Result.h"
#include "jobs/Progress.h"
#include "loop/DistributedEmbedding.h"

#include <QJsonObject>
#include <QString>
#include <chrono>

namespace medq::dist {
class Group;
class TaskChannel;
}  // namespace medq::dist

namespace medq::loop {

// The task `medq worker` runs for a round's fine-tuning.
inline const QString kRoundFinetuneTask = QStringLiteral("round-finetune");

struct RoundGroup {
    dist::Group* group = nullptr;  // rank 0's; outlives the round
    dist::TaskChannel* channel = nullptr;
    DistributedEmbeddingOptions embedding;
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};  // the workers' reports after a task
};

// A worker's part of a round's fine-tuning: assembles the examples of the round the task
// names from the workspace, as rank 0 did, and trains with the others.
Status roundFinetunePart(dist::Group& group, const QJsonObject& task, const jobs::Progress& progress);

}  // namespace medq::loop
