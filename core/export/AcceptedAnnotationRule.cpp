#include "export/AcceptedAnnotationRule.h"

#include "taxonomy/Severity.h"

namespace medq::exports {

std::optional<store::AnnotationRecord> AcceptedAnnotationRule::forTask(
    const std::vector<store::AnnotationRecord>& revisions, std::optional<store::Id> gateAccepted, bool roundTask) {
    if (gateAccepted) {
        for (const auto& a : revisions) {
            if (a.id == *gateAccepted) return a;
        }
        return std::nullopt;
    }
    // Queued by a round but not (yet) accepted: pending, returned to an expert, or failed.
    if (roundTask || revisions.empty()) return std::nullopt;
    const store::AnnotationRecord* latest = &revisions.front();
    for (const auto& a : revisions) {
        if (a.id > latest->id) latest = &a;
    }
    return *latest;
}

std::optional<store::AnnotationRecord> AcceptedAnnotationRule::forImage(
    const std::vector<store::AnnotationRecord>& accepted) {
    const store::AnnotationRecord* best = nullptr;
    for (const auto& a : accepted) {
        if (!qualityLevelFromString(a.qualityLevel)) continue;
        if (!best || a.id > best->id) best = &a;
    }
    return best ? std::optional<store::AnnotationRecord>(*best) : std::nullopt;
}

}  // namespace medq::exports
