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
    // `siteBaseFolder`: the workspace's site bases, for items rendered on them.
    static Result<Image> load(const store::ImageRecord& record, const QStringList& files = {},
                              const QString& siteBaseFolder = {});
    static bool isSynthetic(const store::ImageRecord& record);
};

}  // namespace medq::dataset
