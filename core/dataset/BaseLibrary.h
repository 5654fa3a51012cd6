#pragma once
// Clean base images per modality at the working size: real images from the installed
// sample packages (pydicom, nibabel, scikit-image data) and procedural phantoms.
#include "common/Result.h"
#include "io/Image.h"

#include <QHash>
#include <QMutex>
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

private:
    struct RealBase {
        QString path;
        int slice;  // for volumes; -1 = middle
        int cropX, cropY;  // top-left of a crop for large photographs (-1 = whole image)
    };
    static std::vector<RealBase> catalogue(Modality modality);
    Result<Image> loadReal(Modality modality, const RealBase& base);

    QMutex m_mutex;
    QHash<QString, Image> m_cache;
    QHash<int, std::vector<RealBase>> m_available;
};

}  // namespace medq::dataset
