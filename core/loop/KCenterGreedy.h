#pragma once
// k-center greedy (Sener & Savarese, "Active Learning for Convolutional Neural Networks: A
// Core-Set Approach", ICLR 2018): the diversity baseline of the sample-efficiency comparison.
// Each pick is the candidate farthest from everything labelled or picked before it, so the
// labelled set covers the pool's embedding space with the smallest radius it can greedily.
#include <cstddef>
#include <vector>

namespace medq::loop {

struct KCenterPick {
    std::size_t candidate = 0;  // row in the candidates
    double distance = 0;        // to the nearest centre when it was picked (1 - cosine)
};

// `candidates` and `centres`: row-major, `dim` floats each, L2-normalised (distance is
// 1 - cosine). With no centre the first pick is candidate 0. Stops early when every
// remaining candidate coincides with a centre (distance 0).
std::vector<KCenterPick> kCenterGreedy(const std::vector<float>& candidates, const std::vector<float>& centres, int dim,
                                       int count);

}  // namespace medq::loop
