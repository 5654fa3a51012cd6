#include "eval/RubricScorer.h"

#include "taxonomy/QualityRule.h"

#include <cstdlib>

namespace medq::eval {
namespace {

std::vector<AttributeSeverity> asRecipe(const Findings& f) {
    std::vector<AttributeSeverity> out;
    for (auto it = f.present.begin(); it != f.present.end(); ++it) out.push_back({it.key(), it.value()});
    return out;
}

}  // namespace

train::RubricScore RubricScorer::score(const QString& candidate, const QString& reference, const QString& group,
                                       bool pair) const {
    const Modality m = modalityFromString(group).value_or(Modality::Other);
    return score(FindingExtractor::extract(candidate, m), FindingExtractor::extract(reference, m), pair);
}

train::RubricScore RubricScorer::score(const Findings& c, const Findings& r, bool pair) {
    train::RubricScore s;
    // Completeness: share of the reference's findings the candidate reports (any severity).
    // A clean reference is "covered" when the candidate reports no problem either.
    if (r.present.isEmpty()) {
        s.completeness = c.present.isEmpty() ? 2 : 1;
    } else {
        int covered = 0;
        for (auto it = r.present.begin(); it != r.present.end(); ++it) covered += c.present.contains(it.key());
        const double share = double(covered) / r.present.size();
        s.completeness = share >= 0.75 ? 2 : share > 0 ? 1 : 0;
    }
    // Preciseness: only clear contradictions count. Obvious: present vs stated absent (either
    // way). Minor: severity two levels apart (mild vs severe), or a finding the reference
    // does not mention at all.
    int obvious = 0, minor = 0;
    for (auto it = r.present.begin(); it != r.present.end(); ++it) {
        if (c.absent.contains(it.key())) ++obvious;
        else if (c.present.contains(it.key()) && std::abs(int(c.present.value(it.key())) - int(it.value())) >= 2) ++minor;
    }
    for (auto it = c.present.begin(); it != c.present.end(); ++it) {
        if (r.absent.contains(it.key())) ++obvious;
        else if (!r.present.contains(it.key())) ++minor;
    }
    s.preciseness = obvious > 0 ? 0 : minor > 0 ? 1 : 2;

    if (pair) {
        // Pairs: the stated preference must exist and agree with the reference's.
        s.consistency = !c.preference ? 0 : (c.present.isEmpty() && *c.preference != 0) ? 1 : 2;
        s.qualityAccuracy = (c.preference && r.preference && *c.preference == *r.preference) ? 2 : 0;
        return s;
    }
    // Consistency: the candidate's conclusion against the level its own findings imply.
    if (!c.conclusion) {
        s.consistency = 0;
    } else {
        const int implied = int(QualityRule::level(asRecipe(c)));
        const int diff = std::abs(implied - int(*c.conclusion));
        s.consistency = diff == 0 ? 2 : diff == 1 ? 1 : 0;
    }
    // Quality accuracy: ordinal reject < usable < good against the reference's conclusion.
    if (c.conclusion && r.conclusion) {
        const int diff = std::abs(int(*c.conclusion) - int(*r.conclusion));
        s.qualityAccuracy = diff == 0 ? 2 : diff == 1 ? 1 : 0;
    }
    return s;
}

}  // namespace medq::eval
