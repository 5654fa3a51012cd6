#include "train/TrainingOrder.h"

#include "common/Random.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <unordered_map>

namespace medq::train {

std::vector<std::size_t> epochOrder(std::size_t n, std::uint64_t seed, int epoch) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    // A splitmix64 stream per epoch, swapping with next % i: the order training has always
    // used, kept bit for bit so that runs and resumed runs stay comparable.
    std::uint64_t state = seed * 0x9E3779B97F4A7C15ULL + std::uint64_t(epoch) + 1;
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[Random::splitmix64(state) % i]);
    return order;
}

std::vector<int> imageGroups(const std::vector<TrainingExample>& examples) {
    std::unordered_map<std::uint64_t, int> ids;
    std::vector<int> out;
    for (const TrainingExample& e : examples) {
        // FNV-1a over a strided sample of the pixels: equal images give equal keys; a rare
        // collision only puts two images in one group.
        std::uint64_t h = 1469598103934665603ULL;
        for (const auto* v : {&e.image.first.values(), &e.image.second.values()})
            for (std::size_t i = 0; i < v->size(); i += 53) {
                std::uint32_t bits;
                std::memcpy(&bits, &(*v)[i], sizeof bits);
                h = (h ^ bits) * 1099511628211ULL;
            }
        out.push_back(ids.emplace(h, int(ids.size())).first->second);
    }
    return out;
}

std::vector<std::size_t> trainingOrder(const std::vector<int>& groups, bool byImage, std::uint64_t seed, int epoch) {
    if (!byImage) return epochOrder(groups.size(), seed, epoch);
    const int count = groups.empty() ? 0 : *std::max_element(groups.begin(), groups.end()) + 1;
    std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < groups.size(); ++i) members[std::size_t(groups[i])].push_back(i);
    std::vector<std::size_t> order;
    for (std::size_t g : epochOrder(std::size_t(count), seed, epoch))
        order.insert(order.end(), members[g].begin(), members[g].end());
    return order;
}

}  // namespace medq::train
