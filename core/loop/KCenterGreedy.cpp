#include "loop/KCenterGreedy.h"

#include <algorithm>
#include <limits>

namespace medq::loop {
namespace {
double distance(const float* a, const float* b, int dim) {
    double dot = 0;
    for (int i = 0; i < dim; ++i) dot += double(a[i]) * b[i];
    return std::max(0.0, 1.0 - dot);
}
}  // namespace

std::vector<KCenterPick> kCenterGreedy(const std::vector<float>& candidates, const std::vector<float>& centres, int dim,
                                       int count) {
    std::vector<KCenterPick> picks;
    if (dim <= 0 || count <= 0) return picks;
    const std::size_t n = candidates.size() / std::size_t(dim);
    const std::size_t m = centres.size() / std::size_t(dim);
    // Distance of each candidate to its nearest centre so far; updated with each pick only.
    std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
    for (std::size_t c = 0; c < m; ++c)
        for (std::size_t i = 0; i < n; ++i)
            nearest[i] = std::min(nearest[i], distance(candidates.data() + i * dim, centres.data() + c * dim, dim));
    std::vector<bool> picked(n, false);
    while (int(picks.size()) < count) {
        std::size_t best = n;
        double bestDistance = -1;
        for (std::size_t i = 0; i < n; ++i)
            if (!picked[i] && nearest[i] > bestDistance) {
                bestDistance = nearest[i];
                best = i;
            }
        if (best == n || bestDistance <= 0) break;
        picked[best] = true;
        picks.push_back({best, m == 0 && picks.empty() ? 0.0 : bestDistance});
        const float* chosen = candidates.data() + best * dim;
        for (std::size_t i = 0; i < n; ++i)
            if (!picked[i]) nearest[i] = std::min(nearest[i], distance(candidates.data() + i * dim, chosen, dim));
    }
    return picks;
}

}  // namespace medq::loop
