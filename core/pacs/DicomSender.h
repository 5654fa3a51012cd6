#pragma once
// `medq pacs send`: DICOM files to a PACS by C-STORE as the SCU (DCMTK's DcmStorageSCU), all
// in one association, each file's outcome reported (the SRs and Key Object Selections of
// `medq export --dicom-sr`, or any other DICOM objects).
#include "common/Result.h"
#include "pacs/PacsNode.h"

#include <QStringList>
#include <vector>

namespace medq::pacs {

struct SentFile {
    QString path;
    QString sopInstanceUid;
    bool stored = false;  // the PACS answered success (or a warning: stored, with coercion)
    QString status;       // "stored", "warning 0xB000", "failed 0xA700", "not sent: ..."
};

// Sends DICOM files to one PACS.
class DicomSender {
public:
    DicomSender(QString callingAeTitle, PacsNode node) : m_callingAe(std::move(callingAeTitle)), m_node(std::move(node)) {}
    // One entry per file in order. An error (naming the file or the node) when a file is no
    // DICOM file or no association could be opened; refusals by the PACS are per file.
    Result<std::vector<SentFile>> send(const QStringList& files) const;

private:
    QString m_callingAe;
    PacsNode m_node;
};

}  // namespace medq::pacs
