#pragma once
// What the closed loop keeps per round besides rounds and prototypes: the pool items
// retrieval selected and where routing sent them, quality-gate checks, and the labels that
// passed the gate (the fine-tuning data).
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <QSet>
#include <vector>

namespace medq::store {

struct SelectionRecord {
    Id roundId = 0;
    Id poolItemId = 0;
    std::optional<Id> imageId;
    std::optional<Id> prototypeId;
    double similarity = 0;
    int rank = 0;
    std::optional<double> uncertainty;
    std::optional<Queue> route;  // none until routed
};

struct GateCheckRecord {
    Id id = 0;
    Id roundId = 0;
    Id imageId = 0;
    QString annotator;
    GateCheckKind kind = GateCheckKind::Gold;
    bool passed = false;
    QString detail;
};

struct AcceptedLabel {
    Id taskId = 0;
    Id roundId = 0;
    Id annotationId = 0;
    Queue source = Queue::Verify;  // the queue the label came through
};

class LoopRepository {
public:
    explicit LoopRepository(SqliteConnection& db) : m_db(db) {}

    void addSelections(const std::vector<SelectionRecord>& rows);
    std::vector<SelectionRecord> selections(Id roundId) const;
    void setRoute(Id roundId, Id poolItemId, Queue route, double uncertainty);
    // Pool items selected in any round (never selected twice).
    QSet<Id> selectedPoolItems() const;

    void addGateCheck(const GateCheckRecord& check);
    std::vector<GateCheckRecord> gateChecks(Id roundId) const;

    // Replaces the accepted label of the task (a re-annotation after the gate supersedes).
    void accept(const AcceptedLabel& label);
    // Accepted labels of rounds with id <= maxRoundId, oldest first.
    std::vector<AcceptedLabel> acceptedUpTo(Id maxRoundId) const;
    int acceptedCount(Id roundId) const;

    // How many pool items a prototype retrieved (shown in the gallery).
    void setPrototypeRetrieved(Id prototypeId, int count);
    // Pending queue items of a round a person must still do (auto-accepted ones excluded
    // unless drawn for a spot check).
    int pendingHumanItems(Id roundId) const;
    std::vector<QueueItemRecord> roundQueueItems(Id roundId) const;

    // Latest model output for each task of `version` (absent tasks are left out).
    std::vector<ModelOutputRecord> outputsFor(const std::vector<Id>& taskIds, const QString& version) const;
    // Forgets every output of `version`. Outputs are found again by the checkpoint's name, so
    // a checkpoint trained anew under the name of an earlier (deleted) one must not inherit
    // that one's drafts. Returns how many were removed.
    int removeOutputsOf(const QString& version);

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
