#include "store/TaskRepository.h"

#include "store/Json.h"
#include "store/RowReaders.h"

namespace medq::store {
namespace {
using rows::kTaskColumns;
using rows::readTask;

void bindOptionalText(Statement& s, int i, const QString& v) {
    if (v.isNull()) s.bind(i, std::nullopt); else s.bind(i, v);
}
}  // namespace

Id TaskRepository::insert(const TaskRecord& task) { return insertMany({task}).front(); }

std::vector<Id> TaskRepository::insertMany(const std::vector<TaskRecord>& tasks) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare(
        "INSERT INTO tasks(image_id, second_image_id, kind, question_type, question, options, answer, split, "
        "created_at) VALUES(?,?,?,?,?,?,?,?,?)");
    const QString now = nowIso();
    std::vector<Id> ids;
    ids.reserve(tasks.size());
    for (const TaskRecord& t : tasks) {
        s.bind(1, t.imageId).bind(2, t.secondImageId).bind(3, key(t.kind)).bind(4, key(t.questionType));
        s.bind(5, t.question).bind(6, json::text(t.options));
        bindOptionalText(s, 7, t.answer);
        bindOptionalText(s, 8, t.split);
        s.bind(9, t.createdAt.isEmpty() ? now : t.createdAt);
        s.run();
        ids.push_back(m_db.lastInsertId());
    }
    scope.commit();
    return ids;
}

std::optional<TaskRecord> TaskRepository::get(Id id) const {
    Statement s = m_db.prepare((std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE id=?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readTask(s);
}

std::vector<TaskRecord> TaskRepository::forImage(Id imageId) const {
    Statement s = m_db.prepare(
        (std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE image_id=? ORDER BY id").c_str());
    s.bind(1, imageId);
    std::vector<TaskRecord> out;
    while (s.step()) out.push_back(readTask(s));
    return out;
}

std::vector<TaskRecord> TaskRepository::inSplit(const QString& split) const {
    Statement s = m_db.prepare((std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE split=? ORDER BY id").c_str());
    s.bind(1, split);
    std::vector<TaskRecord> out;
    while (s.step()) out.push_back(readTask(s));
    return out;
}

std::vector<TaskRecord> TaskRepository::annotatedRealDescriptions(const QString& exceptAnnotator) const {
    // Real images: not rendered from a recipe (ImageSource keeps those as "synth:" paths).
    Statement s = m_db.prepare(
        (std::string("SELECT ") + kTaskColumns +
         " FROM tasks WHERE kind=? AND second_image_id IS NULL"
         " AND image_id IN (SELECT id FROM images WHERE substr(path, 1, 6) <> 'synth:')"
         " AND EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = tasks.id AND a.annotator <> ?)"
         " ORDER BY image_id, id")
            .c_str());
    s.bind(1, key(TaskKind::Description)).bind(2, exceptAnnotator);
    std::vector<TaskRecord> out;
    while (s.step()) out.push_back(readTask(s));
    return out;
}

QMap<QString, int> TaskRepository::countBySplitAndKind() const {
    QMap<QString, int> out;
    Statement s = m_db.prepare("SELECT COALESCE(split, 'none'), kind, COUNT(*) FROM tasks GROUP BY 1, 2");
    while (s.step()) out.insert(s.columnText(0) + QLatin1Char('/') + s.columnText(1), int(s.columnInt(2)));
    return out;
}

Id ModelOutputRepository::insert(const ModelOutputRecord& o) {
    Statement s = m_db.prepare(
        "INSERT INTO model_outputs(task_id, model_version, answer, distribution, entropy, draft_text, "
        "token_entropies, mean_token_entropy, created_at, draft_problem) VALUES(?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, o.taskId).bind(2, o.modelVersion);
    bindOptionalText(s, 3, o.answer);
    s.bind(4, json::text(o.distribution));
    if (o.entropy) s.bind(5, *o.entropy); else s.bind(5, std::nullopt);
    bindOptionalText(s, 6, o.draftText);
    s.bind(7, json::text(o.tokenEntropies));
    if (o.meanTokenEntropy) s.bind(8, *o.meanTokenEntropy); else s.bind(8, std::nullopt);
    s.bind(9, o.createdAt.isEmpty() ? nowIso() : o.createdAt);
    if (o.draftProblem) s.bind(10, key(*o.draftProblem)); else s.bind(10, std::nullopt);
    s.run();
    return m_db.lastInsertId();
}

std::optional<ModelOutputRecord> ModelOutputRepository::latestForTask(Id taskId) const {
    Statement s = m_db.prepare((std::string("SELECT ") + rows::kModelOutputColumns +
                                " FROM model_outputs WHERE task_id=? ORDER BY id DESC LIMIT 1").c_str());
    s.bind(1, taskId);
    if (!s.step()) return std::nullopt;
    return rows::readModelOutput(s);
}

int ModelOutputRepository::count() const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM model_outputs");
    return s.step() ? int(s.columnInt(0)) : 0;
}

}  // namespace medq::store
