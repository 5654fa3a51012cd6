#include "model/ImagePreprocessor.h"

#include <algorithm>
#include <cmath>

namespace medq::model {

std::vector<std::vector<float>> ImagePreprocessor::slicePlanes(const Image& image, int z) {
    const std::size_t n = image.pixelsPerSlice();
    std::vector<std::vector<float>> planes(std::size_t(image.channels), std::vector<float>(n));
    if (image.isRgb()) {
        for (std::size_t i = 0; i < n; ++i)
            for (int c = 0; c < 3; ++c)
                planes[c][i] = std::clamp(image.voxels[(std::size_t(z) * n + i) * 3 + c] / 255.0f, 0.0f, 1.0f);
        return planes;
    }
    // Same windowing as renderSlice (io/ImageRendering.cpp) so the model sees what a
    // reader sees on screen, including MONOCHROME1 inversion.
    const WindowPreset w = image.windows.empty() ? percentileWindow(image) : image.windows.front();
    const double lo = w.center - w.width / 2.0;
    const double scale = 1.0 / std::max(w.width, 1e-9);
    const bool invert = image.metadata.value(QStringLiteral("inverted")).toBool();
    for (std::size_t i = 0; i < n; ++i) {
        const float v = float(std::clamp((image.voxels[std::size_t(z) * n + i] - lo) * scale, 0.0, 1.0));
        planes[0][i] = invert ? 1.0f - v : v;
    }
    return planes;
}

Result<std::vector<float>> ImagePreprocessor::process(const Image& image) const {
    if (image.isEmpty() || image.width < 1 || image.height < 1)
        return Error{image.metadata.value("path").toString(), QStringLiteral("empty image")};
    if (image.channels != 1 && image.channels != 3)
        return Error{image.metadata.value("path").toString(),
                     QStringLiteral("%1 channels (expected 1 or 3)").arg(image.channels)};
    const int z = image.depth / 2;
    const auto planes = slicePlanes(image, z);

    // Fit the physical extent (pixels x spacing) into the square, keeping its aspect ratio.
    const double physW = image.width * std::max(image.geometry.spacing[0], 1e-6);
    const double physH = image.height * std::max(image.geometry.spacing[1], 1e-6);
    const double fit = m_size / std::max(physW, physH);
    const int outW = std::clamp(int(std::lround(physW * fit)), 1, m_size);
    const int outH = std::clamp(int(std::lround(physH * fit)), 1, m_size);
    const int offX = (m_size - outW) / 2;
    const int offY = (m_size - outH) / 2;
    const double sx = double(image.width) / outW;
    const double sy = double(image.height) / outH;

    // Bilinear with pixel-centre alignment (align_corners = false). No low-pass before
    // downsampling on purpose: averaging would hide the noise the model must judge.
    std::vector<float> out(std::size_t(floatsPerImage()), 0.0f);
    const std::size_t plane = std::size_t(m_size) * m_size;
    for (int y = 0; y < outH; ++y) {
        const double fy = std::clamp((y + 0.5) * sy - 0.5, 0.0, double(image.height - 1));
        const int y0 = int(fy), y1 = std::min(y0 + 1, image.height - 1);
        const float wy = float(fy - y0);
        for (int x = 0; x < outW; ++x) {
            const double fx = std::clamp((x + 0.5) * sx - 0.5, 0.0, double(image.width - 1));
            const int x0 = int(fx), x1 = std::min(x0 + 1, image.width - 1);
            const float wx = float(fx - x0);
            const std::size_t dst = std::size_t(offY + y) * m_size + std::size_t(offX + x);
            for (int c = 0; c < 3; ++c) {
                const auto& p = planes[std::size_t(image.isRgb() ? c : 0)];
                const float top = p[std::size_t(y0) * image.width + x0] * (1 - wx) + p[std::size_t(y0) * image.width + x1] * wx;
                const float bottom = p[std::size_t(y1) * image.width + x0] * (1 - wx) + p[std::size_t(y1) * image.width + x1] * wx;
                out[std::size_t(c) * plane + dst] = top * (1 - wy) + bottom * wy;
            }
        }
    }
    return out;
}

}  // namespace medq::model
