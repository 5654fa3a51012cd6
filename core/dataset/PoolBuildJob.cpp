#include "dataset/PoolBuildJob.h"

#include "dataset/PoolDistribution.h"
#include "dataset/SiteBases.h"
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
    auto scanned = SiteBaseIntake::scan(m_options.siteBasesDir, progress.sub(0, 0.3));
    if (!scanned) return {JobOutcome::Status::Failed, QStringLiteral("pool not changed: %1").arg(scanned.error().message()), {}};
    SiteBaseIntake& siteBases = scanned.value();
    const jobs::Progress itemProgress = progress.sub(siteBases.active() ? 0.4 : 0, 1);
    const PoolDistribution distribution(m_options.seed);
    // Item k of a pool is always recipe k of the distribution: growing a pool continues it.
    const std::int64_t start = ws.pool().count(PoolItemKind::Recipe);
    constexpr int kBatch = 20000;
    try {
        store::Transaction tx(ws.db());
        if (Status s = siteBases.add(ws, progress.sub(0.3, 0.4)); !s) throw std::runtime_error(s.error().message().toStdString());
        // The pool feeds fine-tuning, so it renders on training's real sources only
        // (SourceSplit): the site's own where it has bases for the modality.
        PoolDistribution::RealBases realBases;
        for (std::size_t m = 0; m < kClinicalModalities.size(); ++m)
            realBases[m] = SiteBases::realBasesFor(ws, kClinicalModalities[m], BenchmarkSplit::Train);
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
                itemProgress.report(double(i + 1) / double(m_options.size),
                                QStringLiteral("%1 of %2 pool items").arg(i + 1).arg(m_options.size));
            }
        }
        ws.audit().append(m_options.actor, QStringLiteral("synth.pool"), QStringLiteral("pool_items"), std::nullopt,
                          QJsonObject{{"added", qint64(m_options.size)}, {"seed", QString::number(m_options.seed)}});
        tx.commit();
    } catch (const jobs::JobCancelled&) {
        siteBases.discard();
        throw;
    } catch (const std::exception& e) {
        siteBases.discard();
        return {JobOutcome::Status::Failed, QStringLiteral("pool not changed: %1").arg(e.what()), {}};
    }
    const std::int64_t total = ws.pool().count();
    QString message = QStringLiteral("pool: added %1 items, %2 in total").arg(m_options.size).arg(total);
    QJsonObject details{{"added", qint64(m_options.size)}, {"total", qint64(total)}};
    siteBases.report(message, details);
    return {JobOutcome::Status::Done, message, details};
}

}  // namespace medq::dataset
