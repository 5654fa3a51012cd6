#pragma once
// Small synthetic images for the model and training tests: a bright square, a noise field
// and a gradient, each with a little seeded variation, plus the matching questions.
#include "io/Image.h"
#include "model/ImagePreprocessor.h"

#include <QStringList>
#include <cstdint>
#include <vector>

namespace medq::testing {

enum class Pattern { Square = 0, Noise = 1, Gradient = 2 };

inline QString patternName(Pattern p) {
    static const QStringList names{QStringLiteral("square"), QStringLiteral("noise"), QStringLiteral("gradient")};
    return names[int(p)];
}

// A 48 x 40 grey image in [0, 1] with a [0, 1] window preset.
inline Image makePatternImage(Pattern pattern, std::uint32_t seed) {
    Image image(48, 40);
    image.windows.push_back({QStringLiteral("unit"), 0.5, 1.0});
    std::uint32_t state = seed * 2654435761u + 12345u;
    auto uniform = [&state] {
        state = state * 1664525u + 1013904223u;  // Numerical Recipes LCG: enough for test images
        return float(state >> 8) / float(1u << 24);
    };
    const int side = 12 + int(uniform() * 8);
    const int x0 = 4 + int(uniform() * 20), y0 = 4 + int(uniform() * 14);
    const bool flip = uniform() < 0.5f;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            float v = 0;
            switch (pattern) {
            case Pattern::Square: v = (x >= x0 && x < x0 + side && y >= y0 && y < y0 + side) ? 0.9f : 0.1f; break;
            case Pattern::Noise: v = uniform(); break;
            case Pattern::Gradient: v = flip ? 1.0f - float(x) / image.width : float(x) / image.width; break;
            }
            image.at(x, y) = v;
        }
    return image;
}

inline std::vector<float> patternPixels(Pattern pattern, std::uint32_t seed, int size) {
    return model::ImagePreprocessor(size).process(makePatternImage(pattern, seed)).take();
}

}  // namespace medq::testing
