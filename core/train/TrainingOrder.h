#pragma once
// The order in which a training run visits its examples, epoch by epoch: deterministic for a
// seed (a resumed run replays it), examples at random or images at random with all their
// examples together.
#include "train/TrainingExample.h"

#include <cstdint>
#include <vector>

namespace medq::train {

// Fisher-Yates permutation of 0..n-1 for `epoch`, drawn from a splitmix64 stream
// (common/Random.h): the same on every platform.
std::vector<std::size_t> epochOrder(std::size_t n, std::uint64_t seed, int epoch);

// One group id per example: examples on the same image (same pixels) share it.
std::vector<int> imageGroups(const std::vector<TrainingExample>& examples);

// The epoch's order over examples: epochOrder of the examples, or (byImage) of the groups
// with each group's examples together in their original order.
std::vector<std::size_t> trainingOrder(const std::vector<int>& groups, bool byImage, std::uint64_t seed, int epoch);

}  // namespace medq::train
