#include <torch/torch.h>

#include "train/DataParallel.h"

#include "dist/GradientBuckets.h"
#include "dist/Group.h"
#include "dist/TensorCollectives.h"

#include <stdexcept>

namespace medq::train {

namespace {

void throwIfFailed(const Status& status) {
    if (!status) throw std::runtime_error(status.error().message().toStdString());
}

}  // namespace

DataParallel::DataParallel(dist::Group* group) : m_group(group) {
    if (!group) return;
    m_rank = group->rank();
    m_worldSize = group->worldSize();
}

std::vector<std::size_t> DataParallel::shard(const std::vector<std::size_t>& batch, const std::vector<int>& imageOf) const {
    const Share share = shareOf(batch, imageOf);
    return {batch.begin() + std::ptrdiff_t(share.begin), batch.begin() + std::ptrdiff_t(share.end)};
}

DataParallel::Share DataParallel::shareOf(const std::vector<std::size_t>& batch, const std::vector<int>& imageOf) const {
    if (!distributed()) return {0, batch.size()};
    // Cut points at the ideal share boundaries, each moved forward to the next image start.
    const auto imageAt = [&](std::size_t position) {
        const std::size_t index = batch[position];
        return imageOf.empty() ? int(index) : imageOf[index];
    };
    const auto cut = [&](int rank) {
        std::size_t at = batch.size() * std::size_t(rank) / std::size_t(m_worldSize);
        while (at > 0 && at < batch.size() && imageAt(at) == imageAt(at - 1)) ++at;
        return at;
    };
    const std::size_t begin = cut(m_rank);
    return {begin, std::max(begin, cut(m_rank + 1))};
}

void DataParallel::sum(std::vector<double>& values) const {
    if (!distributed() || values.empty()) return;
    at::Tensor t = torch::tensor(values, torch::kFloat64);
    throwIfFailed(m_group->tensors().allReduce(t, dist::ReduceOp::Sum));
    const double* summed = t.data_ptr<double>();
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = summed[i];
}

void DataParallel::sumGradients(const std::vector<torch::Tensor>& parameters) const {
    if (!distributed()) return;
    const auto buckets = dist::sumGradients(m_group->tensors(), parameters);
    if (!buckets) throw std::runtime_error(buckets.error().message().toStdString());
}

void DataParallel::broadcastWeights(const std::vector<torch::Tensor>& parameters) const {
    if (!distributed()) return;
    torch::NoGradGuard noGrad;
    std::vector<at::Tensor> weights(parameters.begin(), parameters.end());
    throwIfFailed(m_group->tensors().broadcast(weights, 0));
}

}  // namespace medq::train
