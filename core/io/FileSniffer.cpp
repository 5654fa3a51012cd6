#include "io/FileSniffer.h"

#include <QFile>
#include <cstring>

namespace medq {

FileFormat FileSniffer::detect(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return FileFormat::Unknown;
    return detect(f.read(352), path);
}

FileFormat FileSniffer::detect(const QByteArray& head, const QString& path) {
    const auto* b = reinterpret_cast<const unsigned char*>(head.constData());
    const int n = head.size();
    const QString lower = path.toLower();

    if (n >= 132 && std::memcmp(b + 128, "DICM", 4) == 0) return FileFormat::Dicom;
    if (n >= 348) {
        std::int32_t sizeofHdr = 0;
        std::memcpy(&sizeofHdr, b, 4);
        const std::int32_t swapped = std::int32_t(__builtin_bswap32(std::uint32_t(sizeofHdr)));
        if ((sizeofHdr == 348 || swapped == 348) &&
            (std::memcmp(b + 344, "n+1", 4) == 0 || std::memcmp(b + 344, "ni1", 4) == 0 ||
             lower.endsWith(QLatin1String(".hdr"))))
            return FileFormat::Nifti;
        if ((sizeofHdr == 540 || swapped == 540) &&
            (std::memcmp(b + 4, "n+2", 4) == 0 || std::memcmp(b + 4, "ni2", 4) == 0))
            return FileFormat::Nifti;
    }
    if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b) {
        if (lower.endsWith(QLatin1String(".nii.gz")) || lower.endsWith(QLatin1String(".hdr.gz")))
            return FileFormat::Nifti;
        return FileFormat::Unknown;
    }
    if (n >= 6 && std::memcmp(b, "\x93NUMPY", 6) == 0) return FileFormat::Numpy;
    if (n >= 4 && std::memcmp(b, "PK\x03\x04", 4) == 0 && lower.endsWith(QLatin1String(".npz"))) return FileFormat::Numpy;
    if (n >= 8 && std::memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) return FileFormat::Raster;
    if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff) return FileFormat::Raster;
    if (n >= 4 && (std::memcmp(b, "II*\0", 4) == 0 || std::memcmp(b, "MM\0*", 4) == 0)) return FileFormat::Raster;
    if (n >= 2 && b[0] == 'B' && b[1] == 'M' && lower.endsWith(QLatin1String(".bmp"))) return FileFormat::Raster;
    // DICOM without the 128-byte preamble: starts with a group 0x0008 (or 0x0002) tag.
    if (n >= 8 && ((b[0] == 0x08 && b[1] == 0x00) || (b[0] == 0x02 && b[1] == 0x00)) && b[3] == 0x00)
        return FileFormat::Dicom;
    if (lower.endsWith(QLatin1String(".dcm"))) return FileFormat::Dicom;
    return FileFormat::Unknown;
}

QString FileSniffer::formatName(FileFormat f) {
    switch (f) {
    case FileFormat::Dicom: return QStringLiteral("DICOM");
    case FileFormat::Nifti: return QStringLiteral("NIfTI");
    case FileFormat::Raster: return QStringLiteral("raster image");
    case FileFormat::Numpy: return QStringLiteral("NumPy array");
    case FileFormat::Unknown: break;
    }
    return QStringLiteral("unknown");
}

}  // namespace medq
