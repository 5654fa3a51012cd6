#pragma once
// Recognises an image file's format from its first bytes (and, for gzip, its name).
#include <QByteArray>
#include <QString>

namespace medq {

enum class FileFormat { Unknown, Dicom, Nifti, Raster, Numpy };

class FileSniffer {
public:
    static FileFormat detect(const QString& path);
    // The same from a file's first bytes (at least 352 for NIfTI) already read by the caller.
    static FileFormat detect(const QByteArray& head, const QString& path);
    static QString formatName(FileFormat f);
};

}  // namespace medq
