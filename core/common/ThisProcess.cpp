#include "common/ThisProcess.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace medq {

qint64 thisProcessId() { return qint64(::getpid()); }

QString thisHostName() {
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 ? QString::fromLocal8Bit(name) : QString();
}

bool processAlive(qint64 pid) {
    if (pid <= 0) return false;
    // EPERM: it exists but belongs to another user.
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

}  // namespace medq
