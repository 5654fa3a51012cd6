#pragma once
// PNG, JPEG, TIFF (and other Qt image formats) for endoscopy, histopathology and fundus photos.
#include "common/Result.h"
#include "io/Image.h"

namespace medq {

class RasterReader {
public:
    // Grey images stay single-channel (16-bit values kept), colour becomes RGB 0..255.
    static Result<Image> read(const QString& path);
};

}  // namespace medq
