#pragma once
// `medq pool add` and Pool > Add folder as a job: PoolFileScanner on the engine thread with
// progress, time left and Cancel. Unlike an import, Cancel keeps the files registered so far
// (hundreds of thousands may be); running the same addition again continues from there.
#include "ingest/PoolFileScanner.h"
#include "jobs/Job.h"

namespace medq::ingest {

class PoolAddJob : public jobs::Job {
public:
    PoolAddJob(QString workspaceDir, PoolAddOptions options);
    QString kind() const override { return QStringLiteral("pool.add"); }
    QString title() const override;
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_workspaceDir;
    PoolAddOptions m_options;
};

}  // namespace medq::ingest
