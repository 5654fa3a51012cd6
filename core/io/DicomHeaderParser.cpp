#include "io/DicomHeaderParser.h"

#include "io/internal/DicomBytes.h"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace medq {
namespace {

using namespace dicom_bytes;

// One pass over the buffer. Every step returns true to go on, false once the result is decided.
class HeaderWalk {
public:
    HeaderWalk(const unsigned char* data, std::size_t size, bool wholeFile)
        : m_data(data), m_size(data ? size : 0), m_wholeFile(wholeFile) {}

    DicomHeaderResult run() {
        std::size_t pos = 0;
        if (m_size >= kPreambleEnd && std::memcmp(m_data + 128, "DICM", 4) == 0) {
            pos = kPreambleEnd;
            if (!readMeta(pos)) return m_result;
        } else if (startsWithGroup(0x0002)) {
            if (!readMeta(pos)) return m_result;
        } else if (!startsWithGroup(0x0008)) {
            // No preamble and not little endian: ExplVR_BigEndNoMeta-style files.
            if (m_size >= 6 && m_data[0] == 0 && (m_data[1] == 0x02 || m_data[1] == 0x08) &&
                vrLength(vrCode(char(m_data[4]), char(m_data[5]))) != VrLength::Invalid)
                return finish(DicomHeaderParse::Unsupported, QStringLiteral("big-endian dataset without a preamble"));
            if (m_size < kPreambleEnd) {
                needMore(kPreambleEnd, QStringLiteral("the 128-byte preamble and \"DICM\""));
                return m_result;
            }
            return finish(DicomHeaderParse::Malformed,
                          QStringLiteral(
                              "not DICOM: no \"DICM\" at byte 128 and no group 0002 or 0008 element at the start"));
        }
        if (chooseSyntax(pos)) walkDataset(pos);
        return m_result;
    }

private:
    bool startsWithGroup(std::uint16_t group) const { return m_size >= 2 && le16(m_data) == group; }

    DicomHeaderResult finish(DicomHeaderParse status, QString problem) {
        stop(status, std::move(problem));
        return m_result;
    }
    bool stop(DicomHeaderParse status, QString problem = {}) {
        m_result.status = status;
        m_result.problem = std::move(problem);
        return false;
    }
    bool malformed(QString problem) { return stop(DicomHeaderParse::Malformed, std::move(problem)); }
    // The buffer ends inside `what`, which would end at byte `wanted`.
    bool needMore(std::uint64_t wanted, const QString& what) {
        if (m_wholeFile) return malformed(QStringLiteral("file ends inside %1").arg(what));
        m_result.wantedSize = std::size_t(wanted);
        return stop(DicomHeaderParse::NeedMoreData, QStringLiteral("buffer ends inside %1").arg(what));
    }

    // Group 0002 is explicit VR little endian whatever the dataset's syntax (PS3.10 7.1).
    bool readMeta(std::size_t& pos) {
        std::uint64_t groupEnd = 0;
        bool haveGroupEnd = false;
        for (;;) {
            if (haveGroupEnd && pos == groupEnd) break;
            if (m_size - pos < 2) return needMore(pos + 2, QStringLiteral("the meta header at byte %1").arg(pos));
            if (le16(m_data + pos) != 0x0002) break;
            ElementHeader e;
            std::size_t next = 0;
            if (!readElement(pos, true, e) || !skipValue(e, next)) return false;
            if (e.tag == kGroupLength && e.length == 4) {
                groupEnd = next + std::uint64_t(le32(m_data + e.value));
                haveGroupEnd = true;
            } else if (e.tag == kTransferSyntax) {
                m_transferSyntax = trimmedView(m_data + e.value, e.length);
                m_result.fields.transferSyntax = QString::fromLatin1(m_transferSyntax.data(),
                                                                     qsizetype(m_transferSyntax.size()));
            }
            pos = next;
            if (haveGroupEnd && pos > groupEnd)
                return malformed(QStringLiteral("meta element %1 at byte %2 runs past the group length")
                                     .arg(tagText(e.tag))
                                     .arg(e.offset));
        }
        if (haveGroupEnd && pos != groupEnd)
            return malformed(
                QStringLiteral("meta header ends at byte %1 but its group length says %2").arg(pos).arg(groupEnd));
        return true;
    }

