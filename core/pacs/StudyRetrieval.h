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

// The same by C-MOVE, for a PACS without C-GET: a receiver (DicomReceiver) listens as
// `callingAe` on `port` while the PACS sends the study to it over a new association. The
// PACS must know that AE title with this computer's host and port.
Result<RetrievalReport> moveStudy(const QString& workspaceDir, const QString& callingAe, const PacsNode& node,
                                  const QString& studyUid, ReceiveDestination destination, quint16 port);

}  // namespace medq::pacs
