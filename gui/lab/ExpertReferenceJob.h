#pragma once
// Scores the simulated annotator on the workspace's test split (learn::ExpertBaseline), so
// the dashboard's "expert" line is this benchmark's figure and not a default. Runs on the
// engine thread; the result holds {accuracy, rubric, descriptions, perceptionTotal}, or is
// empty when the workspace has no synthetic test tasks.
#include "jobs/Job.h"

namespace medq::gui {

class ExpertReferenceJob : public jobs::Job {
public:
    explicit ExpertReferenceJob(QString workspaceDir) : m_dir(std::move(workspaceDir)) {}
    QString kind() const override { return QStringLiteral("lab.expert-reference"); }
    QString title() const override;
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir;
};

}  // namespace medq::gui
