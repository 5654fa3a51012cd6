#include "ingest/WorkspaceJobs.h"

#include "jobs/RecordedJob.h"
#include "store/Workspace.h"

namespace medq::ingest {

std::unique_ptr<jobs::Job> recordedInWorkspace(const QString& workspaceDir, std::unique_ptr<jobs::Job> job) {
    // Each callback opens its own connection: it runs on the engine thread.
    auto onStart = [workspaceDir](const QString& kind, const QString& title) -> std::int64_t {
        auto ws = store::Workspace::open(workspaceDir);
        if (!ws) return 0;
        return ws.value()->jobs().start(kind, QJsonObject{{"title", title}});
    };
    auto onFinish = [workspaceDir](std::int64_t id, const jobs::JobOutcome& outcome) {
        auto ws = store::Workspace::open(workspaceDir);
        if (!ws || id == 0) return;
        ws.value()->jobs().finish(id, jobs::JobOutcome::runStatus(outcome.status), outcome.message);
    };
    return std::make_unique<jobs::RecordedJob>(std::move(job), onStart, onFinish);
}

}  // namespace medq::ingest
