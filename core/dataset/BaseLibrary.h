#pragma once
// Clean base images per modality at the working size: real images from Debian packages
// (RealBaseCatalogue), procedural phantoms, and a site's own bases stored in its workspace
// (SiteBases).
#include "common/Result.h"
#include "dataset/RealBaseCatalogue.h"
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
    // The real bases (RealBaseCatalogue indices) whose file is on this machine, in index order.
    std::vector<int> installedBases(Modality modality);
    // base -1: the phantom for `seed`, -2: the varied phantom (generation 2); otherwise real
    // base `base`. Thread-safe, real bases cached.
    Result<Image> load(Modality modality, int base, std::uint64_t seed);

    // Real base `base` as its file gives it (its slice or crop), before fitting to the working
    // size: what SiteBaseCheck judges. Not cached.
    Result<Image> loadNative(Modality modality, int base);

    // A site base (SiteBaseFile `id` in `folder`, the workspace's blobs/bases). Cached.
    Result<Image> loadSite(const QString& folder, std::int64_t id);
    // A 2D image fitted into the square working size on its background, aspect kept.
    static Image fitToWorkingSize(const Image& image, Modality modality);

    // The source real base `base` was taken from ("package:file"; the slices of one volume and
    // the crops of one slide share it); empty for a phantom or an index past the catalogue.
    static QString sourceOf(Modality modality, int base);
    // The split that real base `base`'s source serves: SourceSplit over the catalogue's sources,
    // generation by generation (installed or not, so every machine agrees); nullopt for a phantom.
    std::optional<BenchmarkSplit> splitOf(Modality modality, int base);
    // The installed real bases whose source serves `split`, in base order.
    std::vector<int> basesFor(Modality modality, BenchmarkSplit split);
    // Seen (its source serves training), Unseen (another split) or Phantom (base < 0).
    SourceKind kindOf(Modality modality, int base);

private:
    static Result<Image> readNative(Modality modality, const RealBase& base, const QString& path);

    QMutex m_mutex;
    QHash<QString, Image> m_cache;
    QHash<int, std::vector<int>> m_installed;
    QHash<int, QMap<QString, BenchmarkSplit>> m_splits;
};

}  // namespace medq::dataset
