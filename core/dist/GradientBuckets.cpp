// ATen before any Qt header: Qt's `slots` macro breaks ATen's ivalue_inl.h.
#include <ATen/ATen.h>

#include "dist/GradientBuckets.h"

#include "dist/TensorCollectives.h"

#include <memory>

namespace medq::dist {
namespace {

struct Bucket {
    std::vector<at::Tensor> gradients;
    at::Tensor flat;
    std::unique_ptr<PendingCollective> pending;
};

// Sums every trainable parameter's gradient over the ranks in buckets, then multiplies it by
// `scale` (1: the sum; 1/N: the mean).
Result<int> reduceGradients(TensorCollectives& group, const std::vector<at::Tensor>& parameters, std::size_t bucketBytes,
                            double scale) {
    at::NoGradGuard noGrad;
    std::vector<Bucket> buckets;
    std::vector<at::Tensor> filling;
    std::size_t fillingBytes = 0;
    const auto send = [&]() -> Status {
        if (filling.empty()) return {};
        Bucket b;
        b.gradients = std::move(filling);
        b.flat = at::flatten_dense_tensors(b.gradients);
        auto pending = group.startAllReduce(b.flat, ReduceOp::Sum);
        if (!pending) return pending.error();
        b.pending = pending.take();
        buckets.push_back(std::move(b));
        filling.clear();
        fillingBytes = 0;
        return {};
    };
    for (const at::Tensor& constParameter : parameters) {
        at::Tensor parameter = constParameter;
        if (!parameter.requires_grad()) continue;
        if (!parameter.grad().defined()) parameter.mutable_grad() = at::zeros_like(parameter);
        const at::Tensor& gradient = parameter.grad();
        if (gradient.is_sparse())
            return Error{group.collectiveSubject(), QStringLiteral("sparse gradients cannot be averaged in buckets")};
        if (!at::isFloatingType(gradient.scalar_type()))
            return Error{group.collectiveSubject(), QStringLiteral("a gradient of dtype %1 cannot be averaged")
                                                        .arg(QLatin1String(c10::toString(gradient.scalar_type())))};
        if (!filling.empty() && (filling.front().scalar_type() != gradient.scalar_type() || fillingBytes >= bucketBytes))
            if (const Status s = send(); !s) return s.error();
        filling.push_back(gradient);
        fillingBytes += gradient.nbytes();
    }
    if (const Status s = send(); !s) return s.error();

    for (Bucket& b : buckets) {
        // Scale only once the sum is complete: the buffer is still being written until then.
        if (const Status s = b.pending->wait(); !s) return s.error();
        if (scale != 1.0) b.flat.mul_(scale);
        const std::vector<at::Tensor> averaged = at::unflatten_dense_tensors(b.flat, b.gradients);
        for (std::size_t i = 0; i < averaged.size(); ++i) b.gradients[i].copy_(averaged[i]);
    }
    return int(buckets.size());
}

}  // namespace

Result<int> averageGradients(TensorCollectives& group, const std::vector<at::Tensor>& parameters,
                             std::size_t bucketBytes) {
    return reduceGradients(group, parameters, bucketBytes, 1.0 / group.collectiveWorldSize());
}

Result<int> sumGradients(TensorCollectives& group, const std::vector<at::Tensor>& parameters, std::size_t bucketBytes) {
    return reduceGradients(group, parameters, bucketBytes, 1.0);
}

}  // namespace medq::dist
