#pragma once
// Imports the received instances still pending (ReceivedInstanceRepository), or registers
// them in the pool, as their row says, and marks each done or failed with the reason. Run
// after every association and when the receiver starts, so instances received before a
// kill are taken in on the next start.
#include "common/Result.h"

#include <QString>

namespace medq::store { class Workspace; }

namespace medq::pacs {

struct IntakeReport {
    int done = 0;
    int failed = 0;
    int deferred = 0;  // left pending: another job held the workspace
    QString summary() const;
};

class ReceivedIntake {
public:
    // `ws` is the receiver's open workspace at `workspaceDir`; the import and pool jobs open
    // their own connection to it.
    static Result<IntakeReport> run(store::Workspace& ws, const QString& workspaceDir, bool deidentify);
};

}  // namespace medq::pacs
