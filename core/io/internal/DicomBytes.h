#pragma once
// PRIVATE to core/io: the byte-level vocabulary of a DICOM header walk (PS3.5): tags, value
// representations and their length fields, little-endian reads, and tags and VRs as text
// for error messages. Used by DicomHeaderParser.
#include <QString>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace medq::dicom_bytes {

constexpr std::uint32_t tagOf(std::uint16_t group, std::uint16_t element) {
    return std::uint32_t(group) << 16 | element;
}
inline constexpr std::uint32_t kGroupLength = tagOf(0x0002, 0x0000);
inline constexpr std::uint32_t kTransferSyntax = tagOf(0x0002, 0x0010);
inline constexpr std::uint32_t kSopInstanceUid = tagOf(0x0008, 0x0018);
inline constexpr std::uint32_t kModality = tagOf(0x0008, 0x0060);
inline constexpr std::uint32_t kSeriesInstanceUid = tagOf(0x0020, 0x000E);
inline constexpr std::uint32_t kNumberOfFrames = tagOf(0x0028, 0x0008);
inline constexpr std::uint32_t kRows = tagOf(0x0028, 0x0010);
inline constexpr std::uint32_t kColumns = tagOf(0x0028, 0x0011);
inline constexpr std::uint32_t kPixelData = tagOf(0x7FE0, 0x0010);
inline constexpr std::uint32_t kItem = tagOf(0xFFFE, 0xE000);
inline constexpr std::uint32_t kItemEnd = tagOf(0xFFFE, 0xE00D);
inline constexpr std::uint32_t kSequenceEnd = tagOf(0xFFFE, 0xE0DD);
inline constexpr std::uint16_t kDelimiterGroup = 0xFFFE;
inline constexpr std::uint32_t kUndefinedLength = 0xFFFFFFFFu;
inline constexpr int kMaxNesting = 16;
inline constexpr std::size_t kPreambleEnd = 132;  // 128-byte preamble + "DICM"

constexpr std::uint16_t vrCode(char a, char b) {
    return std::uint16_t(std::uint16_t(static_cast<unsigned char>(a)) << 8 | static_cast<unsigned char>(b));
}
inline constexpr std::uint16_t kVrUI = vrCode('U', 'I'), kVrCS = vrCode('C', 'S'), kVrUS = vrCode('U', 'S'),
                               kVrIS = vrCode('I', 'S'), kVrSQ = vrCode('S', 'Q'), kVrUN = vrCode('U', 'N'),
                               kVrOB = vrCode('O', 'B'), kVrOW = vrCode('O', 'W');

enum class VrLength { Invalid, Short, Long };

// PS3.5 7.1.2: these VRs have 2 reserved bytes and a 4-byte length; the others a 2-byte length.
inline constexpr std::string_view kShortLengthVrs = "AEASATCSDADSDTFLFDISLOLTPNSHSLSSSTTMUIULUS";
inline constexpr std::string_view kLongLengthVrs = "OBODOFOLOVOWSQSVUCUNURUTUV";

struct VrTable {
    VrLength kinds[26 * 26] = {};  // indexed by the two letters A..Z
};
constexpr VrTable makeVrTable() {
    VrTable t;
    for (std::size_t i = 0; i + 1 < kShortLengthVrs.size(); i += 2)
        t.kinds[(kShortLengthVrs[i] - 'A') * 26 + (kShortLengthVrs[i + 1] - 'A')] = VrLength::Short;
    for (std::size_t i = 0; i + 1 < kLongLengthVrs.size(); i += 2)
        t.kinds[(kLongLengthVrs[i] - 'A') * 26 + (kLongLengthVrs[i + 1] - 'A')] = VrLength::Long;
    return t;
}
inline constexpr VrTable kVrTable = makeVrTable();

inline VrLength vrLength(std::uint16_t vr) {
    const unsigned a = unsigned(vr >> 8) - 'A', b = unsigned(vr & 0xFF) - 'A';
    return a < 26 && b < 26 ? kVrTable.kinds[a * 26 + b] : VrLength::Invalid;
}

inline std::uint16_t le16(const unsigned char* p) { return std::uint16_t(p[0] | p[1] << 8); }
inline std::uint32_t le32(const unsigned char* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

// "(0008,0060)" for error messages.
QString tagText(std::uint32_t tag);
// "'CS'", or the code in hex when the two bytes are not printable.
QString vrText(std::uint16_t vr);
// A string value up to its first NUL: DicomReader hands DCMTK's value through c_str().
std::size_t lengthBeforeNul(const unsigned char* p, std::size_t n);
// The value up to its first NUL without leading and trailing spaces.
std::string_view trimmedView(const unsigned char* p, std::size_t n);

// One data element's header as the walk read it.
struct ElementHeader {
    std::uint32_t tag = 0;
    std::uint16_t vr = 0;  // the two VR characters; 0 in implicit VR and for item tags
    std::uint32_t length = 0;
    std::size_t offset = 0;  // of the tag
    std::size_t value = 0;   // of the value
};

}  // namespace medq::dicom_bytes
