#pragma once
// Internal to core/io: JPEG 2000 codestreams (DICOM transfer syntaxes 1.2.840.10008.1.2.4.90,
// .91 and HTJ2K .201-.203) decoded with OpenJPEG, since Debian's DCMTK has no JPEG 2000 codec.
#include "common/Result.h"

#include <cstdint>
#include <vector>

namespace medq::detail {

struct Jpeg2000Frame {
    int width = 0, height = 0, components = 0;
    int precision = 0;    // bits per sample of the first component
    std::vector<std::int32_t> samples;  // interleaved: (y * width + x) * components + c
};

// Decodes one codestream (raw J2K, or wrapped in a JP2 box structure) of the size the DICOM
// header declares: a codestream claiming another size is refused before anything is
// allocated for its pixels.
Result<Jpeg2000Frame> decodeJpeg2000(const std::uint8_t* data, std::size_t size, int width, int height, int components);

// Whether `transferSyntaxUid` is a JPEG 2000 family syntax this decoder reads.
bool isJpeg2000Syntax(const char* transferSyntaxUid);

}  // namespace medq::detail
