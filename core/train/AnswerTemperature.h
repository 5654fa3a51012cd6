#pragma once
// Post-hoc temperature scaling of perception answers (Guo et al. 2017, "On Calibration of
// Modern Neural Networks"): one temperature T for every question, p'_k proportional to
// p_k^(1/T), fitted by minimising the negative log-likelihood of the right option on
// questions the weights were not trained on. It changes confidences, never the chosen option.
#include "common/Result.h"
#include "train/TrainingExample.h"

#include <QJsonObject>
#include <vector>

namespace medq::model {
class QualityModel;
}

namespace medq::train {

struct AnswerCalibration {
    double temperature = 1.0;
    int questions = 0;
    double nllBefore = 0, nllAfter = 0;  // mean negative log-likelihood of the right option
    double eceBefore = 0, eceAfter = 0;  // expected calibration error (PerceptionMetrics)
    QJsonObject toJson() const;
};

class AnswerTemperature {
public:
    // Temperatures searched: [kLowest, kHighest]; the NLL is convex in 1/T, so a golden-section
    // search over 1/T finds the minimum.
    static constexpr double kLowest = 0.05, kHighest = 20.0;
    // Fewer held-out questions than this: temperature 1 (a fit on a handful over-corrects).
    static constexpr int kMinQuestions = 20;

    // probabilities[i]: question i's option probabilities at temperature 1; truth[i]: the
    // right option's index (rows with an index outside the options are skipped).
    static AnswerCalibration fit(const std::vector<std::vector<double>>& probabilities, const std::vector<int>& truth);
    // Answers heldOut's perception questions at temperature 1, fits, and sets the model's
    // temperature to the fit (unchanged when the answers fail or the questions are too few).
    static Result<AnswerCalibration> calibrate(model::QualityModel& model, const std::vector<TrainingExample>& heldOut);
    // The probabilities at temperature t (renormalised).
    static std::vector<double> apply(const std::vector<double>& probabilities, double t);
};

}  // namespace medq::train
