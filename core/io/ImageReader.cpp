#include "io/ImageReader.h"

#include "io/DicomReader.h"
#include "io/NiftiReader.h"
#include "io/NumpyReader.h"
#include "io/RasterReader.h"

#include <QFileInfo>
#include <QDir>
#include <QRegularExpression>

namespace medq {
namespace {

void resolveModality(Image& image, const QString& path, std::optional<Modality> override, FileFormat format) {
    if (override) {
        image.modality = *override;
    } else if (image.modality == Modality::Other) {
        if (auto hint = ImageReader::modalityFromPath(path)) {
            image.modality = *hint;
        } else if ((format == FileFormat::Nifti || format == FileFormat::Numpy) && !image.isRgb()) {
            image.modality = image.range().first < -500.0f ? Modality::CT : Modality::MRI;
        }
    }
    // CT presets depend on the final modality: recompute windows after an override.
    addDefaultWindows(image);
}

}  // namespace

std::optional<Modality> ImageReader::modalityFromPath(const QString& path) {
    // Whole words (split on non-letters) in the file name and its two parent folders.
    static const std::pair<const char*, Modality> words[] = {
        {"ct", Modality::CT}, {"cta", Modality::CT}, {"hu", Modality::CT},
        {"mr", Modality::MRI}, {"mri", Modality::MRI}, {"t1", Modality::MRI}, {"t1w", Modality::MRI},
        {"t2", Modality::MRI}, {"t2w", Modality::MRI}, {"flair", Modality::MRI}, {"dwi", Modality::MRI},
        {"bold", Modality::MRI}, {"anat", Modality::MRI}, {"anatomical", Modality::MRI}, {"func", Modality::MRI},
        {"functional", Modality::MRI},
        {"endoscopy", Modality::Endoscopy}, {"endo", Modality::Endoscopy}, {"colonoscopy", Modality::Endoscopy},
        {"gastroscopy", Modality::Endoscopy}, {"polyp", Modality::Endoscopy}, {"kvasir", Modality::Endoscopy},
        {"histopathology", Modality::Histopathology}, {"histology", Modality::Histopathology},
        {"pathology", Modality::Histopathology}, {"ihc", Modality::Histopathology}, {"he", Modality::Histopathology},
        {"wsi", Modality::Histopathology}, {"slide", Modality::Histopathology}, {"tissue", Modality::Histopathology},
        {"immunohistochemistry", Modality::Histopathology},
        {"fundus", Modality::Fundus}, {"retina", Modality::Fundus}, {"retinal", Modality::Fundus},
        {"microaneurysms", Modality::Fundus}, {"oct", Modality::Other},
    };
    const QFileInfo info(path);
    QStringList parts{info.completeBaseName(), info.dir().dirName()};
    static const QRegularExpression split(QStringLiteral("[^a-z0-9]+"));
    for (const QString& part : parts) {
        for (const QString& token : part.toLower().split(split, Qt::SkipEmptyParts)) {
            for (const auto& [word, modality] : words)
                if (token == QLatin1String(word)) return modality;
        }
    }
    return std::nullopt;
}

Result<Image> ImageReader::read(const QString& path, std::optional<Modality> override, int minSide) {
    const QFileInfo info(path);
    if (!info.exists()) return Error{path, QStringLiteral("file does not exist")};
    if (!info.isFile()) return Error{path, QStringLiteral("not a regular file")};
    if (info.size() == 0) return Error{path, QStringLiteral("empty file")};
    const FileFormat format = FileSniffer::detect(path);
    Result<Image> image = [&]() -> Result<Image> {
        switch (format) {
        case FileFormat::Dicom: return DicomReader::readFile(path);
        case FileFormat::Nifti: return NiftiReader::read(path);
        case FileFormat::Raster: return RasterReader::read(path, minSide);
        case FileFormat::Numpy: return NumpyReader::read(path);
        case FileFormat::Unknown: break;
        }
        return Error{path, QStringLiteral("unrecognised file format (wrong magic bytes)")};
    }();
    if (!image) return image;
    resolveModality(image.value(), path, override, format);
    image.value().metadata.insert(QStringLiteral("format"), FileSniffer::formatName(format));
    return image;
}

Result<Image> ImageReader::readDicomSeries(const QStringList& paths, std::optional<Modality> override) {
    Result<Image> image = DicomReader::readSeries(paths);
    if (!image) return image;
    resolveModality(image.value(), paths.value(0), override, FileFormat::Dicom);
    image.value().metadata.insert(QStringLiteral("format"), FileSniffer::formatName(FileFormat::Dicom));
    return image;
}

}  // namespace medq
