#pragma once
// Where a submission is checked: what an annotation must hold before it is stored. A
// perception task needs an answer unless the image is flagged unreadable; a description
// needs the overall quality unless the image carries a flag (unreadable, wrong modality,
// PHI visible). The workstation's panel, AnnotationSession::submit and the headless
// annotator all apply these rules.
#include "annotate/AnnotationState.h"
#include "common/Result.h"
#include "store/Records.h"

namespace medq::annotate {

enum class SubmissionGap {
    None,
    Answer,   // a perception task without an answer (and not flagged unreadable)
    Quality,  // a description without the overall quality (and no flag)
};

class SubmissionRules {
public:
    // What is missing for `task`, or None when `state` may be submitted.
    static SubmissionGap gap(const store::TaskRecord& task, const AnnotationState& state);
    // Ok, or an error naming the task and what is missing (for the CLI and logs; the GUI
    // words the gap with its shortcuts).
    static Status check(const store::TaskRecord& task, const AnnotationState& state);
};

}  // namespace medq::annotate
