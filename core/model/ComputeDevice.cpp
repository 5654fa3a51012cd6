#include <torch/torch.h>

#include "model/ComputeDevice.h"

#include <algorithm>
#include <chrono>

namespace medq::model {

bool cudaAvailable() { return torch::cuda::is_available(); }

QString computeDeviceName() {
    if (cudaAvailable()) return QStringLiteral("cuda:0 (%1 devices)").arg(torch::cuda::device_count());
    return QStringLiteral("cpu (%1 threads)").arg(torch::get_num_threads());
}

void setComputeThreads(int threads) {
    if (threads > 0 && torch::get_num_threads() != threads) torch::set_num_threads(threads);
}

int computeThreads() { return torch::get_num_threads(); }

double measureMatmulGflops(int n, int repeats) {
    torch::NoGradGuard noGrad;
    const auto a = torch::rand({n, n});
    const auto b = torch::rand({n, n});
    auto c = torch::mm(a, b);  // warm-up: thread pool and BLAS buffers
    double best = 1e30;
    for (int i = 0; i < std::max(1, repeats); ++i) {
        const auto start = std::chrono::steady_clock::now();
        c = torch::mm(a, b);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return 2.0 * double(n) * n * n / best / 1e9;
}

}  // namespace medq::model