    bool chooseSyntax(std::size_t pos) {
        const std::string_view ts = m_transferSyntax;
        if (ts.empty()) {
            // No meta header or no transfer syntax in it: explicit when the first element has a VR.
            if (m_size - pos < 6) return needMore(pos + 6, QStringLiteral("the first element at byte %1").arg(pos));
            m_explicitVr = le16(m_data + pos) != kDelimiterGroup &&
                           vrLength(vrCode(char(m_data[pos + 4]), char(m_data[pos + 5]))) != VrLength::Invalid;
        } else if (ts == "1.2.840.10008.1.2") {
            m_explicitVr = false;
        } else if (ts == "1.2.840.10008.1.2.2") {
            return stop(DicomHeaderParse::Unsupported,
                        QStringLiteral("explicit VR big endian (%1)").arg(m_result.fields.transferSyntax));
        } else if (ts == "1.2.840.10008.1.2.1.99" || ts == "1.2.840.10008.1.2.4.95") {
            return stop(DicomHeaderParse::Unsupported,
                        QStringLiteral("deflated dataset (%1)").arg(m_result.fields.transferSyntax));
        } else if (ts.substr(0, 18) == "1.2.840.10008.1.2.") {
            m_explicitVr = true;  // every other standard syntax, encapsulated ones included, is explicit LE
        } else {
            return stop(DicomHeaderParse::Unsupported,
                        QStringLiteral("non-standard transfer syntax %1").arg(m_result.fields.transferSyntax));
        }
        m_result.fields.explicitVr = m_explicitVr;
        return true;
    }

    bool readElement(std::size_t pos, bool explicitVr, ElementHeader& e) {
        e.offset = pos;
        if (m_size - pos < 8) return needMore(pos + 8, QStringLiteral("an element header at byte %1").arg(pos));
        const unsigned char* p = m_data + pos;
        e.tag = tagOf(le16(p), le16(p + 2));
        e.vr = 0;
        if (!explicitVr || (e.tag >> 16) == kDelimiterGroup) {  // items and delimiters never carry a VR
            e.length = le32(p + 4);
            e.value = pos + 8;
            return true;
        }
        e.vr = vrCode(char(p[4]), char(p[5]));
        switch (vrLength(e.vr)) {
        case VrLength::Short:
            e.length = le16(p + 6);
            e.value = pos + 8;
            return true;
        case VrLength::Long:
            if (m_size - pos < 12) return needMore(pos + 12, QStringLiteral("an element header at byte %1").arg(pos));
            e.length = le32(p + 8);
            e.value = pos + 12;
            return true;
        case VrLength::Invalid: break;
        }
        return malformed(QStringLiteral("unknown VR %1 in %2 at byte %3").arg(vrText(e.vr), tagText(e.tag)).arg(pos));
    }

    bool skipValue(const ElementHeader& e, std::size_t& next) {
        const std::uint64_t end = std::uint64_t(e.value) + e.length;
        if (end > m_size)
            return needMore(end, QStringLiteral("the value of %1 at byte %2").arg(tagText(e.tag)).arg(e.offset));
        next = std::size_t(end);
        return true;
    }

    static bool mayHaveUndefinedLength(const ElementHeader& e, bool explicitVr) {
        return !explicitVr || e.vr == kVrSQ || e.vr == kVrUN || e.vr == kVrOB || e.vr == kVrOW;
    }

