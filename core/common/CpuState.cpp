#include "common/CpuState.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

namespace medq::cpu {
namespace {
__attribute__((target("avx"))) void zeroUpper() { _mm256_zeroupper(); }
const bool g_hasAvx = __builtin_cpu_supports("avx");
}  // namespace

void clearUpperVectorState() {
    if (g_hasAvx) zeroUpper();
}

}  // namespace medq::cpu
#else
namespace medq::cpu {
void clearUpperVectorState() {}
}  // namespace medq::cpu
#endif
