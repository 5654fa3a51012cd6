#include "dataset/PoolBuildJob.h"

#include "dataset/BaseLibrary.h"
#include "dataset/PoolDistribution.h"
#include "jobs/WorkspaceJobLock.h"
#include "store/Workspace.h"

#include <QJsonObject>

namespace medq::dataset {

jobs::JobOutcome PoolBuildJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    if (m_options.size <= 0) return {JobOutcome::Status::Failed, QStringLiteral("--size must be positive"), {}};
    auto lock = jobs::WorkspaceJobLock::forJob(m_dir, title(), false, progress);
    if (!lock) return {JobOutcome::Status::Failed, lock.error().message(), {}};
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    store::Workspace& ws = *opened.value();
    // The pool feeds fine-tuning, so it renders on training's real sources only (SourceSplit).
    PoolDistribution::RealBases realBases;
    for (std::size_t m = 0; m < kClinicalModalities.size(); ++m)
        realBases[m] = BaseLibrary::instance().basesFor(kClinicalModalities[m], BenchmarkSplit::Train);
    const PoolDistribution distribution(m_options.seed);
    // Item k of a pool is always recipe k of the distribution: growing a pool continues it.
    const std::int64_t start = ws.pool().count(PoolItemKind::Recipe);
    constexpr int kBatch = 20000;
    try {
        store::Transaction tx(ws.db());
        std::vector<store::PoolItemRecord> batch;
        batch.reserve(kBatch);
        for (std::int64_t i = 0; i < m_options.size; ++i) {
            const SynthRecipe r = distribution.sample(std::uint64_t(start + i), realBases);
            batch.push_back({0, PoolItemKind::Recipe, modalityIndex(r.modality), r.base, std::int64_t(r.seed),
                             r.encodeAttributes(), std::nullopt});
            if (int(batch.size()) == kBatch || i + 1 == m_options.size) {
                progress.checkCancelled();
                ws.pool().append(batch);
                batch.clear();
                progress.report(double(i + 1) / double(m_options.size),
                                QStringLiteral("%1 of %2 pool items").arg(i + 1).arg(m_options.size));
            }
        }
        ws.audit().append(m_options.actor, QStringLiteral("synth.pool"), QStringLiteral("pool_items"), std::nullopt,
                          QJsonObject{{"added", qint64(m_options.size)}, {"seed", QString::number(m_options.seed)}});
        tx.commit();
    } catch (const jobs::JobCancelled&) {
        throw;
    } catch (const std::exception& e) {
        return {JobOutcome::Status::Failed, QStringLiteral("pool not changed: %1").arg(e.what()), {}};
    }
    const std::int64_t total = ws.pool().count();
    return {JobOutcome::Status::Done, QStringLiteral("pool: added %1 items, %2 in total").arg(m_options.size).arg(total),
            QJsonObject{{"added", qint64(m_options.size)}, {"total", qint64(total)}}};
}

}  // namespace medq::dataset
