#pragma once
// Builds (or refreshes) the demo workspace: imports the real sample images that Debian
// packages install, each with its known modality, and queues them for review.
#include "jobs/Job.h"

namespace medq::ingest {

class DemoWorkspaceJob : public jobs::Job {
public:
    explicit DemoWorkspaceJob(QString workspaceDir) : m_dir(std::move(workspaceDir)) {}
    QString kind() const override { return QStringLiteral("demo"); }
    QString title() const override { return QStringLiteral("Build the demo workspace"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override;
    // Default location: <user data>/medq/demo.
    static QString defaultLocation();

private:
    QString m_dir;
};

}  // namespace medq::ingest
