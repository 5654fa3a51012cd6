#include "store/AnnotationRepository.h"

#include "store/Json.h"
#include "store/RowReaders.h"

namespace medq::store {
namespace {
constexpr const char* kColumns = rows::kAnnotationColumns;
AnnotationRecord readRow(const Statement& s) { return rows::readAnnotation(s); }
}  // namespace

void AnnotationRepository::ensureAnnotator(const QString& name, const QString& role) {
    Statement s = m_db.prepare("INSERT OR IGNORE INTO annotators(name, role, created_at) VALUES(?,?,?)");
    s.bind(1, name).bind(2, role).bind(3, nowIso());
    s.run();
}

std::optional<QString> AnnotationRepository::roleOf(const QString& name) const {
    Statement s = m_db.prepare("SELECT role FROM annotators WHERE name=?");
    s.bind(1, name);
    if (!s.step()) return std::nullopt;
    return s.columnText(0);
}

AnnotationRecord AnnotationRepository::submit(AnnotationRecord a) {
    WriteScope scope(m_db);
    if (auto previous = latest(a.taskId, a.annotator)) {
        a.revision = previous->revision + 1;
        a.parentId = previous->id;
    } else {
        a.revision = 1;
        a.parentId.reset();
    }
    a.createdAt = nowIso();
    Statement s = m_db.prepare(
        "INSERT INTO annotations(task_id, annotator, revision, parent_id, action, answer, text, labels, "
        "quality_level, time_spent_ms, created_at) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, a.taskId).bind(2, a.annotator).bind(3, a.revision).bind(4, a.parentId).bind(5, key(a.action));
    if (a.answer.isNull()) s.bind(6, std::nullopt); else s.bind(6, a.answer);
    s.bind(7, a.text).bind(8, json::text(a.labels));
    if (a.qualityLevel.isNull()) s.bind(9, std::nullopt); else s.bind(9, a.qualityLevel);
    s.bind(10, a.timeSpentMs).bind(11, a.createdAt);
    s.run();
    a.id = m_db.lastInsertId();
    scope.commit();
    return a;
}

std::vector<AnnotationRecord> AnnotationRepository::history(Id taskId) const {
    Statement s = m_db.prepare(
        (std::string("SELECT ") + kColumns + " FROM annotations WHERE task_id=? ORDER BY id").c_str());
    s.bind(1, taskId);
    std::vector<AnnotationRecord> out;
    while (s.step()) out.push_back(readRow(s));
    return out;
}

std::optional<AnnotationRecord> AnnotationRepository::latest(Id taskId, const QString& annotator) const {
    Statement s = m_db.prepare((std::string("SELECT ") + kColumns +
                                " FROM annotations WHERE task_id=? AND annotator=? ORDER BY revision DESC LIMIT 1")
                                   .c_str());
    s.bind(1, taskId).bind(2, annotator);
    if (!s.step()) return std::nullopt;
    return readRow(s);
}

int AnnotationRepository::count() const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM annotations");
    return s.step() ? int(s.columnInt(0)) : 0;
}

}  // namespace medq::store
