#pragma once
// Conversion between Image and QImage: display rendering (grey through a window, RGB clipped)
// and loading photographs or 8-bit greyscale files as Images.
#include "io/Image.h"

#include <QImage>

namespace medq::synth {

// Image <-> QImage conversion for 2D slices.
class ImageConversion {
public:
    // Grey images go through `window` (centre/width), or the image's first window preset, or the
    // 1st-99th percentile window; RGB images are clipped to 0..255. Slice z of a volume.
    static QImage toQImage(const Image& image, const WindowPreset* window = nullptr, int z = 0);
    // An RGB (3-channel, 0..255) or grey (1-channel, 0..255) Image of the given modality.
    static Image fromQImage(const QImage& picture, Modality modality, bool grey = false);
};

}  // namespace medq::synth
