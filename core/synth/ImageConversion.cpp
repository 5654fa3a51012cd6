#include "synth/ImageConversion.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

QImage ImageConversion::toQImage(const Image& image, const WindowPreset* window, int z) {
    if (image.isEmpty()) return {};
    QImage out(image.width, image.height, QImage::Format_RGB888);
    if (image.channels == 3) {
        for (int y = 0; y < image.height; ++y) {
            uchar* line = out.scanLine(y);
            for (int x = 0; x < image.width; ++x)
                for (int c = 0; c < 3; ++c)
                    line[3 * x + c] = uchar(std::clamp(std::lround(image.at(x, y, z, c)), 0L, 255L));
        }
        return out;
    }
    WindowPreset w = window ? *window : image.windows.empty() ? percentileWindow(image) : image.windows.front();
    const double lo = w.center - w.width / 2.0, scale = 255.0 / std::max(w.width, 1e-9);
    for (int y = 0; y < image.height; ++y) {
        uchar* line = out.scanLine(y);
        for (int x = 0; x < image.width; ++x) {
            const uchar v = uchar(std::clamp(std::lround((image.at(x, y, z) - lo) * scale), 0L, 255L));
            line[3 * x] = line[3 * x + 1] = line[3 * x + 2] = v;
        }
    }
    return out;
}

Image ImageConversion::fromQImage(const QImage& picture, Modality modality, bool grey) {
    const QImage rgb = picture.convertToFormat(QImage::Format_RGB888);
    Image out(rgb.width(), rgb.height(), 1, grey ? 1 : 3);
    out.modality = modality;
    for (int y = 0; y < rgb.height(); ++y) {
        const uchar* line = rgb.constScanLine(y);
        for (int x = 0; x < rgb.width(); ++x) {
            if (grey) {
                // Rec. 601 luma, as 8-bit greyscale files are usually made.
                out.at(x, y) = float(0.299 * line[3 * x] + 0.587 * line[3 * x + 1] + 0.114 * line[3 * x + 2]);
            } else {
                for (int c = 0; c < 3; ++c) out.at(x, y, 0, c) = float(line[3 * x + c]);
            }
        }
    }
    addDefaultWindows(out);
    return out;
}

}  // namespace medq::synth
