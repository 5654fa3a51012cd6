#pragma once
// A fast DICOM header parser for registering pool files: reads the grouping fields from a
// file's first bytes (no DCMTK, no allocation beyond the returned strings). When it answers
// anything but Complete, DicomReader::readHeader is the complete fallback.
#include <QString>
#include <cstddef>

namespace medq {

// Top-level dataset fields, as DicomReader::readHeader would report them (absent: empty / 0 / 1).
struct DicomHeaderFields {
    QString sopInstanceUid;     // (0008,0018)
    QString seriesInstanceUid;  // (0020,000E)
    QString modality;           // (0008,0060), e.g. "CT", trimmed
    int rows = 0;               // (0028,0010), 0 if not reached
    int columns = 0;            // (0028,0011)
    int frames = 1;             // (0028,0008) NumberOfFrames (IS), 1 when absent
    QString transferSyntax;     // (0002,0010) trimmed, empty if no meta header
    bool explicitVr = true;     // how the dataset was read
};

enum class DicomHeaderParse { Complete, NeedMoreData, Unsupported, Malformed };

struct DicomHeaderResult {
    DicomHeaderParse status = DicomHeaderParse::Malformed;
    DicomHeaderFields fields;
    QString problem;  // why, when not Complete (names the byte offset and tag)
    // With NeedMoreData: a buffer size that gets past the element that ran out (0 if unknown).
    std::size_t wantedSize = 0;
};

class DicomHeaderParser {
public:
    // Parses a file's first `size` bytes. Complete once SOP instance UID, series UID and
    // modality are known and rows/columns are reached or passed (or pixel data (7FE0,0010) is
    // reached). NeedMoreData when the buffer ends before that; Unsupported for deflated,
    // big-endian or private transfer syntaxes; Malformed with a reason otherwise.
    // `wholeFile`: the buffer is the entire file, so a dataset that ends cleanly is Complete and
    // running out of bytes inside an element is Malformed.
    static DicomHeaderResult parse(const unsigned char* data, std::size_t size, bool wholeFile = false);
};

}  // namespace medq
