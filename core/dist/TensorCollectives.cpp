// ATen before any Qt header: Qt's `slots` macro breaks ATen's ivalue_inl.h.
#include <ATen/ATen.h>

#include "dist/TensorCollectives.h"

namespace medq::dist {

Status TensorCollectives::broadcast(std::vector<at::Tensor>& tensors, int root) {
    at::NoGradGuard noGrad;
    // Consecutive tensors of one dtype go as one flat buffer: one round trip each, not one
    // per tensor (a model has hundreds of small parameters).
    std::size_t begin = 0;
    while (begin < tensors.size()) {
        std::size_t end = begin + 1;
        while (end < tensors.size() && tensors[end].scalar_type() == tensors[begin].scalar_type()) ++end;
        if (end - begin == 1 && tensors[begin].is_contiguous()) {
            if (const Status s = broadcastTensor(tensors[begin], root); !s) return s;
        } else {
            const std::vector<at::Tensor> group(tensors.begin() + long(begin), tensors.begin() + long(end));
            at::Tensor flat = at::flatten_dense_tensors(group);
            if (const Status s = broadcastTensor(flat, root); !s) return s;
            const std::vector<at::Tensor> parts = at::unflatten_dense_tensors(flat, group);
            for (std::size_t i = 0; i < parts.size(); ++i) tensors[begin + i].copy_(parts[i]);
        }
        begin = end;
    }
    return {};
}

Status TensorCollectives::allReduce(at::Tensor& tensor, ReduceOp op) {
    auto pending = startAllReduce(tensor, op);
    if (!pending) return pending.error();
    return pending.value()->wait();
}

Status TensorCollectives::allReduceMean(at::Tensor& tensor) {
    if (!at::isFloatingType(tensor.scalar_type()))
        return Error{collectiveSubject(), QStringLiteral("the mean of an all-reduce needs a floating tensor, not %1")
                                    .arg(QLatin1String(c10::toString(tensor.scalar_type())))};
    if (const Status s = allReduce(tensor, ReduceOp::Sum); !s) return s;
    at::NoGradGuard noGrad;
    tensor.mul_(1.0 / collectiveWorldSize());
    return {};
}

}  // namespace medq::dist
