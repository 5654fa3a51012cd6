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
    static bool has(store::Workspace& ws, Modality modality);
    // Where a recipe's base stands relative to training, site bases included.
    static SourceKind kindOf(store::Workspace& ws, Modality modality, int base);
};

}  // namespace medq::dataset
