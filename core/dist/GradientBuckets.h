#pragma once
// Data-parallel training's gradient exchange: after backward() on every rank, the mean of
// the gradients over ranks, in buckets (one flattened buffer of one dtype, about
// `bucketBytes` each) so that a model's hundreds of small tensors cost a few round trips.
// For torch translation units (includes ATen).
#include "common/Result.h"

#include <ATen/core/Tensor.h>
#include <cstddef>
#include <vector>

namespace medq::dist {

class TensorCollectives;

// Keep it fixed across a run: the bucket layout changes the order of float sums, so results
// differ in the last bits between bucket sizes (and between world sizes).
constexpr std::size_t kDefaultBucketBytes = std::size_t(16) << 20;

// Replaces the gradient of every parameter that requires one by its mean over the group's
// ranks. A parameter without a gradient this step (a branch unused on this rank) counts as
// zeros, and gets them, so every rank sends the same layout; frozen parameters are left
// alone. All buckets are in flight at once and each is scaled only after its all-reduce
// has finished. Returns the number of buckets. Every rank must pass the same parameters in
// the same order.
Result<int> averageGradients(TensorCollectives& group, const std::vector<at::Tensor>& parameters,
                             std::size_t bucketBytes = kDefaultBucketBytes);
// The same with the sum over ranks instead of the mean: for a loss each rank has already
// divided by the whole batch's normaliser (train::DataParallel), the sum is the gradient of
// the whole batch.
Result<int> sumGradients(TensorCollectives& group, const std::vector<at::Tensor>& parameters,
                         std::size_t bucketBytes = kDefaultBucketBytes);

}  // namespace medq::dist
