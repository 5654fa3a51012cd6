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

std::array<double, 3> QualityRule::levelDistribution(const std::vector<std::array<double, 4>>& severityProbabilities) {
    // The rule tells mild counts 0..2 from 3+, moderate 0..2 from 3+, severe 0, 1 and 2+.
    constexpr int kMild = 4, kModerate = 4, kSevere = 3;
    using Table = std::array<std::array<std::array<double, kSevere>, kModerate>, kMild>;
    Table p{};
    p[0][0][0] = 1.0;
    for (const auto& attribute : severityProbabilities) {
        Table next{};
        for (int mi = 0; mi < kMild; ++mi)
            for (int mo = 0; mo < kModerate; ++mo)
                for (int se = 0; se < kSevere; ++se) {
                    const double here = p[mi][mo][se];
                    if (here == 0) continue;
                    next[mi][mo][se] += here * attribute[0];
                    next[std::min(mi + 1, kMild - 1)][mo][se] += here * attribute[1];
                    next[mi][std::min(mo + 1, kModerate - 1)][se] += here * attribute[2];
                    next[mi][mo][std::min(se + 1, kSevere - 1)] += here * attribute[3];
                }
        p = next;
    }
    std::array<double, 3> out{};
    for (int mi = 0; mi < kMild; ++mi)
        for (int mo = 0; mo < kModerate; ++mo)
            for (int se = 0; se < kSevere; ++se) {
                std::vector<AttributeSeverity> counts;
                counts.insert(counts.end(), std::size_t(mi), {QString(), Severity::Mild});
                counts.insert(counts.end(), std::size_t(mo), {QString(), Severity::Moderate});
                counts.insert(counts.end(), std::size_t(se), {QString(), Severity::Severe});
                out[std::size_t(level(counts))] += p[mi][mo][se];
            }
    return out;
}

}  // namespace medq
