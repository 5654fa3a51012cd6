#pragma once
// Tensor collectives of a dist::Group, for torch translation units only (this header
// includes ATen; the plain dist/Group.h does not). Every rank must make the same calls in
// the same order with tensors of the same shapes and dtypes, or the group hangs until its
// timeout or mixes up data (docs/scale-out.md). A .cpp that also uses <ATen/ATen.h> includes
// it before any Qt header (Qt's `slots` macro breaks ATen's ivalue_inl.h).
#include "common/Result.h"

#include <ATen/core/Tensor.h>
#include <memory>
#include <vector>

namespace medq::dist {

enum class ReduceOp { Sum, Min, Max };

// An all-reduce under way; wait() returns when its result is in the tensor.
class PendingCollective {
public:
    virtual ~PendingCollective() = default;
    virtual Status wait() = 0;
};

class TensorCollectives {
public:
    virtual ~TensorCollectives() = default;

    // The primitives, on one dense contiguous CPU tensor, in place.
    virtual Status broadcastTensor(at::Tensor& tensor, int root) = 0;
    virtual Result<std::unique_ptr<PendingCollective>> startAllReduce(at::Tensor& tensor, ReduceOp op) = 0;
    virtual int collectiveWorldSize() const = 0;
    virtual QString collectiveSubject() const = 0;  // "rank 1 of 3", as in Group::who()

    // Makes every rank's tensors equal to `root`'s, in place (consecutive tensors of one
    // dtype travel as one flattened buffer). Non-contiguous tensors are fine.
    Status broadcast(std::vector<at::Tensor>& tensors, int root);
    Status allReduce(at::Tensor& tensor, ReduceOp op = ReduceOp::Sum);
    // The mean over ranks of a floating tensor: a sum, then a scale (Gloo has no average).
    Status allReduceMean(at::Tensor& tensor);
};

}  // namespace medq::dist
