#pragma once
// Loop rounds and the failure prototypes found in each.
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <vector>

namespace medq::store {

class RoundRepository {
public:
    explicit RoundRepository(SqliteConnection& db) : m_db(db) {}

    // Starts round `number` (status Running); returns its id.
    Id start(int number, RetrievalStrategy strategy, int budget);
    // Records progress: the last completed step, the status and the metrics so far.
    void update(Id id, RunStatus status, std::optional<RoundStep> step, const QJsonObject& metrics,
                const QString& checkpoint = {});
    std::optional<RoundRecord> byNumber(int number) const;
    std::vector<RoundRecord> all() const;

private:
    SqliteConnection& m_db;
};

struct PrototypeMember {
    Id taskId = 0;
    double distance = 0;
};

class PrototypeRepository {
public:
    explicit PrototypeRepository(SqliteConnection& db) : m_db(db) {}

    // Inserts the prototype with its members in one transaction.
    Id insert(const PrototypeRecord& prototype, const std::vector<PrototypeMember>& members);
    std::vector<PrototypeRecord> forRound(Id roundId) const;
    std::vector<PrototypeMember> members(Id prototypeId) const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
