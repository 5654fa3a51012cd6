#pragma once
// One annotator working through queue items: opens an item with its image, model draft
// and any autosaved work, autosaves edits, and submits a revision (never overwriting).
// UI-free so the GUI and tests drive the same logic.
#include "annotate/AnnotationState.h"
#include "common/Result.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <optional>

namespace medq::annotate {

struct WorkItem {
    store::QueueItemRecord item;
    store::TaskRecord task;
    store::ImageRecord image;
    std::optional<store::ImageRecord> secondImage;    // comparison tasks
    std::optional<store::ModelOutputRecord> draft;    // the model's draft, if any
    AnnotationState initial;       // what the editor starts from
    bool restoredFromAutosave = false;
    std::int64_t priorTimeMs = 0;  // time spent in earlier sessions on this item
};

class AnnotationSession {
public:
    AnnotationSession(store::Workspace& ws, QString annotator, QString role);

    const QString& annotator() const { return m_annotator; }
    const QString& role() const { return m_role; }
    Result<WorkItem> open(store::Id queueItemId);
    const std::optional<WorkItem>& current() const { return m_current; }
    // Saves unsubmitted work (the GUI calls this within a second of each edit).
    Status autosave(const AnnotationState& state);
    // Stores a new annotation revision, closes the queue item and clears the draft, in one
    // transaction, if SubmissionRules let it. The action is Accept (draft unchanged), Edit
    // (draft changed) or Full.
    Result<store::AnnotationRecord> submit(const AnnotationState& state);
    // Leaves the item pending for later; keeps the autosaved draft.
    Status skip();
    std::int64_t timeSpentMs() const;

    // The state a model draft implies (to detect Accept and as the editor's start).
    static AnnotationState stateFromDraft(const store::TaskRecord& task, const store::ModelOutputRecord& draft);

private:
    store::Workspace& m_ws;
    QString m_annotator;
    QString m_role;
    std::optional<WorkItem> m_current;
    QElapsedTimer m_clock;
};

}  // namespace medq::annotate
