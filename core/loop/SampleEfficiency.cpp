#include "loop/SampleEfficiency.h"

#include "common/Random.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace medq::loop {
namespace {

LearningCurve meanOf(const std::vector<LearningCurve>& runs) {
    LearningCurve out;
    for (const CurvePoint& p : meanCurve(runs)) out.emplace_back(p.annotations, p.mean);
    return out;
}

double percentile(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    const double at = q * double(values.size() - 1);
    const std::size_t below = std::size_t(std::floor(at));
    const std::size_t above = std::min(values.size() - 1, below + 1);
    if (std::isinf(values[below]) || std::isinf(values[above])) return values[at - double(below) < 0.5 ? below : above];
    return values[below] + (values[above] - values[below]) * (at - double(below));
}

}  // namespace

double tQuantile95(int df) {
    static constexpr double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                       2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                       2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1) return std::numeric_limits<double>::infinity();
    return df <= 30 ? table[df - 1] : 1.96;
}

std::vector<CurvePoint> meanCurve(const std::vector<LearningCurve>& runs) {
    std::size_t rounds = 0;
    for (const auto& r : runs) rounds = std::max(rounds, r.size());
    std::vector<CurvePoint> out;
    for (std::size_t i = 0; i < rounds; ++i) {
        std::vector<double> ys;
        double x = 0;
        for (const auto& r : runs)
            if (i < r.size()) {
                x = r[i].first;
                ys.push_back(r[i].second);
            }
        double mean = 0;
        for (double y : ys) mean += y / double(ys.size());
        double half = 0;
        if (ys.size() > 1) {
            double ss = 0;
            for (double y : ys) ss += (y - mean) * (y - mean);
            const double sd = std::sqrt(ss / double(ys.size() - 1));
            half = tQuantile95(int(ys.size()) - 1) * sd / std::sqrt(double(ys.size()));
        }
        out.push_back({x, mean, mean - half, mean + half});
    }
    return out;
}

std::optional<double> annotationsToReach(const LearningCurve& curve, double target) {
    for (std::size_t i = 0; i < curve.size(); ++i) {
        if (curve[i].second < target) continue;
        if (i == 0) return curve[0].first;
        const auto [x0, y0] = curve[i - 1];
        const auto [x1, y1] = curve[i];
        return x0 + (x1 - x0) * (target - y0) / std::max(1e-12, y1 - y0);
    }
    return std::nullopt;
}

RatioEstimate sampleEfficiencyRatio(const std::vector<LearningCurve>& strategy, const std::vector<LearningCurve>& reference,
                                    double target, int resamples, std::uint64_t seed) {
    RatioEstimate e;
    e.target = target;
    if (strategy.empty() || reference.empty()) return e;
    e.referenceNeeds = annotationsToReach(meanOf(reference), target);
    e.strategyNeeds = annotationsToReach(meanOf(strategy), target);
    if (e.referenceNeeds && e.strategyNeeds && *e.strategyNeeds > 0) e.ratio = *e.referenceNeeds / *e.strategyNeeds;

    Random random(seed);
    auto resample = [&](const std::vector<LearningCurve>& runs) {
        std::vector<LearningCurve> out;
        for (std::size_t i = 0; i < runs.size(); ++i) out.push_back(runs[std::size_t(random.uniformInt(0, int(runs.size()) - 1))]);
        return out;
    };
    std::vector<double> ratios;
    for (int b = 0; b < resamples; ++b) {
        const auto ref = annotationsToReach(meanOf(resample(reference)), target);
        const auto str = annotationsToReach(meanOf(resample(strategy)), target);
        if (!ref) ++e.referenceMissed;
        if (!str) ++e.strategyMissed;
        const double nothing = std::numeric_limits<double>::quiet_NaN();
        if (!str) ratios.push_back(ref ? 0.0 : nothing);
        else if (!ref) ratios.push_back(std::numeric_limits<double>::infinity());
        else if (*str > 0) ratios.push_back(*ref / *str);
        else ratios.push_back(*ref > 0 ? std::numeric_limits<double>::infinity() : nothing);
    }
    // Both missing, or both reaching it with no annotation, says nothing about the ratio: left out.
    ratios.erase(std::remove_if(ratios.begin(), ratios.end(), [](double r) { return std::isnan(r); }), ratios.end());
    e.resamples = int(ratios.size());
    if (!ratios.empty()) {
        e.low = percentile(ratios, 0.025);
        e.high = percentile(ratios, 0.975);
    }
    return e;
}

}  // namespace medq::loop
