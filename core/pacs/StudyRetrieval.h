#pragma once
// `medq pacs get`: one study from a PACS by C-GET into the workspace's received/ folder,
// recorded as any received instance (ReceivedRecord), then imported or registered in the
// pool (ReceivedIntake). Instances received before are dropped, not stored twice.
#include "common/Result.h"
#include "common/Vocabulary.h"
#include "pacs/PacsNode.h"

#include <QString>

namespace medq::pacs {

struct RetrievalReport {
    int retrieved = 0;   // new instances recorded
    int duplicates = 0;  // received before
    int takenIn = 0;
    int failed = 0;
    QString summary() const;
};

Result<RetrievalReport> retrieveStudy(const QString& workspaceDir, const QString& callingAe, const PacsNode& node,
                                      const QString& studyUid, ReceiveDestination destination);

}  // namespace medq::pacs
