#pragma once
// Sanity limits so a lying header cannot make a reader allocate unbounded memory.
#include <cstdint>

namespace medq::limits {

constexpr int kMaxDimension = 65536;                        // per axis
constexpr std::uint64_t kMaxVoxels = 1ull << 30;            // 1 Gi voxels (x channels)
constexpr std::uint64_t kMaxBytes = 4ull * 1024 * 1024 * 1024;  // 4 GiB of float voxels

// True when w*h*d*c is positive and within the limits above.
inline bool dimensionsAcceptable(std::int64_t w, std::int64_t h, std::int64_t d, std::int64_t c) {
    if (w <= 0 || h <= 0 || d <= 0 || c <= 0) return false;
    if (w > kMaxDimension || h > kMaxDimension || d > kMaxDimension || c > 4) return false;
    const std::uint64_t n = std::uint64_t(w) * std::uint64_t(h) * std::uint64_t(d) * std::uint64_t(c);
    return n <= kMaxVoxels && n * sizeof(float) <= kMaxBytes;
}

}  // namespace medq::limits
