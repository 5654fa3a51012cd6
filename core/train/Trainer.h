#pragma once
// Supervised training and fine-tuning of a QualityModel on perception and description
// examples: AdamW, warm-up + cosine, clipping, early stopping, resumable, cancellable.
#include "common/Result.h"
#include "jobs/Progress.h"
#include "model/CheckpointManifest.h"
#include "model/QualityModel.h"
#include "train/ResumeState.h"
#include "train/TrainConfig.h"
#include "train/TrainingExample.h"

#include <QJsonObject>
#include <QString>
#include <memory>
#include <vector>

namespace medq::dist {
class Group;
}

namespace medq::train {

struct TrainReport {
    int startStep = 0;  // > 0 when the run resumed
    int steps = 0;      // optimizer steps done in total (the last step index + 1)
    int totalSteps = 0;
    std::vector<double> losses;  // training loss of every step from 0 (cross-entropy, weighed as TrainConfig says)
    std::vector<ValidationPoint> validation;  // every evaluation during training
    double validationLoss = -1;      // of the kept weights; -1 without validation data
    double validationAccuracy = -1;  // perception items only; -1 when there are none
    int bestStep = -1;               // step whose weights were kept (early stopping)
    bool stoppedEarly = false;
    double samplesPerSecond = 0;     // training throughput of this run (all ranks together)
    double trainingSeconds = 0;      // in the steps (forward, backward, gradient sums, optimizer)
    double gradientSumSeconds = 0;   // of which summing gradients over the ranks (0 in one process)
    int ranks = 1;                   // processes that trained together (Trainer::setGroup)
    QString checkpointDir;           // where the final weights were saved (empty: not saved)
    QJsonObject encoderPretraining;  // EncoderPretrainReport of this run (empty: none)
    QJsonObject answerCalibration;   // AnswerCalibration of the kept weights (empty: none)

    QJsonObject toJson() const;
};

// Trains `model` in place: all weights, or only the LoRA adapters when the model carries
// some (config.useLora attaches them first), the base then frozen. Progress reports the fraction of steps and "step 12/300, loss
// 1.23"; the cancel flag is checked before every batch and throws jobs::JobCancelled. A
// cancelled run removes its resume state and leaves no checkpoint behind (an existing
// checkpoint at checkpointDir stays as it was). Any other failure keeps the resume state
// so resume() can continue from the last saved step.
class Trainer {
public:
    Trainer(model::QualityModel& model, TrainConfig config);
    ~Trainer();

    // Saves the final weights (the best on validation when early stopping is on) to
    // checkpointDir when it is not empty; resume state goes to <checkpointDir>/resume.
    Result<TrainReport> train(const std::vector<TrainingExample>& training,
                              const std::vector<TrainingExample>& validation, const QString& checkpointDir,
                              const jobs::Progress& progress, const model::CheckpointInfo& info = {});
    // Continues an interrupted train() from <checkpointDir>/resume with the same examples and
    // config (checked); reaches the weights an uninterrupted run would have reached.
    Result<TrainReport> resume(const std::vector<TrainingExample>& training,
                               const std::vector<TrainingExample>& validation, const QString& checkpointDir,
                               const jobs::Progress& progress, const model::CheckpointInfo& info = {});

    // Data-parallel training over `group` (must outlive train()): every rank calls train() or
    // resume() with the same examples, config and checkpointDir (rank 0 writes there, the
    // others only read its resume state); each trains on its share of every batch and the
    // gradients are summed over the ranks (train/DataParallel.h). Only rank 0 saves and
    // calibrates; the other ranks' reports carry no checkpointDir. A rank that fails makes
    // the others fail at their next collective. Null (the default): one process.
    void setGroup(dist::Group* group) { m_group = group; }
    // The held-out questions the answer temperature is fitted on when training ends, and what
    // they are (kept in the report's answerCalibration as "questionsFrom"); by default the
    // validation examples. Presence thresholds are always fitted on the validation examples.
    void setTemperatureExamples(std::vector<TrainingExample> examples, QString what) {
        m_temperatureExamples = std::move(examples);
        m_temperatureBasis = std::move(what);
    }

    static QString resumeDir(const QString& checkpointDir);
    static bool hasResumeState(const QString& checkpointDir);

private:
    Result<TrainReport> run(const std::vector<TrainingExample>& training, const std::vector<TrainingExample>& validation,
                            const QString& checkpointDir, const jobs::Progress& progress,
                            const model::CheckpointInfo& info, bool resuming);

    model::QualityModel& m_model;
    TrainConfig m_config;
    dist::Group* m_group = nullptr;
    std::vector<TrainingExample> m_temperatureExamples;
    QString m_temperatureBasis;
};

}  // namespace medq::train
