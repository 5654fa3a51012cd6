#include "io/ImageRendering.h"

#include <algorithm>
#include <cmath>

namespace medq {

QImage renderSlice(const Image& image, int slice, const WindowPreset* window) {
    if (image.isEmpty()) return {};
    const int z = slice < 0 ? image.depth / 2 : std::min(slice, image.depth - 1);
    QImage out(image.width, image.height, image.isRgb() ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
    if (image.isRgb()) {
        for (int y = 0; y < image.height; ++y) {
            uchar* line = out.scanLine(y);
            const float* src = image.voxels.data() + image.index(0, y, z);
            for (int i = 0; i < image.width * 3; ++i)
                line[i] = std::isnan(src[i]) ? 0 : uchar(std::clamp(src[i], 0.0f, 255.0f) + 0.5f);
        }
        return out;
    }
    WindowPreset w = window ? *window : (image.windows.empty() ? percentileWindow(image) : image.windows.front());
    const double lo = w.center - w.width / 2.0;
    const double scale = 255.0 / std::max(w.width, 1e-9);
    const bool invert = image.metadata.value(QStringLiteral("inverted")).toBool();
    for (int y = 0; y < image.height; ++y) {
        uchar* line = out.scanLine(y);
        for (int x = 0; x < image.width; ++x) {
            double v = std::clamp((image.at(x, y, z) - lo) * scale, 0.0, 255.0);
            if (std::isnan(v)) v = 0.0;  // a NaN window or voxel must not reach the uchar cast (UB)
            line[x] = uchar((invert ? 255.0 - v : v) + 0.5);
        }
    }
    return out;
}

QImage renderThumbnail(const Image& image, int maxSide) {
    QImage full = renderSlice(image);
    if (full.isNull()) return full;
    // Respect anisotropic pixels so a thumbnail is not squashed.
    const double aspect = (image.height * image.geometry.spacing[1]) / (image.width * image.geometry.spacing[0]);
    int w = maxSide, h = int(std::lround(maxSide * aspect));
    if (h > maxSide) {
        h = maxSide;
        w = std::max(1, int(std::lround(maxSide / aspect)));
    }
    return full.scaled(std::max(1, w), std::max(1, h), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

}  // namespace medq
