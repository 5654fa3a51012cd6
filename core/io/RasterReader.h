#pragma once
// PNG, JPEG, TIFF (and other Qt image formats) for endoscopy, histopathology and fundus photos.
#include "common/Result.h"
#include "io/Image.h"

namespace medq {

class RasterReader {
public:
    // Grey images stay single-channel (16-bit values kept), colour becomes RGB 0..255.
    // `minSide` > 0: the reader needs only that many pixels on the longest side, so a large
    // photograph is decoded at a reduced size (JPEG scales while decoding) of at least twice that.
    static Result<Image> read(const QString& path, int minSide = 0);
};

}  // namespace medq
