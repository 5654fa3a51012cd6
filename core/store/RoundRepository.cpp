#include "store/RoundRepository.h"

#include "store/Json.h"
#include "store/RowReaders.h"

namespace medq::store {
namespace {
RoundRecord readRound(const Statement& s) {
    RoundRecord r;
    r.id = s.columnInt(0);
    r.number = int(s.columnInt(1));
    r.strategy = rows::stored<RetrievalStrategy>(s.columnText(2), "rounds.strategy");
    r.budget = int(s.columnInt(3));
    r.status = rows::stored<RunStatus>(s.columnText(4), "rounds.status");
    if (const QString step = s.columnText(5); !step.isEmpty()) r.step = rows::stored<RoundStep>(step, "rounds.step");
    r.checkpoint = s.columnText(6);
    r.metrics = json::object(s.columnText(7));
    r.startedAt = s.columnText(8);
    r.finishedAt = s.columnText(9);
    return r;
}
constexpr const char* kRoundColumns =
    "id, number, strategy, budget, status, step, checkpoint, metrics, started_at, finished_at";
}  // namespace

Id RoundRepository::start(int number, RetrievalStrategy strategy, int budget) {
    Statement s = m_db.prepare("INSERT INTO rounds(number, strategy, budget, status, started_at) VALUES(?,?,?,?,?)");
    s.bind(1, number).bind(2, key(strategy)).bind(3, budget).bind(4, key(RunStatus::Running)).bind(5, nowIso());
    s.run();
    return m_db.lastInsertId();
}

void RoundRepository::update(Id id, RunStatus status, std::optional<RoundStep> step, const QJsonObject& metrics,
                             const QString& checkpoint) {
    const bool finished = status != RunStatus::Running;
    Statement s = m_db.prepare(
        "UPDATE rounds SET status=?, step=?, metrics=?, checkpoint=COALESCE(?, checkpoint), "
        "finished_at=CASE WHEN ? THEN ? ELSE finished_at END WHERE id=?");
    s.bind(1, key(status)).bind(2, step ? key(*step) : QString()).bind(3, json::text(metrics));
    if (checkpoint.isEmpty()) s.bind(4, std::nullopt); else s.bind(4, checkpoint);
    s.bind(5, int(finished)).bind(6, nowIso()).bind(7, id);
    s.run();
}

std::optional<RoundRecord> RoundRepository::byNumber(int number) const {
    Statement s = m_db.prepare((std::string("SELECT ") + kRoundColumns + " FROM rounds WHERE number=?").c_str());
    s.bind(1, number);
    if (!s.step()) return std::nullopt;
    return readRound(s);
}

std::vector<RoundRecord> RoundRepository::all() const {
    Statement s = m_db.prepare((std::string("SELECT ") + kRoundColumns + " FROM rounds ORDER BY number").c_str());
    std::vector<RoundRecord> out;
    while (s.step()) out.push_back(readRound(s));
    return out;
}

Id PrototypeRepository::insert(const PrototypeRecord& p, const std::vector<PrototypeMember>& members) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare(
        "INSERT INTO prototypes(round_id, medoid_task_id, size, modality, attributes, failure_rate, retrieved, "
        "status, reason) VALUES(?,?,?,?,?,?,?,?,?)");
    s.bind(1, p.roundId).bind(2, p.medoidTaskId).bind(3, p.size).bind(4, p.modality);
    s.bind(5, json::text(p.attributes)).bind(6, p.failureRate).bind(7, p.retrieved).bind(8, key(p.status));
    s.bind(9, p.reason);
    s.run();
    const Id id = m_db.lastInsertId();
    Statement m = m_db.prepare("INSERT INTO prototype_members(prototype_id, task_id, distance) VALUES(?,?,?)");
    for (const auto& member : members) {
        m.bind(1, id).bind(2, member.taskId).bind(3, member.distance);
        m.run();
    }
    scope.commit();
    return id;
}

std::vector<PrototypeRecord> PrototypeRepository::forRound(Id roundId) const {
    Statement s = m_db.prepare(
        "SELECT id, round_id, medoid_task_id, size, modality, attributes, failure_rate, retrieved, status, "
        "COALESCE(reason, '') FROM prototypes WHERE round_id=? ORDER BY id");
    s.bind(1, roundId);
    std::vector<PrototypeRecord> out;
    while (s.step()) {
        PrototypeRecord p;
        p.id = s.columnInt(0);
        p.roundId = s.columnInt(1);
        p.medoidTaskId = s.columnOptionalInt(2);
        p.size = int(s.columnInt(3));
        p.modality = s.columnText(4);
        p.attributes = json::array(s.columnText(5));
        p.failureRate = s.columnDouble(6);
        p.retrieved = int(s.columnInt(7));
        p.status = rows::stored<PrototypeStatus>(s.columnText(8), "prototypes.status");
        p.reason = s.columnText(9);
        out.push_back(p);
    }
    return out;
}

std::vector<PrototypeMember> PrototypeRepository::members(Id prototypeId) const {
    Statement s = m_db.prepare(
        "SELECT task_id, distance FROM prototype_members WHERE prototype_id=? ORDER BY distance");
    s.bind(1, prototypeId);
    std::vector<PrototypeMember> out;
    while (s.step()) out.push_back({s.columnInt(0), s.columnDouble(1)});
    return out;
}

}  // namespace medq::store
