#pragma once
// Pixels for any workspace image: imported files are read from disk (series as volumes),
// synthetic and pool items are rendered from the recipe stored with them.
#include "common/Result.h"
#include "io/Image.h"
#include "store/Records.h"

#include <QStringList>

namespace medq::dataset {

class ImageSource {
public:
    // `files` are the image's source files (ImageRepository::files); empty means record.path.
    static Result<Image> load(const store::ImageRecord& record, const QStringList& files = {});
    static bool isSynthetic(const store::ImageRecord& record);
};

}  // namespace medq::dataset
