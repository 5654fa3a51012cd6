#pragma once
// NIfTI-1 and NIfTI-2 (.nii, .nii.gz, .hdr/.img) through nifticlib's nifti2_io.
#include "common/Result.h"
#include "io/Image.h"

namespace medq {

class NiftiReader {
public:
    // Reads the first 3D volume (4D series keep their volume count in metadata).
    // Applies scl_slope/scl_inter; rejects complex data and NaN/Inf voxels.
    static Result<Image> read(const QString& path);
};

}  // namespace medq
