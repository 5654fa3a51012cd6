#pragma once
// Where the model runs and how fast this machine multiplies matrices.
#include <QString>

namespace medq::model {

// CUDA when libtorch sees a GPU at run time, else the CPU.
bool cudaAvailable();
// "cpu (2 threads)" or "cuda:0 (NVIDIA H100)" style, for logs, the CLI and benchmarks.
QString computeDeviceName();
// torch intra-op threads for CPU work (global to the process).
void setComputeThreads(int threads);
int computeThreads();
// GFLOP/s of an n x n fp32 matrix product on the CPU with the current thread count.
// Below ~50 means the reference BLAS is in use (~6 GFLOP/s; OpenBLAS gives ~260 on 2 cores,
// README "Measured"; installer/install-deps.sh installs it).
double measureMatmulGflops(int n = 1024, int repeats = 5);

}  // namespace medq::model
