#pragma once
// `medq scan-text`: the burned-in text scan (PixelTextCheck) over the images and pool files
// that have no finding (store::PixelTextBacklog), typically those imported or registered
// before the scan existed. An image is read again from its file only when its recorded kind
// is one the scan covers (ocr::PixelTextScanRule); a pool file's DICOM header is read for its
// Modality first. Each finding is written as it is made, so Cancel or a kill keeps what was
// scanned and the next run goes on from there. Holds the workspace's job lock.
#include "jobs/Job.h"

namespace medq::ingest {

struct PixelTextBackfillReport {
    int images = 0, poolFiles = 0;  // looked at
    int scanned = 0;                // read by Tesseract
    int flagged = 0;                // of those, PHI risk
    int notScanned = 0;             // kinds the scan does not cover (left without a finding)
    int unreadable = 0;             // the file is gone or cannot be read
    QString summary() const;
};

class PixelTextBackfillJob : public jobs::Job {
public:
    explicit PixelTextBackfillJob(QString workspaceDir) : m_dir(std::move(workspaceDir)) {}
    QString kind() const override { return QStringLiteral("scan_text"); }
    QString title() const override { return QStringLiteral("Scan images for burned-in text"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir;
};

}  // namespace medq::ingest
