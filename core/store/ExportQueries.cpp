#include "store/ExportQueries.h"

#include "store/RowReaders.h"

namespace medq::store {

std::vector<TaskRecord> ExportQueries::tasks(const QString& split) const {
    Statement s = m_db.prepare(
        "SELECT id, image_id, second_image_id, kind, question_type, question, options, answer, split, created_at "
        "FROM tasks WHERE ?1 = '' OR split = ?1 ORDER BY id");
    s.bind(1, split.isNull() ? QStringLiteral("") : split);
    std::vector<TaskRecord> out;
    while (s.step()) out.push_back(rows::readTask(s));
    return out;
}

std::vector<AnnotationRecord> ExportQueries::annotations(const QString& split) const {
    Statement s = m_db.prepare(
        "SELECT a.id, a.task_id, a.annotator, a.revision, a.parent_id, a.action, a.answer, a.text, a.labels, "
        "a.quality_level, a.time_spent_ms, a.created_at FROM annotations a JOIN tasks t ON t.id = a.task_id "
        "WHERE ?1 = '' OR t.split = ?1 ORDER BY a.id");
    s.bind(1, split.isNull() ? QStringLiteral("") : split);
    std::vector<AnnotationRecord> out;
    while (s.step()) out.push_back(rows::readAnnotation(s));
    return out;
}

QHash<Id, Id> ExportQueries::acceptedAnnotationIds() const {
    Statement s = m_db.prepare("SELECT task_id, annotation_id FROM accepted_labels");
    QHash<Id, Id> out;
    while (s.step()) out.insert(s.columnInt(0), s.columnInt(1));
    return out;
}

QSet<Id> ExportQueries::roundQueuedTaskIds() const {
    Statement s = m_db.prepare("SELECT DISTINCT task_id FROM queue_items WHERE round_id IS NOT NULL");
    QSet<Id> out;
    while (s.step()) out.insert(s.columnInt(0));
    return out;
}

}  // namespace medq::store
