#include "dataset/BenchmarkBuildJob.h"

#include "dataset/SiteBases.h"
#include "dataset/SynthItemWriter.h"
#include "jobs/WorkspaceJobLock.h"
#include "synth/ItemGenerator.h"
#include "synth/RecipeSampler.h"
#include "store/Workspace.h"

#include <QFile>
#include <QJsonArray>

namespace medq::dataset {
namespace {
std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    // splitmix64 finaliser over the pair: independent, reproducible per-item seeds.
    std::uint64_t z = a + 0x9E3779B97F4A7C15ull * (b + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
}  // namespace

jobs::JobOutcome BenchmarkBuildJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    auto lock = jobs::WorkspaceJobLock::forJob(m_dir, title(), false, progress);
    if (!lock) return {JobOutcome::Status::Failed, lock.error().message(), {}};
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    store::Workspace& ws = *opened.value();
    if (ws.tasks().countBySplitAndKind().value(QStringLiteral("test/perception")) > 0)
        return {JobOutcome::Status::Failed, QStringLiteral("this workspace already has a benchmark"), {}};
    if (m_options.perModality < 3)
        return {JobOutcome::Status::Failed, QStringLiteral("--per-modality must be at least 3"), {}};

    auto scanned = SiteBaseIntake::scan(m_options.siteBasesDir, progress.sub(0, 0.3));
    if (!scanned) return {JobOutcome::Status::Failed, QStringLiteral("benchmark not built: %1").arg(scanned.error().message()), {}};
    SiteBaseIntake& siteBases = scanned.value();
    const jobs::Progress itemProgress = progress.sub(siteBases.active() ? 0.4 : 0, 1);

    SynthItemWriter writer(ws);
    const int total = m_options.perModality * int(kClinicalModalities.size());
    int done = 0, perception = 0, descriptions = 0, pairs = 0;
    int byKind[3][3] = {};  // [SourceKind seen/unseen/phantom][split]: items per split by where they come from
    try {
        store::Transaction tx(ws.db());
        if (Status s = siteBases.add(ws, progress.sub(0.3, 0.4)); !s) throw std::runtime_error(s.error().message().toStdString());
        for (Modality m : kClinicalModalities) {
            // Each split renders on the real sources it owns (SourceSplit), else on phantoms:
            // the site's own bases where it has some for this modality, else the packaged ones.
            std::vector<int> basesOf[3];
            for (BenchmarkSplit s : {BenchmarkSplit::Train, BenchmarkSplit::Val, BenchmarkSplit::Test})
                basesOf[int(s)] = SiteBases::realBasesFor(ws, m, s);
            std::vector<std::pair<store::Id, synth::GroundTruth>> bySplit[3];
            for (int i = 0; i < m_options.perModality; ++i) {
                progress.checkCancelled();
                itemProgress.report(double(done) / total,
                                QStringLiteral("%1: item %2 of %3").arg(modalityDisplayName(m)).arg(i + 1).arg(m_options.perModality));
                SynthRecipe recipe;
                recipe.modality = m;
                recipe.seed = mix(m_options.seed, std::uint64_t(modalityIndex(m)) * 1000003ull + std::uint64_t(i));
                recipe.attributes = synth::RecipeSampler::sample(m, recipe.seed);
                // Split by position in a seeded order, so each split has the same mix.
                const double r = double(mix(recipe.seed, 7) % 100000) / 100000.0;
                const int split = r < m_options.trainFraction ? 0 : r < m_options.trainFraction + m_options.valFraction ? 1 : 2;
                const std::vector<int>& own = basesOf[split];
                const double u = double(recipe.seed % 10000) / 10000.0;
                recipe.base = (!own.empty() && u < m_options.realBaseFraction) ? own[recipe.seed % own.size()] : -1;
                recipe.augmented = recipe.base >= 0 && double(mix(recipe.seed, 11) % 1000) / 1000.0 < m_options.augmentedFraction;
                if (recipe.base < 0 && double(mix(recipe.seed, 13) % 1000) / 1000.0 < m_options.variedPhantomFraction)
                    recipe.base = SynthRecipe::kVariedPhantom;
                ++byKind[std::size_t(SiteBases::kindOf(ws, m, recipe.base))][std::size_t(split)];
                auto written = writer.write(recipe, splitKey(BenchmarkSplit(split)), m_options.actor);
                if (!written) return {JobOutcome::Status::Failed, written.error().message(), {}};
                perception += written.value().perceptionTasks;
                descriptions += 1;
                bySplit[split].push_back({written.value().imageId, written.value().truth});
                ++done;
            }
            // Comparison pairs within each split: consecutive items of the same modality.
            for (int s = 0; s < 3; ++s) {
                const auto& items = bySplit[s];
                const int wanted = std::max(1, int(items.size() * m_options.pairFraction));
                for (int k = 0; k + 1 < int(items.size()) && k / 2 < wanted; k += 2) {
                    writer.writePair(items[std::size_t(k)], items[std::size_t(k + 1)], mix(m_options.seed, 99 + std::uint64_t(k)),
                                     splitKey(BenchmarkSplit(s)));
                    ++pairs;
                }
            }
        }
        progress.checkCancelled();
        ws.audit().append(m_options.actor, QStringLiteral("synth.bench"), QStringLiteral("tasks"), std::nullopt,
                          QJsonObject{{"items", total}, {"seed", QString::number(m_options.seed)},
                                      {"site_bases_added", siteBases.addedText()}});
        tx.commit();
    } catch (const jobs::JobCancelled&) {
        writer.removeWrittenFiles();
        siteBases.discard();
        throw;
    } catch (const std::exception& e) {
        writer.removeWrittenFiles();
        siteBases.discard();
        return {JobOutcome::Status::Failed, QStringLiteral("benchmark not built: %1").arg(e.what()), {}};
    }
    const auto counts = ws.tasks().countBySplitAndKind();
    QJsonObject sources;
    for (int s = 0; s < 3; ++s) {
        QJsonObject split;
        for (SourceKind kind : {SourceKind::Seen, SourceKind::Unseen, SourceKind::Phantom})
            split.insert(sourceKindKey(kind), byKind[int(kind)][s]);
        sources.insert(splitKey(BenchmarkSplit(s)), split);
    }
    const int test = int(BenchmarkSplit::Test);
    QString message = QStringLiteral("benchmark: %1 items (%2 description, %3 perception questions, %4 pairs); test split: %5 "
                                     "perception, %6 description; test items on real sources training never sees: %7, on "
                                     "phantoms: %8 (split by source: docs/bases.md)")
                          .arg(total).arg(descriptions).arg(perception + pairs).arg(pairs)
                          .arg(counts.value(QStringLiteral("test/perception"))).arg(counts.value(QStringLiteral("test/description")))
                          .arg(byKind[int(SourceKind::Unseen)][test]).arg(byKind[int(SourceKind::Phantom)][test]);
    QJsonObject details{{"items", total}, {"pairs", pairs}, {"test_perception", counts.value("test/perception")},
                        {"test_description", counts.value("test/description")}, {"sources", sources}};
    siteBases.report(message, details);
    return {JobOutcome::Status::Done, message, details};
}

}  // namespace medq::dataset
