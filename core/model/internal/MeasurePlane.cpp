#include "model/internal/MeasurePlane.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace medq::model::internal {

Plane boxDown(const Plane& p, int factor) {
    if (factor <= 1) return p;
    Plane out{{}, std::max(1, p.w / factor), std::max(1, p.h / factor)};
    out.v.assign(std::size_t(out.w) * std::size_t(out.h), 0.0f);
    const float norm = 1.0f / float(factor * factor);
    for (int y = 0; y < out.h; ++y)
        for (int x = 0; x < out.w; ++x) {
            float sum = 0;
            for (int dy = 0; dy < factor; ++dy)
                for (int dx = 0; dx < factor; ++dx)
                    sum += p.at(std::min(p.w - 1, x * factor + dx), std::min(p.h - 1, y * factor + dy));
            out.v[std::size_t(y) * std::size_t(out.w) + std::size_t(x)] = sum * norm;
        }
    return out;
}

Plane blur(const Plane& p, double sigma) {
    const int radius = std::max(1, int(std::ceil(3 * sigma)));
    std::vector<float> k(std::size_t(2 * radius + 1));
    for (int i = -radius; i <= radius; ++i) k[std::size_t(i + radius)] = float(std::exp(-0.5 * i * i / (sigma * sigma)));
    const float total = std::accumulate(k.begin(), k.end(), 0.0f);
    for (float& x : k) x /= total;
    Plane tmp{std::vector<float>(p.v.size()), p.w, p.h}, out{std::vector<float>(p.v.size()), p.w, p.h};
    for (int y = 0; y < p.h; ++y)
        for (int x = 0; x < p.w; ++x) {
            float s = 0;
            for (int i = -radius; i <= radius; ++i) s += k[std::size_t(i + radius)] * p.at(std::clamp(x + i, 0, p.w - 1), y);
            tmp.v[std::size_t(y) * std::size_t(p.w) + std::size_t(x)] = s;
        }
    for (int y = 0; y < p.h; ++y)
        for (int x = 0; x < p.w; ++x) {
            float s = 0;
            for (int i = -radius; i <= radius; ++i) s += k[std::size_t(i + radius)] * tmp.at(x, std::clamp(y + i, 0, p.h - 1));
            out.v[std::size_t(y) * std::size_t(p.w) + std::size_t(x)] = s;
        }
    return out;
}

double percentile(std::vector<float> values, double q) {
    if (values.empty()) return 0;
    const auto k = std::size_t(std::clamp(q, 0.0, 1.0) * double(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
    return values[k];
}

double mean(const std::vector<float>& v) {
    return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

double logOf(double x, double floor) { return std::log10(std::max(x, 0.0) + floor); }

}  // namespace medq::model::internal
