#include "synth/GroundTruth.h"

#include "taxonomy/QualityRule.h"
#include "taxonomy/Taxonomy.h"

#include <algorithm>

namespace medq::synth {

GroundTruth GroundTruth::from(Modality modality, std::vector<AttributeSeverity> attributes) {
    GroundTruth truth;
    truth.modality = modality;
    attributes.erase(std::remove_if(attributes.begin(), attributes.end(),
                                    [](const AttributeSeverity& a) { return a.severity == Severity::None; }),
                     attributes.end());
    const Taxonomy& taxonomy = Taxonomy::instance();
    std::stable_sort(attributes.begin(), attributes.end(), [&](const AttributeSeverity& l, const AttributeSeverity& r) {
        return taxonomy.indexOf(modality, l.key) < taxonomy.indexOf(modality, r.key);
    });
    truth.attributes = std::move(attributes);
    truth.level = QualityRule::level(truth.attributes);
    truth.score = QualityRule::score(truth.attributes);
    return truth;
}

Severity GroundTruth::severityOf(const QString& key) const {
    for (const auto& a : attributes)
        if (a.key == key) return a.severity;
    return Severity::None;
}

Severity GroundTruth::maxSeverity() const { return QualityRule::maxSeverity(attributes); }

std::optional<AttributeSeverity> GroundTruth::dominant() const { return QualityRule::dominant(attributes); }

}  // namespace medq::synth
