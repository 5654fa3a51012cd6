#pragma once
// What registering a pool file needs from its first bytes: whether it is an image the loop
// can use, its modality, and for DICOM its series and instance. Reads the first 8 KiB (up to
// 256 KiB for a long DICOM header) and calls DCMTK only when the fast header parser cannot
// tell. Pixels are checked later, at first use. Safe to call from several threads.
#include "common/Vocabulary.h"
#include "io/Modality.h"

#include <QString>
#include <optional>

namespace medq::ingest {

struct ProbedPoolFile {
    std::optional<Modality> modality;  // a clinical modality when usable
    QString seriesUid;                 // DICOM only
    QString sopInstanceUid;            // DICOM only
    QString dicomModality;             // DICOM (0008,0060) as written, e.g. "US"; empty otherwise
    std::optional<PixelTextScan> pixelText;  // set by the scanner for kinds that show text (PixelTextCheck)
    QString problem;                   // why the file cannot be used; empty when usable
    bool needsModality = false;        // the problem is only that no modality is known
    bool usable() const { return problem.isEmpty(); }
};

class PoolFileProbe {
public:
    // `modality` overrides whatever the file or its path says (medq pool add --modality).
    explicit PoolFileProbe(std::optional<Modality> modality) : m_override(modality) {}

    // Opens `name` relative to the open folder `dirFd` (AT_FDCWD and a full path work too);
    // `path` is the file's full path, for path hints, the DCMTK fallback and messages.
    ProbedPoolFile probe(int dirFd, const char* name, const QString& path) const;

private:
    std::optional<Modality> m_override;
};

}  // namespace medq::ingest
