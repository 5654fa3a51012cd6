#pragma once
// PRIVATE to core/train's torch translation units (include <torch/torch.h> first): one
// rank's part in data-parallel training (docs/scale-out.md, "Data-parallel training"). Every
// rank steps through the same global batches; each takes a contiguous share of whole images,
// divides its loss by the whole batch's normalisers (summed over ranks before the forward
// pass), and after backward the gradients are summed over ranks in buckets: the gradient of
// the whole batch, as one process would compute it up to the order of float sums. Weights
// start equal (a broadcast from rank 0) and stay equal, since every rank applies the same
// gradients. Without a group (one process) every call leaves things as they are.
// A failed collective throws std::runtime_error naming the rank and the operation; the
// training run turns it into its error at that step.
#ifndef TORCH_VERSION_MAJOR
#error "train/DataParallel.h needs <torch/torch.h> included first"
#endif
#include <cstddef>
#include <vector>

namespace medq::dist {
class Group;
}

namespace medq::train {

class DataParallel {
public:
    explicit DataParallel(dist::Group* group = nullptr);

    bool distributed() const { return m_worldSize > 1; }
    int rank() const { return m_rank; }
    int worldSize() const { return m_worldSize; }

    // This rank's share of `batch` (indices into a run's examples): a contiguous slice cut
    // only between images (`imageOf[index]`, the example's image group; empty: every index
    // its own), about batch.size() / worldSize examples each. An image's questions stay on
    // one rank, so its attribute loss counts once, as in one process. A rank may get none
    // when the batch has fewer images than there are ranks.
    std::vector<std::size_t> shard(const std::vector<std::size_t>& batch, const std::vector<int>& imageOf = {}) const;
    // Where that share lies in `batch`: positions [begin, end).
    struct Share {
        std::size_t begin = 0, end = 0;
    };
    Share shareOf(const std::vector<std::size_t>& batch, const std::vector<int>& imageOf = {}) const;
    // Replaces each value by its sum over the ranks (one all-reduce of doubles).
    void sum(std::vector<double>& values) const;
    // Replaces every trainable parameter's gradient by its sum over the ranks.
    void sumGradients(const std::vector<torch::Tensor>& parameters) const;
    // Makes every rank's weights rank 0's.
    void broadcastWeights(const std::vector<torch::Tensor>& parameters) const;

private:
    dist::Group* m_group = nullptr;
    int m_rank = 0, m_worldSize = 1;
};

}  // namespace medq::train
