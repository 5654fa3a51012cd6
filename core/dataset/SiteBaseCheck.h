#pragma once
// Whether an image is clean enough to serve as a base for synthetic degradations. A base
// that is already noisy or blurred would give items whose ground truth ("no noise") is
// wrong, so such files are refused with the measured reason. The measures are taken on the
// grey image at most kAnalysisSide pixels on its longer side (what the working size keeps).
#include "io/Image.h"

#include <QString>
#include <optional>

namespace medq::dataset {

struct SiteBaseMeasures {
    int width = 0, height = 0;
    double range = 0;      // 1st to 99th percentile of the grey values
    double noise = 0;      // noise sigma (robust, from the Laplacian-like residual) / range
    double sharpness = 0;  // fine detail (residual to a 1-pixel blur) / coarse detail (to a 4-pixel blur)
    int levels = 0;        // distinct grey values at full resolution, counted up to kMinLevels
};

class SiteBaseCheck {
public:
    static constexpr int kMinSide = 64;
    static constexpr int kAnalysisSide = 256;
    static constexpr double kMaxNoise = 0.06;
    static constexpr double kMinSharpness = 0.12;
    // Fewer distinct values than this is a mask, label map or test pattern, not an acquisition.
    static constexpr int kMinLevels = 16;

    static SiteBaseMeasures measure(const Image& image);  // a 2D image
    // Why `image` cannot be a base ("16x16 is smaller than 64 pixels on a side", "noisy: ..."),
    // or nullopt when it can.
    static std::optional<QString> refusal(const Image& image);
};

}  // namespace medq::dataset
