#pragma once
// Reading a running process's output line by line, for tests that start several medq
// processes (a group's rank 0 and its workers) and act on what they print.
#include <QElapsedTimer>
#include <QProcess>
#include <QString>

namespace medq::test {

// Reads `p`'s stdout into `out` until a line containing `text` (true) or `ms` pass (false).
inline bool waitForLine(QProcess& p, QString& out, const QString& text, int ms) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms) {
        if (!p.canReadLine() && !p.waitForReadyRead(100) && p.state() == QProcess::NotRunning) return false;
        while (p.canReadLine()) {
            const QString line = QString::fromUtf8(p.readLine());
            out += line;
            if (line.contains(text)) return true;
        }
    }
    return false;
}

// Rank 0 of a group started on port 0 prints where it listens ("rank 0 listening on
// HOST:PORT; start each worker with: ..."): that address, read from `lead`'s stdout into
// `out`, or empty when it does not say so within `ms`.
inline QString waitForMaster(QProcess& lead, QString& out, int ms) {
    if (!waitForLine(lead, out, QStringLiteral("listening on "), ms)) return {};
    return out.mid(out.indexOf(QStringLiteral("listening on ")) + 13).section(QLatin1Char(';'), 0, 0);
}

}  // namespace medq::test
