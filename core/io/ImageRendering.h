#pragma once
// Turns an Image (or one slice of it) into an 8-bit QImage for thumbnails, sheets and reports.
#include "io/Image.h"

#include <QImage>

namespace medq {

// Grey images are mapped through `window` (the image's first preset when null); RGB is
// clamped to 0..255. `slice` < 0 picks the middle slice. MONOCHROME1 images are inverted.
QImage renderSlice(const Image& image, int slice = -1, const WindowPreset* window = nullptr);
// renderSlice scaled to fit in maxSide x maxSide, keeping the aspect ratio and pixel spacing.
QImage renderThumbnail(const Image& image, int maxSide);

}  // namespace medq
