#pragma once
// Logging: spdlog to the console (level from --verbose) and, once a workspace is open,
// to a rotating file inside it (logs/medq.log, 5 x 5 MB).
#include <QString>
#include <spdlog/spdlog.h>

namespace medq::log {

// verbosity: 0 = warnings and errors, 1 = info, 2+ = debug.
void initConsole(int verbosity);
// Adds (or replaces) the rotating file sink in `workspaceDir`/logs.
void attachWorkspace(const QString& workspaceDir);
// Removes the file sink (before a workspace folder is deleted, e.g. in tests).
void detachWorkspace();

inline std::string str(const QString& s) { return s.toStdString(); }

}  // namespace medq::log
