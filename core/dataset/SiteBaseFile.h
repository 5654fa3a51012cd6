#pragma once
// The pixels of one site base at the working size, kept in the workspace
// (blobs/bases/<id>.base) so that rendering never depends on the site's folder staying where
// it was: a header line of JSON (size, channels, modality, windows), then float32 voxels.
#include "common/Result.h"
#include "io/Image.h"

#include <QString>

namespace medq::store {
class Workspace;
}

namespace medq::dataset {

class SiteBaseFile {
public:
    static QString folderOf(const store::Workspace& ws);
    static QString path(const QString& folder, std::int64_t id);
    static Status write(const QString& path, const Image& image);
    static Result<Image> read(const QString& path);
};

}  // namespace medq::dataset
