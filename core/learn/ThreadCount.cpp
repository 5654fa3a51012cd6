#include "learn/ThreadCount.h"

#include <QFile>
#include <QThread>

namespace medq::learn {

int suggestedThreadCount() {
    QFile f(QStringLiteral("/proc/loadavg"));
    double load = 0;
    if (f.open(QIODevice::ReadOnly)) load = f.readLine().split(' ').value(0).toDouble();
    return load < 1.0 ? std::max(1, QThread::idealThreadCount()) : 1;
}

}  // namespace medq::learn