    // An undefined-length sequence (or encapsulated value): items until (FFFE,E0DD).
    bool skipSequence(const ElementHeader& sq, bool explicitVr, int depth, std::size_t& pos) {
        if (depth > kMaxNesting)
            return malformed(
                QStringLiteral("sequences nested deeper than %1 at byte %2").arg(kMaxNesting).arg(sq.offset));
        // PS3.5 6.2.2: an undefined-length UN holds its items in implicit VR little endian.
        const bool itemsExplicit = explicitVr && sq.vr != kVrUN;
        pos = sq.value;
        for (;;) {
            if (m_size - pos < 8)
                return needMore(pos + 8,
                                QStringLiteral("sequence %1 from byte %2").arg(tagText(sq.tag)).arg(sq.offset));
            const std::uint32_t tag = tagOf(le16(m_data + pos), le16(m_data + pos + 2));
            const std::uint32_t length = le32(m_data + pos + 4);
            if (tag == kSequenceEnd) {
                if (length != 0)
                    return malformed(
                        QStringLiteral("sequence delimiter with length %1 at byte %2").arg(length).arg(pos));
                pos += 8;
                return true;
            }
            if (tag != kItem)
                return malformed(QStringLiteral("%1 at byte %2 where an item of %3 was expected")
                                     .arg(tagText(tag))
                                     .arg(pos)
                                     .arg(tagText(sq.tag)));
            if (length == kUndefinedLength) {
                pos += 8;
                if (!skipItem(pos, itemsExplicit, depth)) return false;
                continue;
            }
            if (length & 1) return malformed(QStringLiteral("odd item length %1 at byte %2").arg(length).arg(pos));
            const std::uint64_t end = std::uint64_t(pos) + 8 + length;
            if (end > m_size) return needMore(end, QStringLiteral("an item at byte %1").arg(pos));
            pos = std::size_t(end);
        }
    }

    // The elements of an undefined-length item, until (FFFE,E00D).
    bool skipItem(std::size_t& pos, bool explicitVr, int depth) {
        for (;;) {
            ElementHeader e;
            if (!readElement(pos, explicitVr, e)) return false;
            if (e.tag == kItemEnd) {
                if (e.length != 0)
                    return malformed(QStringLiteral("item delimiter with length %1 at byte %2").arg(e.length).arg(pos));
                pos = e.value;
                return true;
            }
            if ((e.tag >> 16) == kDelimiterGroup)
                return malformed(QStringLiteral("%1 inside an item at byte %2").arg(tagText(e.tag)).arg(pos));
            if (!skipElement(e, explicitVr, depth + 1, pos)) return false;
        }
    }

    bool skipElement(const ElementHeader& e, bool explicitVr, int depth, std::size_t& pos) {
        if (e.length == kUndefinedLength) {
            if (!mayHaveUndefinedLength(e, explicitVr))
                return malformed(QStringLiteral("undefined length on %1 with VR %2 at byte %3")
                                     .arg(tagText(e.tag), vrText(e.vr))
                                     .arg(e.offset));
            return skipSequence(e, explicitVr, depth, pos);
        }
        if (e.vr == kVrSQ && (e.length & 1))
            return malformed(QStringLiteral("odd sequence length %1 at byte %2").arg(e.length).arg(e.offset));
        return skipValue(e, pos);
    }

    bool idsKnown() const { return m_sawSop && m_sawSeries && m_sawModality; }

    // Tags ascend in a dataset (PS3.5 7.1), so passing (0028,0011) means rows and columns are
    // known; anything out of order goes to DCMTK rather than being guessed at.
    bool walkDataset(std::size_t pos) {
        std::uint32_t previous = 0;
        bool first = true;
        for (;;) {
            if (m_wholeFile && pos == m_size) return stop(DicomHeaderParse::Complete);
            ElementHeader e;
            if (!readElement(pos, m_explicitVr, e)) return false;
            if ((e.tag >> 16) == kDelimiterGroup)
                return malformed(QStringLiteral("%1 outside a sequence at byte %2").arg(tagText(e.tag)).arg(pos));
            if (!first && e.tag <= previous)
                return malformed(QStringLiteral("%1 at byte %2 follows %3: tags out of order")
                                     .arg(tagText(e.tag))
                                     .arg(pos)
                                     .arg(tagText(previous)));
            first = false;
            previous = e.tag;
            if (e.tag == kPixelData || (e.tag > kColumns && idsKnown())) return stop(DicomHeaderParse::Complete);
            if (isField(e.tag)) {
                if (e.length == kUndefinedLength)
                    return malformed(QStringLiteral("undefined length on %1 at byte %2").arg(tagText(e.tag)).arg(pos));
                if (!skipValue(e, pos) || !takeField(e)) return false;
                if (e.tag == kColumns && idsKnown()) return stop(DicomHeaderParse::Complete);
            } else if (!skipElement(e, m_explicitVr, 1, pos)) {
                return false;
            }
        }
    }

