#include "store/LoopRepository.h"

#include "store/RowReaders.h"

namespace medq::store {
namespace {
SelectionRecord readSelection(const Statement& s) {
    SelectionRecord r;
    r.roundId = s.columnInt(0);
    r.poolItemId = s.columnInt(1);
    r.imageId = s.columnOptionalInt(2);
    r.prototypeId = s.columnOptionalInt(3);
    r.similarity = s.columnDouble(4);
    r.rank = int(s.columnInt(5));
    if (!s.columnIsNull(6)) r.uncertainty = s.columnDouble(6);
    if (const QString route = s.columnText(7); !route.isEmpty())
        r.route = rows::stored<Queue>(route, "round_selections.route");
    return r;
}
}  // namespace

void LoopRepository::addSelections(const std::vector<SelectionRecord>& rows) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare(
        "INSERT INTO round_selections(round_id, pool_item_id, image_id, prototype_id, similarity, rank) "
        "VALUES(?,?,?,?,?,?)");
    for (const SelectionRecord& r : rows) {
        s.bind(1, r.roundId).bind(2, r.poolItemId).bind(3, r.imageId).bind(4, r.prototypeId);
        s.bind(5, r.similarity).bind(6, r.rank);
        s.run();
    }
    scope.commit();
}

std::vector<SelectionRecord> LoopRepository::selections(Id roundId) const {
    Statement s = m_db.prepare(
        "SELECT round_id, pool_item_id, image_id, prototype_id, similarity, rank, uncertainty, COALESCE(route, '') "
        "FROM round_selections WHERE round_id=? ORDER BY rank");
    s.bind(1, roundId);
    std::vector<SelectionRecord> out;
    while (s.step()) out.push_back(readSelection(s));
    return out;
}

void LoopRepository::setRoute(Id roundId, Id poolItemId, Queue route, double uncertainty) {
    Statement s = m_db.prepare("UPDATE round_selections SET route=?, uncertainty=? WHERE round_id=? AND pool_item_id=?");
    s.bind(1, key(route)).bind(2, uncertainty).bind(3, roundId).bind(4, poolItemId);
    s.run();
}

QSet<Id> LoopRepository::selectedPoolItems() const {
    Statement s = m_db.prepare("SELECT pool_item_id FROM round_selections");
    QSet<Id> out;
    while (s.step()) out.insert(s.columnInt(0));
    return out;
}

void LoopRepository::addGateCheck(const GateCheckRecord& c) {
    Statement s = m_db.prepare(
        "INSERT INTO gate_checks(round_id, image_id, annotator, check_kind, passed, detail) VALUES(?,?,?,?,?,?)");
    s.bind(1, c.roundId)
        .bind(2, c.imageId)
        .bind(3, c.annotator)
        .bind(4, key(c.kind))
        .bind(5, int(c.passed))
        .bind(6, c.detail);
    s.run();
}

std::vector<GateCheckRecord> LoopRepository::gateChecks(Id roundId) const {
    Statement s = m_db.prepare(
        "SELECT id, round_id, image_id, annotator, check_kind, passed, detail FROM gate_checks WHERE round_id=? ORDER BY id");
    s.bind(1, roundId);
    std::vector<GateCheckRecord> out;
    while (s.step()) {
        GateCheckRecord c;
        c.id = s.columnInt(0);
        c.roundId = s.columnInt(1);
        c.imageId = s.columnInt(2);
        c.annotator = s.columnText(3);
        c.kind = rows::stored<GateCheckKind>(s.columnText(4), "gate_checks.check_kind");
        c.passed = s.columnInt(5) != 0;
        c.detail = s.columnText(6);
        out.push_back(c);
    }
    return out;
}

void LoopRepository::accept(const AcceptedLabel& label) {
    Statement s = m_db.prepare(
        "INSERT INTO accepted_labels(task_id, round_id, annotation_id, source) VALUES(?,?,?,?) "
        "ON CONFLICT(task_id) DO UPDATE SET round_id=excluded.round_id, annotation_id=excluded.annotation_id, "
        "source=excluded.source");
    s.bind(1, label.taskId).bind(2, label.roundId).bind(3, label.annotationId).bind(4, key(label.source));
    s.run();
}

std::vector<AcceptedLabel> LoopRepository::acceptedUpTo(Id maxRoundId) const {
    Statement s = m_db.prepare(
        "SELECT task_id, round_id, annotation_id, source FROM accepted_labels WHERE round_id<=? ORDER BY round_id, task_id");
    s.bind(1, maxRoundId);
    std::vector<AcceptedLabel> out;
    while (s.step())
        out.push_back({s.columnInt(0), s.columnInt(1), s.columnInt(2),
                       rows::stored<Queue>(s.columnText(3), "accepted_labels.source")});
    return out;
}

int LoopRepository::acceptedCount(Id roundId) const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM accepted_labels WHERE round_id=?");
    s.bind(1, roundId);
    return s.step() ? int(s.columnInt(0)) : 0;
}

void LoopRepository::setPrototypeRetrieved(Id prototypeId, int count) {
    Statement s = m_db.prepare("UPDATE prototypes SET retrieved=? WHERE id=?");
    s.bind(1, count).bind(2, prototypeId);
    s.run();
}

int LoopRepository::pendingHumanItems(Id roundId) const {
    Statement s = m_db.prepare(
        "SELECT COUNT(*) FROM queue_items WHERE round_id=? AND status=? AND (queue<>? OR spot_check=1)");
    s.bind(1, roundId).bind(2, key(ItemStatus::Pending)).bind(3, key(Queue::AutoAccept));
    return s.step() ? int(s.columnInt(0)) : 0;
}

std::vector<QueueItemRecord> LoopRepository::roundQueueItems(Id roundId) const {
    Statement s = m_db.prepare((std::string("SELECT ") + rows::kQueueItemColumns +
                                " FROM queue_items WHERE round_id=? ORDER BY id").c_str());
    s.bind(1, roundId);
    std::vector<QueueItemRecord> out;
    while (s.step()) out.push_back(rows::readQueueItem(s));
    return out;
}

std::vector<ModelOutputRecord> LoopRepository::outputsFor(const std::vector<Id>& taskIds, const QString& version) const {
    Statement s = m_db.prepare((std::string("SELECT ") + rows::kModelOutputColumns +
                                " FROM model_outputs WHERE task_id=? AND model_version=? ORDER BY id DESC LIMIT 1").c_str());
    std::vector<ModelOutputRecord> out;
    for (Id id : taskIds) {
        s.reset();
        s.bind(1, id).bind(2, version);
        if (s.step()) out.push_back(rows::readModelOutput(s));
    }
    return out;
}

int LoopRepository::removeOutputsOf(const QString& version) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare("DELETE FROM model_outputs WHERE model_version=?");
    s.bind(1, version);
    s.run();
    const int removed = m_db.changes();
    scope.commit();
    return removed;
}

}  // namespace medq::store
