#include "train/AnswerTemperature.h"

#include "model/QualityModel.h"
#include "train/PerceptionMetrics.h"

#include <algorithm>
#include <cmath>

namespace medq::train {

namespace {

constexpr double kFloor = 1e-12;  // a probability of 0 would make the log-likelihood infinite

struct Held {
    std::vector<std::vector<double>> logs;  // log probabilities at temperature 1
    std::vector<int> truth;
};

double meanNll(const Held& held, double inverseT) {
    double sum = 0;
    for (std::size_t i = 0; i < held.logs.size(); ++i) {
        const auto& l = held.logs[i];
        const double top = *std::max_element(l.begin(), l.end()) * inverseT;
        double z = 0;
        for (double v : l) z += std::exp(v * inverseT - top);
        sum += -(l[std::size_t(held.truth[i])] * inverseT - top - std::log(z));
    }
    return held.logs.empty() ? 0.0 : sum / double(held.logs.size());
}

double ece(const Held& held, double t) {
    std::vector<PerceptionOutcome> outcomes;
    for (std::size_t i = 0; i < held.logs.size(); ++i) {
        std::vector<double> p(held.logs[i].size());
        std::transform(held.logs[i].begin(), held.logs[i].end(), p.begin(), [](double l) { return std::exp(l); });
        p = AnswerTemperature::apply(p, t);
        PerceptionOutcome o;
        o.truth = held.truth[i];
        o.predicted = int(std::max_element(p.begin(), p.end()) - p.begin());
        o.confidence = p[std::size_t(o.predicted)];
        outcomes.push_back(o);
    }
    return expectedCalibrationError(outcomes);
}

}  // namespace

QJsonObject AnswerCalibration::toJson() const {
    return {{"temperature", temperature}, {"questions", questions}, {"nllBefore", nllBefore}, {"nllAfter", nllAfter},
            {"eceBefore", eceBefore}, {"eceAfter", eceAfter}};
}

std::vector<double> AnswerTemperature::apply(const std::vector<double>& probabilities, double t) {
    if (probabilities.empty() || t == 1.0) return probabilities;
    std::vector<double> out(probabilities.size());
    double top = -INFINITY;
    for (double p : probabilities) top = std::max(top, std::log(std::max(p, kFloor)) / t);
    double z = 0;
    for (std::size_t k = 0; k < out.size(); ++k) z += out[k] = std::exp(std::log(std::max(probabilities[k], kFloor)) / t - top);
    for (double& p : out) p /= z;
    return out;
}

AnswerCalibration AnswerTemperature::fit(const std::vector<std::vector<double>>& probabilities, const std::vector<int>& truth) {
    Held held;
    for (std::size_t i = 0; i < probabilities.size() && i < truth.size(); ++i) {
        if (truth[i] < 0 || truth[i] >= int(probabilities[i].size())) continue;
        std::vector<double> logs(probabilities[i].size());
        std::transform(probabilities[i].begin(), probabilities[i].end(), logs.begin(),
                       [](double p) { return std::log(std::max(p, kFloor)); });
        held.logs.push_back(std::move(logs));
        held.truth.push_back(truth[i]);
    }
    AnswerCalibration c;
    c.questions = int(held.logs.size());
    c.nllBefore = c.nllAfter = meanNll(held, 1.0);
    c.eceBefore = c.eceAfter = ece(held, 1.0);
    if (c.questions < kMinQuestions) return c;
    // Golden-section search for the inverse temperature.
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double lo = 1.0 / kHighest, hi = 1.0 / kLowest;
    double a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo);
    double fa = meanNll(held, a), fb = meanNll(held, b);
    for (int i = 0; i < 80 && hi - lo > 1e-6; ++i) {
        if (fa < fb) {
            hi = b, b = a, fb = fa;
            a = hi - ratio * (hi - lo), fa = meanNll(held, a);
        } else {
            lo = a, a = b, fa = fb;
            b = lo + ratio * (hi - lo), fb = meanNll(held, b);
        }
    }
    const double inverseT = (lo + hi) / 2.0;
    if (meanNll(held, inverseT) >= c.nllBefore) return c;  // no better than as it is
    c.temperature = 1.0 / inverseT;
    c.nllAfter = meanNll(held, inverseT);
    c.eceAfter = ece(held, c.temperature);
    return c;
}

Result<AnswerCalibration> AnswerTemperature::calibrate(model::QualityModel& model, const std::vector<TrainingExample>& heldOut) {
    std::vector<model::PerceptionQuery> queries;
    std::vector<int> truth;
    for (const TrainingExample& e : heldOut)
        if (e.kind == TrainingExample::Kind::Perception && e.answerIndex >= 0) {
            queries.push_back({e.image, e.question, e.options});
            truth.push_back(e.answerIndex);
        }
    const double kept = model.config().answerTemperature;
    model.setAnswerTemperature(1.0);
    const auto answers = model.answer(queries);
    if (!answers) {
        model.setAnswerTemperature(kept);
        return answers.error();
    }
    std::vector<std::vector<double>> probabilities;
    for (const auto& a : answers.value()) probabilities.push_back(a.probabilities);
    AnswerCalibration fitted = fit(probabilities, truth);
    if (fitted.questions < kMinQuestions) fitted.temperature = kept;  // too few to say: as it was
    model.setAnswerTemperature(fitted.temperature);
    return fitted;
}

}  // namespace medq::train
