#pragma once
// The MedQ-Bench description rubric computed from extracted findings (docs/metrics.md):
// completeness, preciseness, consistency and quality accuracy, 0-2 each.
#include "eval/FindingExtractor.h"
#include "train/DescriptionScorer.h"

namespace medq::eval {

class RubricScorer : public train::DescriptionScorer {
public:
    train::RubricScore score(const QString& candidate, const QString& reference, const QString& group,
                             bool pair) const override;
    // The same rubric on already extracted findings (used by tests and the quality gate).
    static train::RubricScore score(const Findings& candidate, const Findings& reference, bool pair);
};

}  // namespace medq::eval
