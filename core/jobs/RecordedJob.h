#pragma once
// Wraps a job so that its start and its outcome are written to a journal (the workspace's
// jobs table, see ingest::recordedInWorkspace), whatever the job is and however it ends.
#include "jobs/Job.h"

#include <cstdint>
#include <functional>
#include <memory>

namespace medq::jobs {

class RecordedJob : public Job {
public:
    using OnStart = std::function<std::int64_t(const QString& kind, const QString& title)>;
    using OnFinish = std::function<void(std::int64_t id, const JobOutcome& outcome)>;

    RecordedJob(std::unique_ptr<Job> inner, OnStart onStart, OnFinish onFinish)
        : m_inner(std::move(inner)), m_onStart(std::move(onStart)), m_onFinish(std::move(onFinish)) {}
    QString kind() const override { return m_inner->kind(); }
    QString title() const override { return m_inner->title(); }
    JobOutcome run(const Progress& progress) override;

private:
    std::unique_ptr<Job> m_inner;
    OnStart m_onStart;
    OnFinish m_onFinish;
};

}  // namespace medq::jobs
