// libFuzzer harness: PNG/JPEG/TIFF through Qt's image readers and our conversion.
#include "FuzzSupport.h"
#include "io/RasterReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // No extension: Qt picks the decoder from the content, as for any imported photo.
    static const QString path = medq::fuzz::scratchPath(".img");
    if (!medq::fuzz::writeScratch(path, data, size)) return 0;
    auto image = medq::RasterReader::read(path);
    if (image.ok()) medq::fuzz::exerciseImage(image.value());
    return 0;
}
