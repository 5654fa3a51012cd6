#pragma once
// Grows the workspace's retrieval pool by N synthetic items stored as recipes (no pixels;
// rendered on demand). Appends: an existing pool keeps its items and ids.
#include "jobs/Job.h"

#include <cstdint>

namespace medq::dataset {

struct PoolOptions {
    std::int64_t size = 100000;
    std::uint64_t seed = 7;
    // A folder of the site's own clean images to register as bases first (SiteBaseScan);
    // modalities with site bases render the pool on their training sources.
    QString siteBasesDir;
    QString actor = QStringLiteral("system");
};

class PoolBuildJob : public jobs::Job {
public:
    PoolBuildJob(QString workspaceDir, PoolOptions options) : m_dir(std::move(workspaceDir)), m_options(options) {}
    QString kind() const override { return QStringLiteral("synth.pool"); }
    QString title() const override { return QStringLiteral("Build the pool"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir;
    PoolOptions m_options;
};

}  // namespace medq::dataset
