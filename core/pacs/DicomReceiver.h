#pragma once
// `medq pacs listen`: a DICOM C-STORE and C-ECHO receiver (DCMTK's storage SCP). Each image
// instance is written to the workspace's received/ folder and recorded
// (ReceivedInstanceRepository) before the sender is told it was stored; an instance that
// cannot be stored or recorded, or is no image, gets a failure status and a log line with
// the reason. After each association what came in is imported or registered in the pool
// (ReceivedIntake). One association at a time.
#include "common/Result.h"
#include "common/Vocabulary.h"

#include <QString>
#include <atomic>
#include <functional>

namespace medq::pacs {

struct ReceiverOptions {
    QString workspaceDir;
    QString aeTitle = QStringLiteral("MEDQ");
    quint16 port = 11112;
    ReceiveDestination destination = ReceiveDestination::Import;
    bool deidentify = true;  // of imported images' metadata (docs/privacy.md)
};

struct ReceiverCounts {
    int stored = 0;      // recorded and acknowledged
    int duplicates = 0;  // received before (same SOP Instance UID): acknowledged, not stored again
    int refused = 0;     // answered with a failure status
    int takenIn = 0;     // imported or registered
    int failed = 0;      // recorded, but the import or registration refused it
};

class DicomReceiver {
public:
    using Log = std::function<void(const QString& line)>;
    DicomReceiver(ReceiverOptions options, Log log) : m_options(std::move(options)), m_log(std::move(log)) {}
    // Takes in what an earlier run left pending, then listens until `stop` is set (looked at
    // every second). Errors: the workspace, the AE title, the port.
    Status run(const std::atomic<bool>& stop);
    const ReceiverCounts& counts() const { return m_counts; }

private:
    ReceiverOptions m_options;
    Log m_log;
    ReceiverCounts m_counts;
};

}  // namespace medq::pacs
