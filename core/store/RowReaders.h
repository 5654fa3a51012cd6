#pragma once
// Internal to core/store: the column lists and row readers shared by the repositories and
// the export queries, so a record is read from SQL in one place only.
#include "store/Json.h"
#include "store/Records.h"
#include "store/SqliteConnection.h"

namespace medq::store::rows {

// A stored word as its enum; a word this version does not know is an error naming the column.
template <typename E>
E stored(const QString& text, const char* column) {
    if (const auto v = fromKey<E>(text)) return *v;
    throw StoreError(std::string(column) + ": unknown value '" + text.toStdString() + "' (expected one of " +
                     keyList<E>().toStdString() + ")");
}

constexpr const char* kTaskColumns =
    "id, image_id, second_image_id, kind, question_type, question, options, answer, split, created_at";

constexpr const char* kModelOutputColumns =
    "id, task_id, model_version, answer, distribution, entropy, draft_text, token_entropies, mean_token_entropy, "
    "created_at, draft_problem";

inline ModelOutputRecord readModelOutput(const Statement& s) {
    ModelOutputRecord o;
    o.id = s.columnInt(0);
    o.taskId = s.columnInt(1);
    o.modelVersion = s.columnText(2);
    o.answer = s.columnText(3);
    o.distribution = json::array(s.columnText(4));
    if (!s.columnIsNull(5)) o.entropy = s.columnDouble(5);
    o.draftText = s.columnText(6);
    o.tokenEntropies = json::array(s.columnText(7));
    if (!s.columnIsNull(8)) o.meanTokenEntropy = s.columnDouble(8);
    o.createdAt = s.columnText(9);
    if (!s.columnIsNull(10)) o.draftProblem = stored<DraftProblem>(s.columnText(10), "model_outputs.draft_problem");
    return o;
}

constexpr const char* kQueueItemColumns =
    "id, task_id, queue, round_id, prototype_id, uncertainty, reason, spot_check, is_gold, status, created_at, "
    "updated_at";

inline QueueItemRecord readQueueItem(const Statement& s) {
    QueueItemRecord q;
    q.id = s.columnInt(0);
    q.taskId = s.columnInt(1);
    q.queue = stored<Queue>(s.columnText(2), "queue_items.queue");
    q.roundId = s.columnOptionalInt(3);
    q.prototypeId = s.columnOptionalInt(4);
    if (!s.columnIsNull(5)) q.uncertainty = s.columnDouble(5);
    q.reason = s.columnText(6);
    q.spotCheck = s.columnInt(7) != 0;
    q.isGold = s.columnInt(8) != 0;
    q.status = stored<ItemStatus>(s.columnText(9), "queue_items.status");
    q.createdAt = s.columnText(10);
    q.updatedAt = s.columnText(11);
    return q;
}

inline TaskRecord readTask(const Statement& s) {
    TaskRecord t;
    t.id = s.columnInt(0);
    t.imageId = s.columnInt(1);
    t.secondImageId = s.columnOptionalInt(2);
    t.kind = stored<TaskKind>(s.columnText(3), "tasks.kind");
    t.questionType = stored<QuestionType>(s.columnText(4), "tasks.question_type");
    t.question = s.columnText(5);
    t.options = json::array(s.columnText(6));
    t.answer = s.columnText(7);
    t.split = s.columnText(8);
    t.createdAt = s.columnText(9);
    return t;
}

constexpr const char* kAnnotationColumns =
    "id, task_id, annotator, revision, parent_id, action, answer, text, labels, quality_level, time_spent_ms, "
    "created_at";

inline AnnotationRecord readAnnotation(const Statement& s) {
    AnnotationRecord a;
    a.id = s.columnInt(0);
    a.taskId = s.columnInt(1);
    a.annotator = s.columnText(2);
    a.revision = int(s.columnInt(3));
    a.parentId = s.columnOptionalInt(4);
    a.action = stored<AnnotationAction>(s.columnText(5), "annotations.action");
    a.answer = s.columnText(6);
    a.text = s.columnText(7);
    a.labels = json::object(s.columnText(8));
    a.qualityLevel = s.columnText(9);
    a.timeSpentMs = s.columnInt(10);
    a.createdAt = s.columnText(11);
    return a;
}

}  // namespace medq::store::rows
