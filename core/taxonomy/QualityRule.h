#pragma once
// The one rule that turns a set of present attributes into an overall level and a 1-5 score.
//
// Level (MedQ-Bench's consistency criterion: many serious problems -> reject, minor -> usable,
// none -> good), counting only entries whose severity is not None:
//   good   : no attribute present;
//   usable : every present attribute is mild, or exactly one is moderate (with any number of mild);
//   reject : any severe attribute, or two or more moderate ones.
// Score (refines the level, so levelForScore(score(x)) == level(x)):
//   5 : good;
//   4 : usable with one or two mild attributes and nothing worse;
//   3 : any other usable (one moderate, or three or more mild);
//   2 : reject by exactly one severe attribute and no moderate, or by exactly two moderate and no severe;
//   1 : any other reject (two or more severe, severe with moderate, three or more moderate).
#include "taxonomy/Severity.h"

#include <array>
#include <optional>
#include <vector>

namespace medq {

// Overall quality level, score and dominant attribute of an attribute set.
class QualityRule {
public:
    static QualityLevel level(const std::vector<AttributeSeverity>& attributes);
    static int score(const std::vector<AttributeSeverity>& attributes);
    static QualityLevel levelForScore(int score);
    static Severity maxSeverity(const std::vector<AttributeSeverity>& attributes);
    // The single most severe present attribute; nullopt when none is present or when two or more
    // share the top severity (then "which artefact dominates?" has no single right answer).
    static std::optional<AttributeSeverity> dominant(const std::vector<AttributeSeverity>& attributes);
    // The level's distribution when each attribute's severity is uncertain: per attribute the
    // probabilities of none, mild, moderate and severe, taken as independent. Indexed by
    // QualityLevel (reject, usable, good). Exact: the rule depends only on how many attributes
    // are mild, moderate and severe, so the counts (capped where the rule stops telling them
    // apart) are summed over one attribute at a time.
    static std::array<double, 3> levelDistribution(const std::vector<std::array<double, 4>>& severityProbabilities);
};

}  // namespace medq
