#include "annotate/SubmissionRules.h"

namespace medq::annotate {

SubmissionGap SubmissionRules::gap(const store::TaskRecord& task, const AnnotationState& state) {
    switch (task.kind) {
    case TaskKind::Perception:
        if (state.answer.isEmpty() && !state.flags.contains(QStringLiteral("unreadable"))) return SubmissionGap::Answer;
        break;
    case TaskKind::Description:
        if (state.quality.isEmpty() && state.flags.isEmpty()) return SubmissionGap::Quality;
        break;
    }
    return SubmissionGap::None;
}

Status SubmissionRules::check(const store::TaskRecord& task, const AnnotationState& state) {
    const QString where = QStringLiteral("task %1").arg(task.id);
    switch (gap(task, state)) {
    case SubmissionGap::Answer: return Error{where, QStringLiteral("choose an answer or flag the image as unreadable")};
    case SubmissionGap::Quality: return Error{where, QStringLiteral("set the overall quality or flag the image")};
    case SubmissionGap::None: break;
    }
    return {};
}

}  // namespace medq::annotate
