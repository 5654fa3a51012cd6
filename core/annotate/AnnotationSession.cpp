#include "annotate/AnnotationSession.h"

#include "annotate/SubmissionRules.h"

namespace medq::annotate {

AnnotationSession::AnnotationSession(store::Workspace& ws, QString annotator, QString role)
    : m_ws(ws), m_annotator(std::move(annotator)), m_role(std::move(role)) {
    m_ws.annotations().ensureAnnotator(m_annotator, m_role);
}

AnnotationState AnnotationSession::stateFromDraft(const store::TaskRecord& task, const store::ModelOutputRecord& d) {
    AnnotationState s;
    s.answer = d.answer;
    s.text = task.kind == TaskKind::Description ? d.draftText : QString();
    // A draft description ends with "Overall, the quality of this image is X." (MedQ-Bench's
    // format, as synth/DescriptionWriter writes it).
    for (const char* level : {"reject", "usable", "good"}) {
        if (d.draftText.contains(QStringLiteral("quality of this image is %1").arg(QLatin1String(level)), Qt::CaseInsensitive))
            s.quality = QLatin1String(level);
    }
    return s;
}

Result<WorkItem> AnnotationSession::open(store::Id queueItemId) {
    try {
        auto item = m_ws.queues().get(queueItemId);
        if (!item) return Error{QStringLiteral("queue item %1").arg(queueItemId), QStringLiteral("not found")};
        auto task = m_ws.tasks().get(item->taskId);
        if (!task) return Error{QStringLiteral("task %1").arg(item->taskId), QStringLiteral("not found")};
        auto image = m_ws.images().get(task->imageId);
        if (!image) return Error{QStringLiteral("image %1").arg(task->imageId), QStringLiteral("not found")};
        WorkItem w;
        w.item = *item;
        w.task = *task;
        w.image = *image;
        if (task->secondImageId) w.secondImage = m_ws.images().get(*task->secondImageId);
        w.draft = m_ws.outputs().latestForTask(task->id);
        // A degenerate draft (DraftProblem) fills in nothing: the reader writes the item.
        if (w.draft && !w.draft->draftProblem) w.initial = stateFromDraft(*task, *w.draft);
        if (auto saved = m_ws.drafts().get(task->id, m_annotator)) {
            w.initial = AnnotationState::fromLabels(saved->labels, saved->answer, saved->text, saved->qualityLevel);
            w.restoredFromAutosave = true;
            w.priorTimeMs = saved->timeSpentMs;
        }
        m_current = w;
        m_clock.restart();
        return w;
    } catch (const store::StoreError& e) {
        return Error{QStringLiteral("workspace"), QString::fromUtf8(e.what())};
    }
}

std::int64_t AnnotationSession::timeSpentMs() const {
    if (!m_current) return 0;
    return m_current->priorTimeMs + (m_clock.isValid() ? m_clock.elapsed() : 0);
}

Status AnnotationSession::autosave(const AnnotationState& state) {
    if (!m_current) return Error{QString(), QStringLiteral("no item is open")};
    try {
        store::DraftRecord d;
        d.taskId = m_current->task.id;
        d.annotator = m_annotator;
        d.answer = state.answer;
        d.text = state.text;
        d.labels = state.toLabels();
        d.qualityLevel = state.quality;
        d.timeSpentMs = timeSpentMs();
        m_ws.drafts().save(d);
        return {};
    } catch (const store::StoreError& e) {
        return Error{QStringLiteral("autosave"), QString::fromUtf8(e.what())};
    }
}

Result<store::AnnotationRecord> AnnotationSession::submit(const AnnotationState& state) {
    if (!m_current) return Error{QString(), QStringLiteral("no item is open")};
    const WorkItem& w = *m_current;
    if (Status s = SubmissionRules::check(w.task, state); !s) return s.error();
    AnnotationAction action = AnnotationAction::Full;
    if (w.draft) action = state == stateFromDraft(w.task, *w.draft) ? AnnotationAction::Accept : AnnotationAction::Edit;
    try {
        store::Transaction tx(m_ws.db());
        store::AnnotationRecord a;
        a.taskId = w.task.id;
        a.annotator = m_annotator;
        a.action = action;
        a.answer = state.answer;
        a.text = state.text;
        a.labels = state.toLabels();
        a.qualityLevel = state.quality.isEmpty() ? QString() : state.quality;
        a.timeSpentMs = timeSpentMs();
        a = m_ws.annotations().submit(a);
        m_ws.queues().setStatus(w.item.id, ItemStatus::Done);
        m_ws.drafts().discard(w.task.id, m_annotator);
        m_ws.audit().append(m_annotator, QStringLiteral("annotation.submit"), QStringLiteral("annotations"), a.id,
                            QJsonObject{{"task", qint64(w.task.id)},
                                        {"action", key(action)},
                                        {"revision", a.revision}});
        tx.commit();
        m_current.reset();
        return a;
    } catch (const store::StoreError& e) {
        return Error{QStringLiteral("submit"), QString::fromUtf8(e.what())};
    }
}

Status AnnotationSession::skip() {
    if (!m_current) return {};
    m_current.reset();
    return {};
}

}  // namespace medq::annotate
