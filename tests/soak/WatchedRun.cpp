#include "WatchedRun.h"

#include "SoakJobs.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <sqlite3.h>

namespace medq::soak {
namespace {

// Reads the running round step through a read-only connection of its own: cheap enough to
// ask every few milliseconds, and it never writes to the workspace it watches.
class StepProbe {
public:
    explicit StepProbe(const QString& workspace) {
        const QByteArray path = QFile::encodeName(workspace + QStringLiteral("/workspace.sqlite"));
        if (sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) close();
        else sqlite3_busy_timeout(m_db, 20);
    }
    ~StepProbe() { close(); }
    StepProbe(const StepProbe&) = delete;
    StepProbe& operator=(const StepProbe&) = delete;

    // "evaluate" before any step is committed, "after assess" once the last one is; empty
    // when the database could not be read just now.
    QString runningStep() {
        if (!m_db) return {};
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(m_db, "SELECT step FROM rounds ORDER BY number DESC LIMIT 1", -1, &s, nullptr) != SQLITE_OK)
            return {};
        const int rc = sqlite3_step(s);
        QString committed;
        if (rc == SQLITE_ROW && sqlite3_column_text(s, 0))
            committed = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return {};
        const QStringList steps = roundStepNames();
        if (committed.isEmpty()) return steps.first();
        const int at = steps.indexOf(committed);
        return at + 1 < steps.size() ? steps[at + 1] : QStringLiteral("after ") + steps.last();
    }

private:
    void close() {
        if (m_db) sqlite3_close(m_db);
        m_db = nullptr;
    }
    sqlite3* m_db = nullptr;
};

}  // namespace

RunResult runWatched(const QString& medq, const QStringList& args, const QString& workspace, bool roundSteps,
                     const KillPlan& plan, const QString& stderrFile, qint64 limitMs) {
    RunResult result;
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(stderrFile);
    QElapsedTimer clock;
    p.start(medq, args);
    clock.start();
    if (!p.waitForStarted()) {
        result.stderrTail = QStringLiteral("cannot start %1").arg(medq);
        return result;
    }
    StepProbe probe(workspace);
    qint64 killAt = plan.step.isEmpty() ? plan.atMs : -1;
    QString lastSeen;
    while (p.state() == QProcess::Running) {
        const qint64 now = clock.elapsed();
        if (roundSteps) {
            if (const QString step = probe.runningStep(); !step.isEmpty()) lastSeen = step;
            if (!lastSeen.isEmpty()) {
                auto& window = result.stepWindows[lastSeen];
                if (window.second == 0) window.first = now;
                window.second = now;
            }
            if (killAt < 0 && !plan.step.isEmpty() && lastSeen == plan.step) killAt = now + plan.delayMs;
        }
        if (killAt >= 0 && now >= killAt) {
            p.kill();  // SIGKILL
            p.waitForFinished();
            result.killed = true;
            break;
        }
        if (now > limitMs) {
            p.kill();
            p.waitForFinished();
            result.stderrTail = QStringLiteral("ran past %1 s").arg(limitMs / 1000);
            return result;
        }
        p.waitForFinished(roundSteps ? 3 : int(killAt >= 0 ? std::clamp<qint64>(killAt - now, 1, 20) : 20));
    }
    result.durationMs = clock.elapsed();
    if (result.killed && roundSteps) {
        const QString step = probe.runningStep();  // what the dead process committed last
        result.killedStep = step.isEmpty() ? lastSeen : step;
    }
    if (!result.killed) result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    QFile err(stderrFile);
    if (err.open(QIODevice::ReadOnly)) {
        const QStringList lines = QString::fromUtf8(err.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        result.stderrTail = lines.mid(std::max(0, int(lines.size()) - 2)).join(QStringLiteral(" | "));
    }
    return result;
}

}  // namespace medq::soak
