#include "io/internal/DicomBytes.h"

#include <cstring>

namespace medq::dicom_bytes {

QString tagText(std::uint32_t tag) {
    return QStringLiteral("(%1,%2)")
        .arg(tag >> 16, 4, 16, QLatin1Char('0'))
        .arg(tag & 0xFFFF, 4, 16, QLatin1Char('0'))
        .toUpper();
}

QString vrText(std::uint16_t vr) {
    const char a = char(vr >> 8), b = char(vr & 0xFF);
    if (a >= 0x20 && a < 0x7F && b >= 0x20 && b < 0x7F)
        return QStringLiteral("'%1%2'").arg(QChar(QLatin1Char(a))).arg(QChar(QLatin1Char(b)));
    return QStringLiteral("0x%1").arg(vr, 4, 16, QLatin1Char('0'));
}

std::size_t lengthBeforeNul(const unsigned char* p, std::size_t n) {
    const void* nul = std::memchr(p, 0, n);
    return nul ? std::size_t(static_cast<const unsigned char*>(nul) - p) : n;
}

std::string_view trimmedView(const unsigned char* p, std::size_t n) {
    std::size_t begin = 0, end = lengthBeforeNul(p, n);
    while (begin < end && p[begin] == ' ') ++begin;
    while (end > begin && p[end - 1] == ' ') --end;
    return {reinterpret_cast<const char*>(p) + begin, end - begin};
}

}  // namespace medq::dicom_bytes
