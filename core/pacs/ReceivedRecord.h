#pragma once
// The one way a DICOM instance that came in over the network (C-STORE to the receiver, or a
// C-GET's sub-operations) is recorded in the workspace: by the SHA-256 of its SOP Instance
// UID, which also finds the duplicates.
#include "common/Vocabulary.h"

#include <QString>

namespace medq::store { class Workspace; }

namespace medq::pacs {

QString instanceHash(const QString& sopInstanceUid);

struct ReceivedFile {
    QString path;  // absolute, in the workspace's received/ folder
    QString sopClassUid;
    QString sopInstanceUid;
    QString callingAet;  // who sent it (the PACS for a C-GET)
};

// Whether an instance with this UID was received before.
bool wasReceived(store::Workspace& ws, const QString& sopInstanceUid);
// Records `file` as pending for `destination`, in one transaction. Throws store::StoreError.
void recordReceived(store::Workspace& ws, const ReceivedFile& file, ReceiveDestination destination);

}  // namespace medq::pacs
