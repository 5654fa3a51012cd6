#pragma once
// Imports files and folders into a workspace as one job: scan, read, hash, deduplicate,
// thumbnail, store. All rows land in one transaction: a cancelled or failed import leaves
// the workspace exactly as it was (thumbnails it wrote are removed too).
#include "ingest/ImportPlanner.h"
#include "io/Modality.h"
#include "jobs/Job.h"

#include <optional>

namespace medq::ingest {

struct ImportOptions {
    QStringList inputs;
    bool recursive = false;
    std::optional<Modality> modality;  // explicit override
    QString actor = QStringLiteral("system");
    int thumbnailSize = 128;
    // De-identify the stored metadata (core/privacy, docs/privacy.md); on by default. Turning
    // it off is recorded in the audit log. Original files are never modified either way.
    bool deidentify = true;
};

struct ImportReport {
    int imported = 0;
    int series = 0;
    int duplicates = 0;
    int skipped = 0;
    int textScanned = 0;  // scanned for burned-in text (PixelTextCheck)
    int phiRisk = 0;      // of those, flagged: kept out of exports
    std::vector<ImportFailure> failures;
    QMap<QString, int> perModality;
    QJsonObject toJson() const;
};

class ImportJob : public jobs::Job {
public:
    ImportJob(QString workspaceDir, ImportOptions options);
    QString kind() const override { return QStringLiteral("import"); }
    QString title() const override;
    jobs::JobOutcome run(const jobs::Progress& progress) override;
    const ImportReport& report() const { return m_report; }

private:
    QString m_workspaceDir;
    ImportOptions m_options;
    ImportReport m_report;
};

}  // namespace medq::ingest
