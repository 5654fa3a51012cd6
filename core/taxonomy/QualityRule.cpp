#include "taxonomy/QualityRule.h"

#include <algorithm>

namespace medq {

namespace {

struct Counts {
    int mild = 0;
    int moderate = 0;
    int severe = 0;
};

Counts countSeverities(const std::vector<AttributeSeverity>& attributes) {
    Counts c;
    for (const auto& a : attributes) {
        if (a.severity == Severity::Mild) ++c.mild;
        else if (a.severity == Severity::Moderate) ++c.moderate;
        else if (a.severity == Severity::Severe) ++c.severe;
    }
    return c;
}

}  // namespace

QualityLevel QualityRule::level(const std::vector<AttributeSeverity>& attributes) {
    return levelForScore(score(attributes));
}

int QualityRule::score(const std::vector<AttributeSeverity>& attributes) {
    const Counts c = countSeverities(attributes);
    if (c.mild + c.moderate + c.severe == 0) return 5;
    if (c.severe == 0 && c.moderate == 0 && c.mild <= 2) return 4;
    if (c.severe == 0 && c.moderate <= 1) return 3;
    if ((c.severe == 1 && c.moderate == 0) || (c.severe == 0 && c.moderate == 2)) return 2;
    return 1;
}

QualityLevel QualityRule::levelForScore(int score) {
    if (score >= 5) return QualityLevel::Good;
    if (score >= 3) return QualityLevel::Usable;
    return QualityLevel::Reject;
}

Severity QualityRule::maxSeverity(const std::vector<AttributeSeverity>& attributes) {
    Severity top = Severity::None;
    for (const auto& a : attributes) top = std::max(top, a.severity);
    return top;
}

std::optional<AttributeSeverity> QualityRule::dominant(const std::vector<AttributeSeverity>& attributes) {
    const Severity top = maxSeverity(attributes);
    if (top == Severity::None) return std::nullopt;
    const auto n = std::count_if(attributes.begin(), attributes.end(),
                                 [&](const AttributeSeverity& a) { return a.severity == top; });
    if (n != 1) return std::nullopt;
    return *std::find_if(attributes.begin(), attributes.end(),
                         [&](const AttributeSeverity& a) { return a.severity == top; });
}

}  // namespace medq
