#pragma once
// Records a job's run in the workspace's jobs table (kind, start, status, message), so the
// workspace tells which imports, benchmarks, trainings and evaluations ran and how they ended.
#include "jobs/Job.h"

#include <memory>

namespace medq::ingest {

std::unique_ptr<jobs::Job> recordedInWorkspace(const QString& workspaceDir, std::unique_ptr<jobs::Job> job);

}  // namespace medq::ingest
