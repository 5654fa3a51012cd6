#include "assess/AssessGate.h"

namespace medq::assess {

GateResult AssessGate::decide(const AssessmentSummary& summary, std::optional<QualityLevel> failAt) {
    if (summary.assessed() == 0 && summary.unreadable() == 0) return GateResult::NothingFound;
    if (failAt && summary.countAtOrWorse(*failAt) > 0) return GateResult::Failed;
    return summary.unreadable() > 0 ? GateResult::SomeUnreadable : GateResult::Pass;
}

}  // namespace medq::assess
