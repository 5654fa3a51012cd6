#pragma once
// The QC gate of `medq assess`: which exit code a pipeline sees after a run.
#include "assess/AssessmentSummary.h"

#include <optional>

namespace medq::assess {

enum class GateResult {
    Pass = 0,            // every file assessed, none at the fail level
    NothingFound = 1,    // no image at all among the inputs (a usage error)
    Failed = 3,          // at least one image at the fail level or worse
    SomeUnreadable = 4,  // none at the fail level, but some files could not be assessed
};

class AssessGate {
public:
    // Failed wins over SomeUnreadable; files inside folders that are not images never count.
    static GateResult decide(const AssessmentSummary& summary, std::optional<QualityLevel> failAt);
};

}  // namespace medq::assess
