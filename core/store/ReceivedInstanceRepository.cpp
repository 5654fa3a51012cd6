#include "store/ReceivedInstanceRepository.h"

namespace medq::store {
namespace {
constexpr const char* kColumns =
    "SELECT id, instance_hash, sop_class_uid, calling_aet, path, destination, state, detail, received_at FROM received_instances ";

ReceivedInstanceRecord readRow(const Statement& s) {
    return {s.columnInt(0),
            s.columnText(1),
            s.columnText(2),
            s.columnText(3),
            s.columnText(4),
            fromKey<ReceiveDestination>(s.columnText(5)).value_or(ReceiveDestination::Import),
            fromKey<ReceivedState>(s.columnText(6)).value_or(ReceivedState::Failed),
            s.columnText(7),
            s.columnText(8)};
}
}  // namespace

Id ReceivedInstanceRepository::add(const ReceivedInstanceRecord& r) {
    Statement s = m_db.prepare(
        "INSERT INTO received_instances(instance_hash, sop_class_uid, calling_aet, path, destination, state, detail, received_at) "
        "VALUES(?,?,?,?,?,?,?,?)");
    s.bind(1, r.instanceHash).bind(2, r.sopClassUid).bind(3, r.callingAet).bind(4, r.path).bind(5, key(r.destination))
        .bind(6, key(ReceivedState::Pending)).bind(7, r.detail).bind(8, nowIso());
    s.run();
    return m_db.lastInsertId();
}

std::optional<ReceivedInstanceRecord> ReceivedInstanceRepository::findByHash(const QString& instanceHash) const {
    Statement s = m_db.prepare((std::string(kColumns) + "WHERE instance_hash=?").c_str());
    s.bind(1, instanceHash);
    if (!s.step()) return std::nullopt;
    return readRow(s);
}

std::vector<ReceivedInstanceRecord> ReceivedInstanceRepository::inState(ReceivedState state) const {
    Statement s = m_db.prepare((std::string(kColumns) + "WHERE state=? ORDER BY id").c_str());
    s.bind(1, key(state));
    std::vector<ReceivedInstanceRecord> out;
    while (s.step()) out.push_back(readRow(s));
    return out;
}

void ReceivedInstanceRepository::finish(Id id, ReceivedState state, const QString& detail) {
    Statement s = m_db.prepare("UPDATE received_instances SET state=?, detail=? WHERE id=?");
    s.bind(1, key(state)).bind(2, detail).bind(3, id);
    s.run();
}

std::int64_t ReceivedInstanceRepository::count(ReceivedState state) const {
    Statement s = m_db.prepare("SELECT COUNT(*) FROM received_instances WHERE state=?");
    s.bind(1, key(state));
    return s.step() ? s.columnInt(0) : 0;
}

}  // namespace medq::store
