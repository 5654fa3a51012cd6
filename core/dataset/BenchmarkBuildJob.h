#pragma once
// Builds the fixed evaluation benchmark in a workspace: synthetic items with exact ground
// truth per modality, split train/val/test, each with a description request and its
// perception questions (yes/no, what, how), plus image pairs with comparison questions.
// One transaction: a cancelled or failed build leaves the workspace unchanged.
#include "jobs/Job.h"

#include <cstdint>

namespace medq::dataset {

struct BenchmarkOptions {
    // 330 per modality gives a test split (40%) of 660 description items and ~2,600
    // perception questions, the size of MedQ-Bench for these five modalities.
    int perModality = 330;
    std::uint64_t seed = 2026;
    double trainFraction = 0.45;
    double valFraction = 0.15;     // the rest is test
    double pairFraction = 0.1;     // comparison pairs per item
    double realBaseFraction = 0.3; // items on a real sample image rather than a phantom
    // Of the items on a real (or site) base, the share whose base is varied first
    // (synth::BaseAugmenter): variety where real sources are few.
    double augmentedFraction = 0.5;
    // Of the items on phantoms, the share on the varied generation (more anatomy, every size
    // and position: synth::Phantoms::varied).
    double variedPhantomFraction = 0.5;
    // A folder of the site's own clean images to register as bases first (SiteBaseScan).
    // Every modality with site bases (registered now or before) renders on them instead of
    // the packaged samples.
    QString siteBasesDir;
    QString actor = QStringLiteral("system");
};

class BenchmarkBuildJob : public jobs::Job {
public:
    BenchmarkBuildJob(QString workspaceDir, BenchmarkOptions options)
        : m_dir(std::move(workspaceDir)), m_options(options) {}
    QString kind() const override { return QStringLiteral("synth.bench"); }
    QString title() const override { return QStringLiteral("Build the benchmark"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir;
    BenchmarkOptions m_options;
};

}  // namespace medq::dataset
