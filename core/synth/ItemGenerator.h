#pragma once
// Benchmark items from a degradation recipe: ground truth, reference description and perception
// questions whose answers follow from the ground truth.
#include "synth/PerceptionQuestion.h"

#include <cstdint>
#include <vector>

namespace medq::synth {

// One single-image item.
struct BenchmarkItem {
    GroundTruth truth;
    QString description;
    std::vector<PerceptionQuestion> questions;
};

// One image-pair item (MedQ-Bench "comparison").
struct PairItem {
    GroundTruth first;
    GroundTruth second;
    QString description;
    PerceptionQuestion question;
};

// Generates items deterministically from (modality, attributes, seed).
//
// Questions per image: a yes/no question for every present attribute (answer yes) and as many
// absent ones (answer no, at least one); a "what" question when one attribute strictly dominates
// (options: it plus absent distractors) or when the image is clean (answer "No obvious
// artefact"); a "how" question per present attribute and for one absent attribute (answer
// none); and an overall-quality "how" question. Options of "what" are shuffled by seed; ordinal
// options (severities, levels, yes/no) keep their natural order.
class ItemGenerator {
public:
    static BenchmarkItem generate(Modality modality, const std::vector<AttributeSeverity>& attributes,
                                  std::uint64_t seed);
    static PairItem compare(const GroundTruth& first, const GroundTruth& second, std::uint64_t seed);
};

}  // namespace medq::synth
