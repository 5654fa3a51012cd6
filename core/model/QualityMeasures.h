#pragma once
// Hand-made image-quality measures at (nearly) full resolution: noise, sharpness, natural-
// scene statistics, blockiness, contrast, tails, band energies, colour. Their ranking
// transfers to sources a network never saw; their level does not, so the model takes them
// standardised within each source (SourceStandardiser). See docs/unseen-sources.md.
#include "common/Result.h"
#include "io/Image.h"
#include "model/StructureMeasures.h"

#include <QStringList>
#include <vector>

namespace medq::model {

class QualityMeasures {
public:
    // Measures per image; the order of names() is the order of of()'s values.
    // The first 30 (noise, sharpness, natural-scene statistics, blockiness, contrast, tails,
    // band energies, saturation) and StructureMeasures' after them. A checkpoint records how
    // many it reads (ModelConfig::measureCount); those from before StructureMeasures read 30.
    static constexpr int kFirstGenerationCount = 30;
    static constexpr int kCount = kFirstGenerationCount + StructureMeasures::kCount;
    static const QStringList& names();

    // The middle slice, windowed as ImagePreprocessor does (grey) or divided by 255 (RGB),
    // box-averaged down to at most kMaxSide on its longer side. Fails on an empty image or
    // a channel count other than 1 or 3, naming the image's path.
    static Result<std::vector<float>> of(const Image& image);

    // The same from a grey slice in [0, 1] (and its RGB planes, or empty for grey images).
    static std::vector<float> ofPlanes(const std::vector<float>& grey, int width, int height,
                                       const std::vector<std::vector<float>>& rgb = {});

    static constexpr int kMaxSide = 512;
};

}  // namespace medq::model
