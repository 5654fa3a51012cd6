#include "store/QueueRepository.h"

#include "store/Json.h"
#include "store/RowReaders.h"

namespace medq::store {
using rows::kQueueItemColumns;
using rows::readQueueItem;

std::vector<Id> QueueRepository::enqueue(const std::vector<QueueItemRecord>& items) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare(
        "INSERT INTO queue_items(task_id, queue, round_id, prototype_id, uncertainty, reason, spot_check, is_gold, "
        "status, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    const QString now = nowIso();
    std::vector<Id> ids;
    for (const auto& q : items) {
        s.bind(1, q.taskId).bind(2, key(q.queue)).bind(3, q.roundId).bind(4, q.prototypeId);
        if (q.uncertainty) s.bind(5, *q.uncertainty); else s.bind(5, std::nullopt);
        s.bind(6, q.reason).bind(7, int(q.spotCheck)).bind(8, int(q.isGold)).bind(9, key(q.status));
        s.bind(10, now).bind(11, now);
        s.run();
        ids.push_back(m_db.lastInsertId());
    }
    scope.commit();
    return ids;
}

std::optional<QueueItemRecord> QueueRepository::get(Id id) const {
    Statement s = m_db.prepare((std::string("SELECT ") + kQueueItemColumns + " FROM queue_items WHERE id=?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readQueueItem(s);
}

std::vector<QueueItemRecord> QueueRepository::items(Queue queue, bool includeDone) const {
    const std::string sql = std::string("SELECT ") + kQueueItemColumns +
                            " FROM queue_items WHERE queue=?1 AND (?2 OR status=?3) "
                            "AND (queue<>?4 OR spot_check=1) ORDER BY id";
    Statement s = m_db.prepare(sql.c_str());
    s.bind(1, key(queue)).bind(2, int(includeDone)).bind(3, key(ItemStatus::Pending)).bind(4, key(Queue::AutoAccept));
    std::vector<QueueItemRecord> out;
    while (s.step()) out.push_back(readQueueItem(s));
    return out;
}

std::optional<QueueItemRecord> QueueRepository::pendingForImage(Id imageId) const {
    const std::string sql = std::string("SELECT ") + kQueueItemColumns +
                            " FROM queue_items WHERE status=?1 AND (queue<>?2 OR spot_check=1) AND task_id IN "
                            "(SELECT id FROM tasks WHERE image_id=?3) ORDER BY id LIMIT 1";
    Statement s = m_db.prepare(sql.c_str());
    s.bind(1, key(ItemStatus::Pending)).bind(2, key(Queue::AutoAccept)).bind(3, imageId);
    if (!s.step()) return std::nullopt;
    return readQueueItem(s);
}

void QueueRepository::setStatus(Id id, ItemStatus status) {
    Statement s = m_db.prepare("UPDATE queue_items SET status=?, updated_at=? WHERE id=?");
    s.bind(1, key(status)).bind(2, nowIso()).bind(3, id);
    s.run();
}

std::map<Queue, int> QueueRepository::pendingCounts() const {
    std::map<Queue, int> out;
    for (Queue q : allValues<Queue>()) out[q] = 0;
    Statement s = m_db.prepare(
        "SELECT queue, COUNT(*) FROM queue_items WHERE status=? AND (queue<>? OR spot_check=1) GROUP BY queue");
    s.bind(1, key(ItemStatus::Pending)).bind(2, key(Queue::AutoAccept));
    while (s.step()) out[rows::stored<Queue>(s.columnText(0), "queue_items.queue")] = int(s.columnInt(1));
    return out;
}

void DraftRepository::save(const DraftRecord& d) {
    Statement s = m_db.prepare(
        "INSERT INTO annotation_drafts(task_id, annotator, answer, text, labels, quality_level, time_spent_ms, "
        "updated_at) VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(task_id, annotator) DO UPDATE SET answer=excluded.answer, "
        "text=excluded.text, labels=excluded.labels, quality_level=excluded.quality_level, "
        "time_spent_ms=excluded.time_spent_ms, updated_at=excluded.updated_at");
    s.bind(1, d.taskId).bind(2, d.annotator);
    if (d.answer.isNull()) s.bind(3, std::nullopt); else s.bind(3, d.answer);
    s.bind(4, d.text).bind(5, json::text(d.labels));
    if (d.qualityLevel.isNull()) s.bind(6, std::nullopt); else s.bind(6, d.qualityLevel);
    s.bind(7, d.timeSpentMs).bind(8, nowIso());
    s.run();
}

std::optional<DraftRecord> DraftRepository::get(Id taskId, const QString& annotator) const {
    Statement s = m_db.prepare(
        "SELECT task_id, annotator, answer, text, labels, quality_level, time_spent_ms, updated_at "
        "FROM annotation_drafts WHERE task_id=? AND annotator=?");
    s.bind(1, taskId).bind(2, annotator);
    if (!s.step()) return std::nullopt;
    return DraftRecord{s.columnInt(0), s.columnText(1), s.columnText(2), s.columnText(3),
                       json::object(s.columnText(4)), s.columnText(5), s.columnInt(6), s.columnText(7)};
}

void DraftRepository::discard(Id taskId, const QString& annotator) {
    Statement s = m_db.prepare("DELETE FROM annotation_drafts WHERE task_id=? AND annotator=?");
    s.bind(1, taskId).bind(2, annotator);
    s.run();
}

}  // namespace medq::store
