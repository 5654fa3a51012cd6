#pragma once
// PRIVATE to core/train's torch translation units (include <torch/torch.h> first): one run of
// Trainer, in the parts Trainer::run calls in turn: set up the parameters and the optimizer,
// start fresh or restore the resume state, train (encoder pretraining, then the steps on
// TrainingLoop), finish (best weights, final evaluation, checkpoint).
#include "model/PromptFormat.h"
#include "model/internal/ModelState.h"
#include "model/internal/WeightArchive.h"
#include "train/DataParallel.h"
#include "train/LearningRateSchedule.h"
#include "train/ResumeState.h"
#include "train/Trainer.h"
#include "train/TrainingLoop.h"
#include "train/WeightAverage.h"

#include <memory>
#include <vector>

namespace medq::train {

class TrainingRun {
public:
    // Inputs already checked. With adapters on the model only they learn; the base stays frozen
    // until the run ends. In a data-parallel run (`parallel` distributed) every rank trains
    // on its share of each batch and evaluates its share of the validation examples; only
    // rank 0 writes (resume state, checkpoint), the others read its resume state to resume.
    TrainingRun(model::QualityModel& model, const TrainConfig& config, const std::vector<TrainingExample>& training,
                const std::vector<TrainingExample>& validation, const QString& checkpointDir,
                const DataParallel& parallel = DataParallel());
    ~TrainingRun();  // every parameter trainable again, however the run ended

    // A new run: a previous run's resume state would mislead resume().
    void startFresh();
    // Continues from the resume state, which must belong to this data and config.
    Status restore();
    // Encoder pretraining when a new run's config asks for it, then the steps from the first
    // one not done. Cancel removes the resume state and rethrows jobs::JobCancelled; another
    // failure keeps it and gives an error saying at which step.
    Status train(const jobs::Progress& progress);
    // Held-out questions for the answer temperature instead of the validation examples (they
    // must outlive the run), and what they are.
    void fitTemperatureOn(const std::vector<TrainingExample>& examples, const QString& what) {
        m_temperatureExamples = &examples;
        m_temperatureBasis = what;
    }
    // Keeps the best weights (early stopping), evaluates them and saves the checkpoint.
    Result<TrainReport> finish(const model::CheckpointInfo& info);

private:
    void setUpOptimizer();
    bool pretrainsEncoder() const;
    void pretrainEncoder(const jobs::Progress& progress);
    QString backward(const TrainingStep& step);
    Result<TrainingLoop::Next> afterStep(const TrainingStep& step);
    // Early stopping's bookkeeping of one evaluation; true when it says stop.
    bool recordEvaluation(const ValidationPoint& point);
    ValidationPoint evaluate(int step);
    void keepAsBest();
    bool savesResumePoints() const;
    Status saveResume();
    void removeResumeState();
    // Fits the model's answer temperature on the validation perception questions; the fit's
    // figures (empty: no validation data).
    QJsonObject calibrateAnswers();

    model::QualityModel& m_model;
    model::QualityModel::Impl& m_impl;
    const TrainConfig& m_config;
    const std::vector<TrainingExample>& m_training;
    const std::vector<TrainingExample>& m_validation;
    const QString m_dir;
    const QString m_resumePath;  // empty: no checkpoint, no resume state
    const DataParallel m_parallel;
    const std::vector<TrainingExample>* m_temperatureExamples = nullptr;
    QString m_temperatureBasis;
    const bool m_writes;  // rank 0 (or the only process) saves; the other ranks only read
    std::vector<int> m_imageOf, m_validationImageOf;  // each example's image group (shares cut between images)
    std::vector<model::TokenSequence> m_sequences, m_validationSequences;
    const int m_totalSteps, m_stepsPerEpoch;
    const LearningRateSchedule m_schedule;

    model::internal::NamedTensors m_parameters;
    std::vector<torch::Tensor> m_trainable;
    std::unique_ptr<torch::optim::AdamW> m_optimizer;
    ResumeState m_state;
    std::vector<torch::Tensor> m_best;  // weights at m_state.bestStep (early stopping); the average's when averaging
    WeightAverage m_average;  // TrainConfig::weightAverageDecay; off at 0
    bool m_resumed = false;
    int m_startStep = 0;
    double m_stepLoss = 0;  // of the step running
    bool m_stoppedEarly = false;
    QJsonObject m_encoderPretraining;
    double m_trainingSeconds = 0;
    double m_gradientSumSeconds = 0;
    long long m_trainedExamples = 0;
    int m_steps = 0;  // the last step done + 1
};

}  // namespace medq::train
