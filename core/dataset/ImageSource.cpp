#include "dataset/ImageSource.h"

#include "dataset/SynthRenderer.h"
#include "io/ImageReader.h"

namespace medq::dataset {

bool ImageSource::isSynthetic(const store::ImageRecord& record) {
    return record.path.startsWith(QLatin1String("synth:"));
}

Result<Image> ImageSource::load(const store::ImageRecord& record, const QStringList& files,
                                const QString& siteBaseFolder) {
    if (isSynthetic(record)) {
        const auto recipe = SynthRecipe::fromText(record.metadata.value(QStringLiteral("recipe")).toString());
        if (!recipe) return Error{record.path, QStringLiteral("the stored recipe cannot be read")};
        return SynthRenderer::render(*recipe, siteBaseFolder);
    }
    const auto modality = modalityFromString(record.modality);
    if (files.size() > 1) return ImageReader::readDicomSeries(files, modality);
    return ImageReader::read(files.value(0, record.path), modality);
}

}  // namespace medq::dataset
