#include "MeasureProbe.h"

#include <algorithm>
#include <cmath>

namespace medq::bench {

namespace {

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

void LogisticProbe::fit(const ProbeLabels& data, double l2, bool balanced) {
    const std::size_t n = data.x.size();
    const std::size_t d = n ? data.x.front().size() : 0;
    m_w.assign(d, 0.0);
    m_b = 0;
    if (n == 0) return;
    const double positives = double(std::count(data.y.begin(), data.y.end(), 1));
    std::vector<double> weight(n, 1.0 / double(n));
    if (balanced && positives > 0 && positives < double(n))
        for (std::size_t i = 0; i < n; ++i) weight[i] = 0.5 / (data.y[i] ? positives : double(n) - positives);
    // Inputs are clipped to +-5 with a spread near one: a step of 0.1 stays stable.
    constexpr int kIterations = 1500;
    constexpr double kStep = 0.1;
    std::vector<double> gw(d);
    for (int it = 0; it < kIterations; ++it) {
        std::fill(gw.begin(), gw.end(), 0.0);
        double gb = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double r = weight[i] * (probability(data.x[i]) - data.y[i]);
            for (std::size_t k = 0; k < d; ++k) gw[k] += r * data.x[i][k];
            gb += r;
        }
        for (std::size_t k = 0; k < d; ++k) m_w[k] -= kStep * (gw[k] + l2 * m_w[k]);
        m_b -= kStep * gb;
    }
}

double LogisticProbe::probability(const std::vector<float>& x) const {
    double z = m_b;
    for (std::size_t k = 0; k < m_w.size() && k < x.size(); ++k) z += m_w[k] * x[k];
    return sigmoid(z);
}

double LogisticProbe::bestThreshold(const ProbeLabels& data) const {
    std::vector<std::pair<double, int>> scored;
    for (std::size_t i = 0; i < data.x.size(); ++i) scored.emplace_back(probability(data.x[i]), data.y[i]);
    const int positives = int(std::count(data.y.begin(), data.y.end(), 1));
    if (positives == 0) return 0.5;
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    double best = 0.5, bestF1 = -1;
    int tp = 0;
    for (std::size_t i = 0; i < scored.size(); ++i) {
        tp += scored[i].second;
        if (i + 1 < scored.size() && scored[i + 1].first == scored[i].first) continue;
        const double f1 = 2.0 * tp / double(int(i) + 1 + positives);
        // The cut sits halfway to the next score, so nearby unseen scores fall on the same side.
        if (f1 > bestF1) bestF1 = f1, best = i + 1 < scored.size() ? 0.5 * (scored[i].first + scored[i + 1].first) : 0.0;
    }
    return best;
}

void PresenceCounts::add(bool predicted, bool present) {
    if (predicted && present) ++truePositive;
    else if (predicted) ++falsePositive;
    else if (present) ++falseNegative;
}

double PresenceCounts::recall() const {
    const int n = truePositive + falseNegative;
    return n ? double(truePositive) / n : 0.0;
}

double PresenceCounts::precision() const {
    const int n = truePositive + falsePositive;
    return n ? double(truePositive) / n : 0.0;
}

}  // namespace medq::bench
