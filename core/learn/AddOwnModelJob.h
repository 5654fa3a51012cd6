#pragma once
// Lab > Models > Add TorchScript Model as an engine job: registerOwnModel, which loads a
// site's module and runs it on probe images (seconds for a small module, longer for a large one).
#include "jobs/Job.h"
#include "learn/OwnModelRegistration.h"

namespace medq::learn {

class AddOwnModelJob : public jobs::Job {
public:
    AddOwnModelJob(QString workspaceDir, OwnModelRequest request) : m_dir(std::move(workspaceDir)), m_request(std::move(request)) {}
    QString kind() const override { return QStringLiteral("add-model"); }
    QString title() const override { return QStringLiteral("Add a TorchScript model"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir;
    OwnModelRequest m_request;
};

}  // namespace medq::learn
