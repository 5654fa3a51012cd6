#pragma once
// The workspace's site bases (store::SiteBaseRepository, pixels in SiteBaseFile): adding the
// bases a SiteBaseScan found, with each new source's split decided by SourceSplit, and what
// the benchmark, the pool and the evaluation ask of them.
#include "common/Result.h"
#include "dataset/SiteBaseScan.h"
#include "dataset/SourceSplit.h"
#include "jobs/Progress.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <optional>
#include <vector>

namespace medq::store {
class Workspace;
}

namespace medq::dataset {

struct SiteBaseAddition {
    QMap<QString, int> added;  // modality key -> bases added now
    QMap<QString, int> known;  // modality key -> bases that were registered already
};

class SiteBases {
public:
    // Registers `scan`'s bases inside the caller's transaction: a row and a pixel file each.
    // Files written are appended to `written` (for the caller to remove on rollback). A base
    // registered before (same file and slice) keeps its row; a source keeps the split it
    // was given first, so adding bases never moves a source between splits.
    static Result<SiteBaseAddition> add(store::Workspace& ws, const SiteBaseScanResult& scan, QStringList& written,
                                        const jobs::Progress& progress);
    // "ct 3, mri 6" of the bases added.
    static QString describe(const SiteBaseAddition& addition);
    // For a job's summary: bases per modality (added now, known before) and the refused files.
    static QString summary(const SiteBaseScanResult& scan, const SiteBaseAddition& addition);
    static QJsonObject summaryJson(const SiteBaseScanResult& scan, const SiteBaseAddition& addition);
    // Recipe base values (SynthRecipe::siteBase) of `modality`'s bases whose source serves `split`.
    static std::vector<int> basesFor(store::Workspace& ws, Modality modality, BenchmarkSplit split);
    // The real bases items of `split` render on: the site's own when it has any for the
    // modality, else the packaged samples' (BaseLibrary).
    static std::vector<int> realBasesFor(store::Workspace& ws, Modality modality, BenchmarkSplit split);
    static bool has(store::Workspace& ws, Modality modality);
    // Where a recipe's base stands relative to training, site bases included.
    static SourceKind kindOf(store::Workspace& ws, Modality modality, int base);
};

// The `--bases DIR` part of a job: the folder is scanned before the job's transaction, its
// bases registered inside it, and their pixel files removed again when it does not commit.
class SiteBaseIntake {
public:
    // No folder: a job without site bases (every call below does nothing).
    static Result<SiteBaseIntake> scan(const QString& dir, const jobs::Progress& progress);
    bool active() const { return m_scan.has_value(); }
    // Call inside the job's transaction.
    Status add(store::Workspace& ws, const jobs::Progress& progress);
    // Call when the transaction is rolled back.
    void discard();
    // Appends the summary line to the job's message and "site_bases" to its details.
    void report(QString& message, QJsonObject& details) const;
    QString addedText() const { return SiteBases::describe(m_addition); }

private:
    std::optional<SiteBaseScanResult> m_scan;
    SiteBaseAddition m_addition;
    QStringList m_written;
};

}  // namespace medq::dataset
