#pragma once
// Reference descriptions written from ground truth, in several phrasings chosen by seed.
#include "synth/GroundTruth.h"

#include <QString>
#include <cstdint>

namespace medq::synth {

// Writes MedQ-Bench style quality descriptions. Findings come from the taxonomy's phrase banks
// (most severe first); a reasoning sentence supports the conclusion (consistency criterion);
// single images end with "Overall, the quality of this image is <level>." and pairs with which
// image is better. Different seeds give different sentence frames and phrasings.
class DescriptionWriter {
public:
    static QString describe(const GroundTruth& truth, std::uint64_t seed);
    static QString compare(const GroundTruth& first, const GroundTruth& second, std::uint64_t seed);
    // "Overall, the quality of this image is usable."
    static QString conclusion(QualityLevel level);
    // "Overall, the first image has better quality." / "... the two images have similar quality."
    static QString pairConclusion(const GroundTruth& first, const GroundTruth& second);
};

}  // namespace medq::synth
