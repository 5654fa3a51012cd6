#pragma once
// Runs one `medq` command on a workspace and SIGKILLs it at a moment: a time after its
// start, or, for a loop run, a delay after a chosen round step was first seen running (the
// step after the one its round last committed, read every few milliseconds).
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace medq::soak {

struct KillPlan {
    qint64 atMs = -1;      // after the start; < 0: never (unless a step is targeted)
    QString step;          // loop runs: kill `delayMs` after this step is first seen running
    qint64 delayMs = 0;
};

struct RunResult {
    bool killed = false;       // SIGKILL arrived while it ran
    int exitCode = -1;         // when it exited by itself
    qint64 durationMs = 0;     // until it exited or was killed
    QString stderrTail;        // the last lines it wrote to stderr
    QString killedStep;        // loop runs: the round step running at the kill
    QMap<QString, QPair<qint64, qint64>> stepWindows;  // loop runs: step -> [first seen, last seen] ms
};

// `stderrFile` collects the command's stderr; it runs at most `limitMs`.
RunResult runWatched(const QString& medq, const QStringList& args, const QString& workspace, bool roundSteps,
                     const KillPlan& plan, const QString& stderrFile, qint64 limitMs = 1800000);

}  // namespace medq::soak
