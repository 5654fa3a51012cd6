#include "loop/NeighbourAgreement.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace medq::loop {

NeighbourAgreement neighbourAgreement(const std::vector<float>& vectors, int dim, const std::vector<int>& labels,
                                      const std::vector<int>& groups, int k) {
    NeighbourAgreement out;
    const std::size_t n = labels.size();
    if (dim <= 0 || k <= 0 || groups.size() != n || vectors.size() != n * std::size_t(dim)) return out;
    double agreement = 0, chance = 0;
    std::vector<std::pair<float, std::size_t>> others;
    for (std::size_t i = 0; i < n; ++i) {
        others.clear();
        int sameLabel = 0;
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i || groups[j] != groups[i]) continue;
            float dot = 0;
            for (int d = 0; d < dim; ++d) dot += vectors[i * std::size_t(dim) + std::size_t(d)] * vectors[j * std::size_t(dim) + std::size_t(d)];
            others.emplace_back(-dot, j);  // ascending: most similar first; ties by index
            sameLabel += labels[j] == labels[i];
        }
        if (others.empty()) continue;
        const std::size_t take = std::min(others.size(), std::size_t(k));
        std::partial_sort(others.begin(), others.begin() + std::ptrdiff_t(take), others.end());
        int agreeing = 0;
        for (std::size_t r = 0; r < take; ++r) agreeing += labels[others[r].second] == labels[i];
        agreement += double(agreeing) / double(take);
        chance += double(sameLabel) / double(others.size());
        ++out.items;
    }
    if (out.items > 0) {
        out.agreement = agreement / out.items;
        out.chance = chance / out.items;
    }
    return out;
}

}  // namespace medq::loop
