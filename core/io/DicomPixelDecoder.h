#pragma once
// Internal to core/io: turns the pixel data of a loaded DCMTK dataset into float voxels
// (bit masking, sign extension, colour models, rescale slope/intercept).
#include "common/Result.h"
#include "io/Image.h"

class DcmDataset;

namespace medq::detail {

// Registers DCMTK's JPEG, JPEG-LS and RLE decoders once per process.
void registerDicomCodecs();

// Decodes all frames of `dataset` into `image` (width/height/depth/channels and voxels).
// `path` is only used in error messages.
Status decodeDicomPixels(DcmDataset& dataset, const QString& path, Image& image);

}  // namespace medq::detail