    static bool isField(std::uint32_t tag) {
        return tag == kSopInstanceUid || tag == kModality || tag == kSeriesInstanceUid || tag == kNumberOfFrames ||
               tag == kRows || tag == kColumns;
    }

    bool expectVr(const ElementHeader& e, std::uint16_t vr) {
        if (!m_explicitVr || e.vr == vr) return true;
        return stop(DicomHeaderParse::Unsupported, QStringLiteral("%1 at byte %2 has VR %3 instead of %4")
                                                       .arg(tagText(e.tag))
                                                       .arg(e.offset)
                                                       .arg(vrText(e.vr), vrText(vr)));
    }

    // As DicomReader reads it: the value up to a NUL, trimmed (its tagString).
    QString text(const ElementHeader& e) const {
        const unsigned char* p = m_data + e.value;
        return QString::fromLatin1(reinterpret_cast<const char*>(p), qsizetype(lengthBeforeNul(p, e.length))).trimmed();
    }

    // The value lies inside the buffer (skipValue checked it).
    bool takeField(const ElementHeader& e) {
        DicomHeaderFields& f = m_result.fields;
        switch (e.tag) {
        case kSopInstanceUid:
            if (!expectVr(e, kVrUI)) return false;
            f.sopInstanceUid = text(e);
            m_sawSop = true;
            return true;
        case kSeriesInstanceUid:
            if (!expectVr(e, kVrUI)) return false;
            f.seriesInstanceUid = text(e);
            m_sawSeries = true;
            return true;
        case kModality:
            if (!expectVr(e, kVrCS)) return false;
            f.modality = text(e);
            m_sawModality = true;
            return true;
        case kRows:
        case kColumns: {
            if (!expectVr(e, kVrUS)) return false;
            const int v = e.length >= 2 ? le16(m_data + e.value) : 0;
            (e.tag == kRows ? f.rows : f.columns) = v;
            return true;
        }
        case kNumberOfFrames: return expectVr(e, kVrIS) && takeFrames(e);
        default: return true;
        }
    }

    // NumberOfFrames is text; anything but a plain integer goes to DCMTK's own parsing.
    bool takeFrames(const ElementHeader& e) {
        const unsigned char* p = m_data + e.value;
        std::size_t n = lengthBeforeNul(p, e.length);
        if (const void* bs = std::memchr(p, '\\', n)) n = std::size_t(static_cast<const unsigned char*>(bs) - p);
        const std::string_view v = trimmedView(p, n);
        if (v.empty()) return true;  // no value: DicomReader keeps 1
        std::size_t i = (v[0] == '+' || v[0] == '-') ? 1 : 0;
        bool plain = i < v.size() && v.size() - i <= 10;
        std::int64_t value = 0;
        for (; plain && i < v.size(); ++i) {
            plain = v[i] >= '0' && v[i] <= '9';
            value = value * 10 + (v[i] - '0');
        }
        if (!plain || value > INT32_MAX)
            return stop(DicomHeaderParse::Unsupported, QStringLiteral("NumberOfFrames \"%1\" is not a plain integer")
                                                           .arg(QString::fromLatin1(v.data(), qsizetype(v.size()))));
        const bool negative = v[0] == '-';
        if (!negative && value > 0) m_result.fields.frames = int(value);
        return true;
    }

    const unsigned char* m_data;
    std::size_t m_size;
    bool m_wholeFile;
    DicomHeaderResult m_result;
    std::string_view m_transferSyntax;
    bool m_explicitVr = true;
    bool m_sawSop = false, m_sawSeries = false, m_sawModality = false;
};

}  // namespace

DicomHeaderResult DicomHeaderParser::parse(const unsigned char* data, std::size_t size, bool wholeFile) {
    return HeaderWalk(data, size, wholeFile).run();
}

}  // namespace medq
