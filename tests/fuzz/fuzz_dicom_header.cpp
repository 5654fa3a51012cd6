// libFuzzer harness: the fast DICOM header parser on raw bytes (no file, no DCMTK). Besides not
// crashing, a Complete answer must not change when more of the file follows, and every other
// answer must say why.
#include "io/DicomHeaderParser.h"

#include <cstdint>
#include <cstdlib>

namespace {

bool sameFields(const medq::DicomHeaderFields& a, const medq::DicomHeaderFields& b) {
    return a.sopInstanceUid == b.sopInstanceUid && a.seriesInstanceUid == b.seriesInstanceUid &&
           a.modality == b.modality && a.rows == b.rows && a.columns == b.columns && a.frames == b.frames &&
           a.transferSyntax == b.transferSyntax;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using medq::DicomHeaderParse;
    using medq::DicomHeaderParser;
    const auto full = DicomHeaderParser::parse(data, size);
    const auto asFile = DicomHeaderParser::parse(data, size, true);
    const auto half = DicomHeaderParser::parse(data, size / 2);
    if (full.status != DicomHeaderParse::Complete && full.problem.isEmpty()) std::abort();
    if (asFile.status == DicomHeaderParse::NeedMoreData) std::abort();
    if (full.status == DicomHeaderParse::NeedMoreData && full.wantedSize <= size) std::abort();
    if (full.status == DicomHeaderParse::Complete &&
        (asFile.status != DicomHeaderParse::Complete || !sameFields(full.fields, asFile.fields)))
        std::abort();
    if (half.status == DicomHeaderParse::Complete &&
        (full.status != DicomHeaderParse::Complete || !sameFields(half.fields, full.fields)))
        std::abort();
    return 0;
}
