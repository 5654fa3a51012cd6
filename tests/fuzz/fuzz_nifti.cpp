// libFuzzer harness: NIfTI-1/2 through nifticlib and our voxel conversion. Gzip inputs get a
// .nii.gz name because nifticlib decides on decompression by the file name.
#include "FuzzSupport.h"
#include "io/NiftiReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const QString plain = medq::fuzz::scratchPath(".nii");
    static const QString gzipped = medq::fuzz::scratchPath(".nii.gz");
    const bool gz = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    const QString& path = gz ? gzipped : plain;
    if (!medq::fuzz::writeScratch(path, data, size)) return 0;
    auto image = medq::NiftiReader::read(path);
    if (image.ok()) medq::fuzz::exerciseImage(image.value());
    return 0;
}
