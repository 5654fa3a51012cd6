#pragma once
// A grey plane and the few filters the quality measures share (QualityMeasures,
// StructureMeasures). Torch-free.
#include <vector>

namespace medq::model::internal {

struct Plane {
    std::vector<float> v;
    int w = 0, h = 0;
    float at(int x, int y) const { return v[std::size_t(y) * std::size_t(w) + std::size_t(x)]; }
};

// Mean of factor x factor blocks (the last partial block repeats the edge).
Plane boxDown(const Plane& p, int factor);
// Separable Gaussian, edges clamped.
Plane blur(const Plane& p, double sigma);
double percentile(std::vector<float> values, double q);
double mean(const std::vector<float>& v);
double logOf(double x, double floor);  // log10(max(x, 0) + floor)

}  // namespace medq::model::internal
