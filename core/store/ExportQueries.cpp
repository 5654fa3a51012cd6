#include "store/ExportQueries.h"

#include "store/Json.h"

namespace medq::store {

std::vector<TaskRecord> ExportQueries::tasks(const QString& split) const {
    Statement s = m_db.prepare(
        "SELECT id, image_id, second_image_id, kind, question_type, question, options, answer, split, created_at "
        "FROM tasks WHERE ?1 = '' OR split = ?1 ORDER BY id");
    s.bind(1, split.isNull() ? QStringLiteral("") : split);
    std::vector<TaskRecord> out;
    while (s.step()) {
        TaskRecord t;
        t.id = s.columnInt(0);
        t.imageId = s.columnInt(1);
        t.secondImageId = s.columnOptionalInt(2);
        t.kind = s.columnText(3);
        t.questionType = s.columnText(4);
        t.question = s.columnText(5);
        t.options = json::array(s.columnText(6));
        t.answer = s.columnText(7);
        t.split = s.columnText(8);
        t.createdAt = s.columnText(9);
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<AnnotationRecord> ExportQueries::annotations(const QString& split) const {
    Statement s = m_db.prepare(
        "SELECT a.id, a.task_id, a.annotator, a.revision, a.parent_id, a.action, a.answer, a.text, a.labels, "
        "a.quality_level, a.time_spent_ms, a.created_at FROM annotations a JOIN tasks t ON t.id = a.task_id "
        "WHERE ?1 = '' OR t.split = ?1 ORDER BY a.id");
    s.bind(1, split.isNull() ? QStringLiteral("") : split);
    std::vector<AnnotationRecord> out;
    while (s.step()) {
        AnnotationRecord a;
        a.id = s.columnInt(0);
        a.taskId = s.columnInt(1);
        a.annotator = s.columnText(2);
        a.revision = int(s.columnInt(3));
        a.parentId = s.columnOptionalInt(4);
        a.action = s.columnText(5);
        a.answer = s.columnText(6);
        a.text = s.columnText(7);
        a.labels = json::object(s.columnText(8));
        a.qualityLevel = s.columnText(9);
        a.timeSpentMs = s.columnInt(10);
        a.createdAt = s.columnText(11);
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace medq::store
