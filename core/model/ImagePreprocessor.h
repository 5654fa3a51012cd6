#pragma once
// Turns a medq::Image into the model's input: 3 x size x size floats in [0, 1], CHW.
#include "common/Result.h"
#include "io/Image.h"

#include <vector>

namespace medq::model {

// Volumes give their middle slice; grey images go through their first window preset
// (a percentile window when they have none) to [0, 1] and are copied to three channels;
// RGB is divided by 255. The slice is resized bilinearly to fit size x size keeping its
// physical aspect ratio (pixel spacing), centred, and padded with 0.
class ImagePreprocessor {
public:
    explicit ImagePreprocessor(int size) : m_size(size) {}

    int size() const { return m_size; }
    int floatsPerImage() const { return 3 * m_size * m_size; }

    // Fails on an empty image or a channel count other than 1 or 3.
    Result<std::vector<float>> process(const Image& image) const;

    // Slice z as channel planes in [0, 1] at its own resolution, planes[c][y * width + x]:
    // grey through the window above (MONOCHROME1 inverted), RGB divided by 255.
    static std::vector<std::vector<float>> slicePlanes(const Image& image, int z);

private:
    int m_size;
};

}  // namespace medq::model
