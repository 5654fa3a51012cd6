#pragma once
// One heavy job at a time on a workspace, across processes (the CLI, the workstation,
// workers): a loop round, model training, pool add, synthetic benchmark and pool builds and
// reference sets each hold this lock while they run (docs/architecture.md, "Which jobs may
// run together"). It is an flock(2) on `WORKSPACE/locks/jobs.lock`, so the kernel drops it
// when its process ends in any way (kill -9, power loss): nobody ever has to clear it. The
// file names the holder (what, process id, host, since when) for the refusal message.
//
// Within one process the lock is re-entrant (the demo's job runs training and a round
// inside it; `medq loop run` holds it across its rounds); jobs of one process already run
// one at a time on the engine thread.
#include "common/Result.h"
#include "jobs/Progress.h"

#include <QString>
#include <memory>

namespace medq::jobs {

// Who holds a workspace's job lock, as its file says.
struct JobLockHolder {
    QString what;   // the job or command, e.g. "medq loop run"
    qint64 pid = 0;
    QString host;
    QString since;  // ISO 8601, UTC
    QString describe() const;  // "medq loop run (process 4711 on ws-3, since 2026-12-04 10:31 UTC)"
};

class WorkspaceJobLock {
public:
    // Exit status the CLI gives a command refused because another job holds the lock.
    static constexpr int kBusyExitCode = 1;

    WorkspaceJobLock(WorkspaceJobLock&&) noexcept;
    WorkspaceJobLock& operator=(WorkspaceJobLock&&) noexcept;
    ~WorkspaceJobLock();  // releases (the last holder within the process)

    // Takes the lock of the workspace at `workspaceDir` for `what`, or fails at once with a
    // message that names the holder.
    static Result<WorkspaceJobLock> tryAcquire(const QString& workspaceDir, const QString& what);
    // The same, waiting while another process holds it (checking `progress` for cancel and
    // reporting whom it waits for).
    static Result<WorkspaceJobLock> acquireWaiting(const QString& workspaceDir, const QString& what,
                                                   const Progress& progress);
    // For the run() of a job that must not overlap another heavy job: the lock, taken for
    // `title` and this process's command line, waiting for it when `wait` is set.
    static Result<WorkspaceJobLock> forJob(const QString& workspaceDir, const QString& title, bool wait,
                                           const Progress& progress);
    // Who holds it now; nullopt when nobody does.
    static std::optional<JobLockHolder> holder(const QString& workspaceDir);
    // Whether a refusal's message came from this lock (the workstation offers to wait then).
    static bool isBusyMessage(const QString& message);

    struct Shared;  // the process's hold on one workspace's lock (WorkspaceJobLock.cpp)

private:
    explicit WorkspaceJobLock(std::shared_ptr<Shared> shared);
    std::shared_ptr<Shared> m_shared;
};

}  // namespace medq::jobs
