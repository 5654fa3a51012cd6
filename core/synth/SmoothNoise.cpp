#include "synth/SmoothNoise.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

std::vector<float> SmoothNoise::field(int width, int height, double featureSize, int octaves, Random& random) {
    std::vector<float> out(std::size_t(width) * height, 0.0f);
    double amplitude = 1.0, total = 0.0, cell = std::max(2.0, featureSize);
    for (int o = 0; o < std::max(1, octaves); ++o) {
        const int gw = int(std::ceil(width / cell)) + 2;
        const int gh = int(std::ceil(height / cell)) + 2;
        std::vector<float> lattice(std::size_t(gw) * gh);
        for (auto& v : lattice) v = float(random.uniform(-1.0, 1.0));
        for (int y = 0; y < height; ++y) {
            const double gy = y / cell;
            const int iy = int(gy);
            double ty = gy - iy;
            ty = ty * ty * (3 - 2 * ty);  // smoothstep: continuous first derivative
            for (int x = 0; x < width; ++x) {
                const double gx = x / cell;
                const int ix = int(gx);
                double tx = gx - ix;
                tx = tx * tx * (3 - 2 * tx);
                auto L = [&](int a, int b) { return lattice[std::size_t(b) * gw + a]; };
                const double top = L(ix, iy) * (1 - tx) + L(ix + 1, iy) * tx;
                const double bottom = L(ix, iy + 1) * (1 - tx) + L(ix + 1, iy + 1) * tx;
                out[std::size_t(y) * width + x] += float(amplitude * (top * (1 - ty) + bottom * ty));
            }
        }
        total += amplitude;
        amplitude *= 0.5;
        cell = std::max(2.0, cell * 0.5);
    }
    double mean = 0;
    for (float v : out) mean += v;
    mean /= double(out.size());
    for (auto& v : out) v = float((v - mean) / total);
    return out;
}

}  // namespace medq::synth
