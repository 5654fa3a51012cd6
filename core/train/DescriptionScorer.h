#pragma once
// The MedQ-Bench description rubric (completeness, preciseness, consistency, quality
// accuracy; 0-2 each, see docs/metrics.md). Implemented on the taxonomy's phrase banks
// outside core/train; the Evaluator only calls this interface.
#include <QString>

namespace medq::train {

struct RubricScore {
    int completeness = 0;     // share of the reference's low-level findings covered: 2 all, 1 part, 0 none
    int preciseness = 0;      // clear contradictions with the reference: 2 none, 1 minor, 0 obvious
    int consistency = 0;      // does the reasoning support the conclusion: 2 / 1 / 0
    int qualityAccuracy = 0;  // reject < usable < good: 2 exact, 1 one level off, 0 otherwise
                              // (pairs: 2 same preference, else 0)
    int total() const { return completeness + preciseness + consistency + qualityAccuracy; }
};

class DescriptionScorer {
public:
    virtual ~DescriptionScorer() = default;
    // group is the caller's group key (the modality); pair is true for a comparison of two images.
    virtual RubricScore score(const QString& candidate, const QString& reference, const QString& group,
                              bool pair) const = 0;
};

}  // namespace medq::train
