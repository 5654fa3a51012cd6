#pragma once
// Clean base images per modality at the working size: real images from the installed
// sample packages (pydicom, nibabel, scikit-image data), procedural phantoms, and a site's
// own bases stored in its workspace (SiteBases).
#include "common/Result.h"
#include "dataset/SourceSplit.h"
#include "io/Image.h"

#include <QHash>
#include <QMutex>
#include <optional>
#include <vector>

namespace medq::dataset {

class BaseLibrary {
public:
    static constexpr int kWorkingSize = 256;

    static BaseLibrary& instance();
    // Number of real bases available for `modality` on this machine (phantoms are unlimited).
    int realBaseCount(Modality modality);
    // base -1: the phantom for `seed`; otherwise real base `base`. Thread-safe, cached.
    Result<Image> load(Modality modality, int base, std::uint64_t seed);

    // A site base (SiteBaseFile `id` in `folder`, the workspace's blobs/bases). Cached.
    Result<Image> loadSite(const QString& folder, std::int64_t id);
    // A 2D image fitted into the square working size on its background, aspect kept.
    static Image fitToWorkingSize(const Image& image, Modality modality);

    // The source real base `base` was taken from ("package:file"; the slices of one volume and
    // the crops of one slide share it); empty for a phantom or a base not installed.
    QString sourceOf(Modality modality, int base);
    // The split that real base `base`'s source serves (SourceSplit over the installed sources);
    // nullopt for a phantom or a base not installed.
    std::optional<BenchmarkSplit> splitOf(Modality modality, int base);
    // The installed real bases whose source serves `split`, in base order.
    std::vector<int> basesFor(Modality modality, BenchmarkSplit split);
    // Seen (its source serves training), Unseen (another split) or Phantom (base < 0).
    SourceKind kindOf(Modality modality, int base);

private:
    struct RealBase {
        QString source;  // "package:file"
        QString path;
        int slice;  // for volumes; -1 = middle
        int cropX, cropY;  // top-left of a crop for large photographs (-1 = whole image)
    };
    static std::vector<RealBase> catalogue(Modality modality);
    const std::vector<RealBase>& available(Modality modality);  // call with m_mutex held
    Result<Image> loadReal(Modality modality, const RealBase& base);

    QMutex m_mutex;
    QHash<QString, Image> m_cache;
    QHash<int, std::vector<RealBase>> m_available;
};

}  // namespace medq::dataset
