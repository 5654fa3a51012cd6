#pragma once
// Which annotation of a task, and then of an image, speaks for it in a DICOM export.
// A task a loop round queued counts only with the annotation its quality gate accepted
// (accepted_labels); a task no round queued (a site's own images, annotated in the
// workstation) has no gate, so its latest submitted revision counts. Of an image's tasks,
// the latest counted annotation with a quality level wins.
#include "store/Records.h"

#include <optional>
#include <vector>

namespace medq::exports {

// Picks the accepted annotation of a task and of an image.
class AcceptedAnnotationRule {
public:
    // `revisions`: the task's annotations, oldest first. `gateAccepted`: the annotation id
    // accepted_labels names for the task, if any. `roundTask`: a round queued the task.
    static std::optional<store::AnnotationRecord> forTask(const std::vector<store::AnnotationRecord>& revisions,
                                                          std::optional<store::Id> gateAccepted, bool roundTask);
    // Of the accepted annotations of one image's tasks, the latest with a known quality level.
    static std::optional<store::AnnotationRecord> forImage(const std::vector<store::AnnotationRecord>& accepted);
};

}  // namespace medq::exports
