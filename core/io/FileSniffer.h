#pragma once
// Recognises an image file's format from its first bytes (and, for gzip, its name).
#include <QString>

namespace medq {

enum class FileFormat { Unknown, Dicom, Nifti, Raster };

class FileSniffer {
public:
    static FileFormat detect(const QString& path);
    static QString formatName(FileFormat f);
};

}  // namespace medq
