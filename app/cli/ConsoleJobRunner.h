#pragma once
// Runs one job on the engine thread from the command line: prints progress to stderr,
// turns Ctrl+C into Cancel, and returns the outcome.
#include "jobs/Job.h"

#include <memory>

namespace medq::cli {

jobs::JobOutcome runJobInConsole(std::unique_ptr<jobs::Job> job, bool quiet);

}  // namespace medq::cli
