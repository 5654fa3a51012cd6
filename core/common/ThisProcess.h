#pragma once
// Who this process is (process id, host name) and whether another process of this host is
// still alive: for rows and lock files that name the process that wrote them.
#include <QString>

namespace medq {

qint64 thisProcessId();
QString thisHostName();
// Whether process `pid` of this host exists (kill(pid, 0)). A reused id reads as alive, so a
// dead owner may be seen late, never a live one taken for dead.
bool processAlive(qint64 pid);

}  // namespace medq
