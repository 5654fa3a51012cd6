#pragma once
// What is true about one synthesised image: modality, present attributes and overall quality.
#include "io/Modality.h"
#include "taxonomy/Severity.h"

#include <optional>
#include <vector>

namespace medq::synth {

// Ground truth of one image, normalised: only present attributes, in taxonomy order, with the
// level and score of QualityRule.
struct GroundTruth {
    Modality modality = Modality::Other;
    std::vector<AttributeSeverity> attributes;
    QualityLevel level = QualityLevel::Good;
    int score = 5;

    // Drops None entries, orders by taxonomy, computes level and score.
    static GroundTruth from(Modality modality, std::vector<AttributeSeverity> attributes);

    Severity severityOf(const QString& key) const;
    bool has(const QString& key) const { return severityOf(key) != Severity::None; }
    Severity maxSeverity() const;
    // The single most severe attribute (QualityRule::dominant).
    std::optional<AttributeSeverity> dominant() const;
};

}  // namespace medq::synth
