#pragma once
// Data-parallel training over a group of processes (docs/scale-out.md, "Data-parallel
// training"). Rank 0 is `medq model train --world-size N`: it builds the model and its
// examples as one process would, saves the starting weights under blobs/dist/train-<run>/
// and posts a "train" task naming them, the workspace, the splits and the checkpoint (the
// same paths on every machine: a shared filesystem). Each `medq worker` assembles the same
// examples (their hash is checked), says it is ready, and trains with rank 0 on its share of
// every batch (train::Trainer::setGroup). Only rank 0 writes the resume state and the
// checkpoint; rerunning the same command after a failure resumes every rank from it.
#include "common/Result.h"
#include "jobs/Progress.h"
#include "learn/TrainingData.h"
#include "model/CheckpointManifest.h"
#include "train/Trainer.h"

#include <QJsonObject>
#include <QString>
#include <chrono>
#include <functional>

namespace medq::dist {
class Group;
class TaskChannel;
}  // namespace medq::dist

namespace medq::store {
class Workspace;
}

namespace medq::learn {

// The name of the task `medq worker` runs for this.
inline const QString kTrainTask = QStringLiteral("train");

struct TrainTask {
    QString name = kTrainTask;  // the task's name: which part a worker runs, so which examples it assembles
    QString workspace;   // absolute, the same on every machine
    QString initial;     // the starting weights rank 0 saved (blobs/dist/train-<run>/initial)
    QString checkpoint;  // the checkpoint folder rank 0 writes; its resume state is read by all
    QString run;         // the checkpoint's name: blobs/dist/train-<run>, the store keys' prefix
    TrainingDataSpec data;  // kTrainTask: the splits
    QJsonObject source;     // other tasks: what their workers need to assemble the same examples
    QJsonObject config;  // train::TrainConfig
    QString dataHash;    // train::trainingDataHash of rank 0's training examples
    bool resume = false;
    qint64 prepareMs = 0;  // how long rank 0 waits for the workers to assemble their examples, at most

    QString folder() const;
    // "ok" once a worker has its examples, or why it has none.
    QString readyKey(int rank) const { return QStringLiteral("train/%1/ready/%2").arg(run).arg(rank); }
    // A counter a worker advances while it assembles them.
    QString aliveKey(int rank) const { return QStringLiteral("train/%1/alive/%2").arg(run).arg(rank); }
    QJsonObject toTask() const;
    static Result<TrainTask> fromTask(const QJsonObject& task);
};

// Rank 0: saves `net` as the starting weights, posts `task` (its `initial` filled in here)
// and trains with the workers once each has assembled its examples; a worker silent for
// `timeout` while it assembles, or whose report after training is later than that, fails
// the run. Returns rank 0's report (the
// checkpoint saved in task.checkpoint).
Result<train::TrainReport> leadTraining(dist::Group& group, dist::TaskChannel& channel, TrainTask task,
                                        train::Trainer& trainer, const model::QualityModel& net, const TrainingData& data,
                                        const model::CheckpointInfo& info, const jobs::Progress& progress,
                                        std::chrono::milliseconds timeout);

// A worker's part of a training task: `assemble` builds this rank's copy of the examples for
// the starting weights it is given (their hash must be rank 0's), then the worker trains
// with the others. `progress` shows its steps.
using AssembleExamples = std::function<Result<TrainingData>(store::Workspace& ws, const model::QualityModel& net,
                                                            const TrainTask& task, const jobs::Progress& progress)>;
Status followTraining(dist::Group& group, const QJsonObject& task, const AssembleExamples& assemble,
                      const jobs::Progress& progress);
// The "train" task of `medq model train`: the splits the task names.
Status trainPart(dist::Group& group, const QJsonObject& task, const jobs::Progress& progress);

}  // namespace medq::learn
