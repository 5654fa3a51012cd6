// One heavy job at a time on a workspace: a lock held by another process refuses at once and
// names its holder, a holder killed with SIGKILL never blocks the next job, the lock is
// re-entrant within a process, and a waiting acquire takes it when it is freed or stops on
// Cancel. The other process is flock(1), holding the same file as a real job would.
#include "jobs/WorkspaceJobLock.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <atomic>
#include <thread>

using namespace medq;
using namespace medq::jobs;

namespace {

Progress quietProgress(const std::atomic<bool>* cancel) { return Progress(cancel, {}); }

}  // namespace

class WorkspaceJobLockTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    QString workspace() {
        const QString dir = m_tmp.filePath(QString::number(++m_n));
        QDir().mkpath(dir);
        return dir;
    }

    // Another process holding the lock, its file naming `what` as a job of process 4711.
    static void holdElsewhere(QProcess& holder, const QString& ws, const QString& what) {
        const QString file = ws + "/locks/jobs.lock";
        QDir().mkpath(ws + "/locks");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(QJsonObject{{"what", what}, {"pid", 4711}, {"host", "ws-3"},
                                          {"since", "2026-12-04T10:31:00Z"}})
                    .toJson(QJsonDocument::Compact));
        f.close();
        holder.start("flock", {"-n", "-o", file, "sleep", "60"});  // -o: only flock holds it
        QVERIFY(holder.waitForStarted());
        QElapsedTimer clock;
        clock.start();
        while (!WorkspaceJobLock::holder(ws) && clock.elapsed() < 10000) QTest::qWait(20);
        QVERIFY2(WorkspaceJobLock::holder(ws), "flock(1) never took the lock");
    }

private slots:
    void aHeldLockRefusesAtOnceAndNamesItsHolder() {
        const QString ws = workspace();
        QProcess other;
        holdElsewhere(other, ws, "medq loop run ws --rounds 1");
        QElapsedTimer clock;
        clock.start();
        auto refused = WorkspaceJobLock::tryAcquire(ws, "medq model train ws");
        QVERIFY(!refused);
        QVERIFY(clock.elapsed() < 2000);
        const QString message = refused.error().message();
        QVERIFY2(message.contains("medq loop run ws --rounds 1"), qPrintable(message));
        QVERIFY2(message.contains("process 4711 on ws-3"), qPrintable(message));
        QVERIFY2(message.contains("2026-12-04 10:31:00 UTC"), qPrintable(message));
        QVERIFY(WorkspaceJobLock::isBusyMessage(message));
        QCOMPARE(WorkspaceJobLock::holder(ws)->pid, 4711);
        other.kill();
        other.waitForFinished();
    }

    void aHolderKilledWithSigkillNeverBlocks() {
        const QString ws = workspace();
        QProcess other;
        holdElsewhere(other, ws, "medq pool add ws /archive");
        ::kill(pid_t(other.processId()), SIGKILL);
        QVERIFY(other.waitForFinished());
        QVERIFY(!WorkspaceJobLock::holder(ws));
        auto lock = WorkspaceJobLock::tryAcquire(ws, "medq loop run ws");
        QVERIFY2(lock, qPrintable(lock ? QString() : lock.error().message()));
        const auto me = WorkspaceJobLock::holder(ws);
        QVERIFY(me);
        QCOMPARE(me->pid, qint64(QCoreApplication::applicationPid()));
        QCOMPARE(me->what, QStringLiteral("medq loop run ws"));
    }

    void reentrantWithinAProcessAndFreedByTheLastHolder() {
        const QString ws = workspace();
        {
            auto outer = WorkspaceJobLock::tryAcquire(ws, "demo");
            QVERIFY(outer);
            {
                auto inner = WorkspaceJobLock::tryAcquire(ws + "/.", "train inside the demo");
                QVERIFY(inner);
            }
            QVERIFY(WorkspaceJobLock::holder(ws));  // the outer hold remains
            // Another process is refused while this one holds it.
            QProcess probe;
            probe.start("flock", {"-n", ws + "/locks/jobs.lock", "true"});
            QVERIFY(probe.waitForFinished());
            QCOMPARE(probe.exitCode(), 1);
        }
        QVERIFY(!WorkspaceJobLock::holder(ws));
        QProcess probe;
        probe.start("flock", {"-n", ws + "/locks/jobs.lock", "true"});
        QVERIFY(probe.waitForFinished());
        QCOMPARE(probe.exitCode(), 0);
    }

    void aWaitingAcquireTakesTheLockWhenFreed() {
        const QString ws = workspace();
        QProcess other;
        holdElsewhere(other, ws, "medq synth bench ws");
        std::thread release([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
            ::kill(pid_t(other.processId()), SIGTERM);
        });
        std::atomic<bool> cancel{false};
        QStringList phrases;
        const Progress progress(&cancel, [&](double, const QString& phrase) { phrases << phrase; });
        auto lock = WorkspaceJobLock::acquireWaiting(ws, "medq loop run ws --wait", progress);
        release.join();
        other.waitForFinished();
        QVERIFY(lock);
        QVERIFY(!phrases.isEmpty());
        QVERIFY2(phrases.front().contains("Waiting for medq synth bench ws"), qPrintable(phrases.front()));
    }

    void aWaitingAcquireStopsOnCancel() {
        const QString ws = workspace();
        QProcess other;
        holdElsewhere(other, ws, "medq model train ws");
        std::atomic<bool> cancel{false};
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            cancel = true;
        });
        bool cancelled = false;
        try {
            auto lock = WorkspaceJobLock::acquireWaiting(ws, "medq loop run ws --wait", quietProgress(&cancel));
        } catch (const JobCancelled&) {
            cancelled = true;
        }
        canceller.join();
        QVERIFY(cancelled);
        other.kill();
        other.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(WorkspaceJobLockTest)
#include "tst_workspace_job_lock.moc"
