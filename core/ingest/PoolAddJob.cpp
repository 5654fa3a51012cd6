#include "ingest/PoolAddJob.h"

#include "jobs/WorkspaceJobLock.h"
#include "store/Workspace.h"

namespace medq::ingest {

using jobs::JobOutcome;

PoolAddJob::PoolAddJob(QString workspaceDir, PoolAddOptions options)
    : m_workspaceDir(std::move(workspaceDir)), m_options(std::move(options)) {}

QString PoolAddJob::title() const {
    return m_options.paths.size() == 1 ? QStringLiteral("Add %1 to the pool").arg(m_options.paths.front())
                                       : QStringLiteral("Add %1 folders to the pool").arg(m_options.paths.size());
}

JobOutcome PoolAddJob::run(const jobs::Progress& progress) {
    auto lock = jobs::WorkspaceJobLock::forJob(m_workspaceDir, title(), false, progress);
    if (!lock) return {JobOutcome::Status::Failed, lock.error().message(), {}};
    auto opened = store::Workspace::open(m_workspaceDir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    try {
        PoolFileScanner scanner(*opened.value(), m_options);
        const PoolAddReport report = scanner.run(progress);
        return {JobOutcome::Status::Done, report.summary(), report.toJson()};
    } catch (const jobs::JobCancelled&) {
        throw;
    } catch (const std::exception& e) {
        return {JobOutcome::Status::Failed,
                QStringLiteral("pool add stopped (files registered so far are kept): %1").arg(e.what()),
                {}};
    }
}

}  // namespace medq::ingest
