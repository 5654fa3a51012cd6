#pragma once
// The figures of a sample-efficiency comparison (issue "Sample efficiency and routing savings
// that hold"): learning curves of several seeds per strategy, their mean with a 95% band,
// the annotations each strategy needs to reach a target score, and the ratio of a reference
// strategy's annotations (random sampling) to another's, with a bootstrap interval over seeds.
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace medq::loop {

// (cumulative annotations, score) after each round; round 0 (the base checkpoint) first.
// Every run of a comparison has the same rounds and budget, so the x values agree.
using LearningCurve = std::vector<std::pair<double, double>>;

struct CurvePoint {
    double annotations = 0;
    double mean = 0;
    double low = 0, high = 0;  // 95% t-interval of the mean over the runs (equal to the mean for one run)
};

// Mean over runs at each round, with its 95% interval; runs shorter than the longest are
// left out of the rounds they lack.
std::vector<CurvePoint> meanCurve(const std::vector<LearningCurve>& runs);

// The annotations at which the curve first reaches `target`, interpolated linearly between
// rounds; nothing when it never does.
std::optional<double> annotationsToReach(const LearningCurve& curve, double target);

struct RatioEstimate {
    double target = 0;
    std::optional<double> referenceNeeds, strategyNeeds;  // on the mean curves
    // referenceNeeds / strategyNeeds on the mean curves: more than 1, the strategy needs fewer.
    // Unset when either mean curve misses the target.
    std::optional<double> ratio;
    // 2.5th and 97.5th percentiles over the resamples. A resample in which the reference
    // misses the target counts as an infinite ratio (it needs more than the runs had), one in
    // which the strategy misses it as 0; so `high` may be infinite. Resamples in which both
    // miss it, or both reach it with no annotation, are left out of `resamples`.
    double low = 0, high = 0;
    int resamples = 0;
    int referenceMissed = 0, strategyMissed = 0;  // resamples in which each missed the target
};

// Seeds are resampled with replacement within each strategy, their mean curves taken, and
// the ratio of the annotations to reach `target` computed `resamples` times.
RatioEstimate sampleEfficiencyRatio(const std::vector<LearningCurve>& strategy, const std::vector<LearningCurve>& reference,
                                    double target, int resamples = 2000, std::uint64_t seed = 1);

// Two-sided 95% quantile of Student's t with `df` degrees of freedom (1.96 beyond 30).
double tQuantile95(int df);

}  // namespace medq::loop
