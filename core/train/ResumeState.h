#pragma once
// The bookkeeping of an interrupted training run (state.json in the resume folder); the
// weights and optimizer moments sit beside it as tensor archives.
#include "common/Result.h"

#include <QJsonObject>
#include <QString>
#include <optional>
#include <vector>

namespace medq::train {

// One evaluation on the validation set during training.
struct ValidationPoint {
    int step = 0;  // index of the step after which it ran
    double loss = 0;
    double accuracy = -1;  // -1 without perception items
};

struct ResumeState {
    static QString fileName() { return QStringLiteral("state.json"); }

    int nextStep = 0;          // first step still to run
    QString dataHash;          // trainingDataHash() of the run's examples
    QJsonObject trainConfig;   // TrainConfig::toJson() of the run
    std::vector<double> losses;
    std::vector<ValidationPoint> validation;
    // Early stopping: best metric so far (lower is better; accuracy is stored negated),
    // its step (-1: none yet, and then no best weights file) and evaluations since.
    double bestScore = 0;
    int bestStep = -1;
    int staleEvaluations = 0;
    // EncoderPretrainReport of the run: a resume point at step 0 is the one saved right after
    // encoder pretraining, so a resumed run neither repeats it nor loses its figures.
    QJsonObject encoderPretraining;

    // Why a run on examples of `dataHash` with `trainConfig` cannot continue from this state
    // (other data, another config; the thread count does not count); nullopt when it can.
    std::optional<QString> mismatch(const QString& dataHash, const QJsonObject& trainConfig) const;

    QJsonObject toJson() const;
    static Result<ResumeState> read(const QString& dir);
    Status write(const QString& dir) const;
};

}  // namespace medq::train
