#pragma once
// Fits a checkpoint's answer temperature (train::AnswerTemperature) on a split's perception
// questions and saves the checkpoint with it, as an engine job. For checkpoints trained
// before training calibrated its answers, or to recalibrate on a site's own validation split.
#include "jobs/Job.h"

namespace medq::learn {

struct CalibrateOptions {
    QString checkpoint;  // name or path; empty: the workspace's current checkpoint
    QString split = QStringLiteral("val");  // never the split the scores are reported on
    QString actor = QStringLiteral("system");
};

class CalibrateModelJob : public jobs::Job {
public:
    CalibrateModelJob(QString workspaceDir, CalibrateOptions options) : m_dir(std::move(workspaceDir)), m_options(std::move(options)) {}
    QString kind() const override { return QStringLiteral("calibrate"); }
    QString title() const override { return QStringLiteral("Calibrate the model's answers"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir;
    CalibrateOptions m_options;
};

}  // namespace medq::learn
