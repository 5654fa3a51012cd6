// How a group of real processes fails: a rank that never joins is named by rank 0 (with the
// master's address) within the join timeout; a worker with no master gives up naming the
// address; a second process claiming a rank, or one given another world size, is refused; a rank killed with SIGKILL in the
// middle of all-reduces leaves the survivor with an error naming the operation at once,
// never a hang or a crash, whether the dead rank was a worker or rank 0 (which serves the
// store); a frozen rank (SIGSTOP) ends the survivor's wait at the collective timeout.
#include "PeerRun.h"
#include "support/TestPorts.h"

#include <unistd.h>

#include <csignal>

using medq::test::PeerOutcome;
using medq::test::PeerRun;

namespace {

// For failures that need no other process: the join gives up after 3 s.
const QStringList kShortTimeouts{QStringLiteral("--timeout"), QStringLiteral("5"), QStringLiteral("--join-timeout"), QStringLiteral("3")};
// Where rank 1 must still join in time: a process linking libtorch can take a few seconds
// to start on a loaded 2-core machine.
const QStringList kJoinWithin6{QStringLiteral("--timeout"), QStringLiteral("5"), QStringLiteral("--join-timeout"), QStringLiteral("6")};
const QStringList kJoinWithin20{QStringLiteral("--timeout"), QStringLiteral("5"), QStringLiteral("--join-timeout"), QStringLiteral("20")};

}  // namespace

class DistFailuresTest : public QObject {
    Q_OBJECT

private slots:
    void aRankThatNeverJoinsIsNamed() {
        PeerRun run(QStringLiteral("join"), 3, PeerRun::Store::Tcp, kJoinWithin6);
        QVERIFY(run.start({0, 1}));  // rank 2 never comes
        QElapsedTimer clock;
        clock.start();
        const auto out = run.finish(30000);
        QVERIFY2(clock.elapsed() < 20000, "the join timeout of 6 s was not kept");
        const QString missing = QStringLiteral("rank 2 did not join the group at %1 within 6 s (joined: 0, 1)").arg(run.master());
        QVERIFY2(!out[0].crashed && out[0].exitCode == 1, medq::test::describe(out));
        QVERIFY2(out[0].err.contains(QStringLiteral("rank 0 of 3: ") + missing), qPrintable(out[0].err));
        // The worker names the missing rank too, unless rank 0 gave up first and took the store with it.
        QVERIFY2(!out[1].crashed && out[1].exitCode == 1, medq::test::describe(out));
        QVERIFY2(out[1].err.contains(QStringLiteral("rank 1 of 3: ") + missing) ||
                     out[1].err.contains(QStringLiteral("rank 1 of 3: lost rank 0's store at %1 while waiting for the others to join").arg(run.master())),
                 qPrintable(out[1].err));
    }

    void aWorkerWithoutMasterNamesTheAddress() {
        const int port = medq::test::unusedPort();
        QVERIFY(port > 0);
        const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
        PeerRun run(QStringLiteral("join"), 2, PeerRun::Store::Tcp, kShortTimeouts);
        run.startRank(1, address);
        const auto out = run.finish(30000);
        QVERIFY2(!out[1].crashed && out[1].exitCode == 1, medq::test::describe(out));
        QVERIFY2(out[1].err.contains(QStringLiteral("rank 1 of 2: cannot reach the master (rank 0) at %1 within 3 s").arg(address)),
                 qPrintable(out[1].err));
    }

    void aRankTakenTwiceOrAnotherWorldSizeIsRefused() {
        PeerRun run(QStringLiteral("linger"), 2, PeerRun::Store::Tcp, kJoinWithin20);
        QVERIFY(run.start());
        // At the same time: another rank 1, and a rank 2 that thinks the group has 3 ranks.
        const auto intruder = [&](int rank, int worldSize) {
            auto p = std::make_unique<QProcess>();
            p->start(QStringLiteral(DIST_PEER_PATH), QStringList{QStringLiteral("linger"), QStringLiteral("--rank"), QString::number(rank),
                                                                 QStringLiteral("--world-size"), QString::number(worldSize),
                                                                 QStringLiteral("--master"), run.master()} +
                                                         kJoinWithin20);
            return p;
        };
        const auto second = intruder(1, 2);
        const auto bigger = intruder(2, 3);
        QVERIFY(second->waitForFinished(20000));
        QVERIFY(bigger->waitForFinished(20000));
        const auto out = run.finish(20000);
        QVERIFY2(out[0].exitCode == 0, medq::test::describe(out));
        // Whichever rank 1 came second is refused; the other completes the group.
        const QString secondErr = QString::fromUtf8(second->readAllStandardError());
        QCOMPARE(QList<int>({out[1].exitCode, second->exitCode()}).count(1), 1);
        const QString refusal = out[1].exitCode == 1 ? out[1].err : secondErr;
        QVERIFY2(refusal.contains(QStringLiteral("rank 1 of 2: another process has already joined %1 as rank 1").arg(run.master())),
                 qPrintable(refusal));
        QCOMPARE(bigger->exitCode(), 1);
        const QString biggerErr = QString::fromUtf8(bigger->readAllStandardError());
        QVERIFY2(biggerErr.contains(QStringLiteral("rank 2 of 3: rank 0 at %1 started a group of 2 processes, not 3").arg(run.master())),
                 qPrintable(biggerErr));
    }

    void aRankLostDuringAllReduceIsAnErrorForTheSurvivor_data() {
        QTest::addColumn<int>("victim");
        QTest::addColumn<int>("signal");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("withinMs");
        // A lost connection is seen at once, well before the 5 s collective timeout.
        QTest::newRow("worker killed") << 1 << SIGKILL << "all-reduce failed: lost the connection to rank 1" << 4000;
        QTest::newRow("rank 0 (the store) killed") << 0 << SIGKILL << "all-reduce failed: lost the connection to rank 0" << 4000;
        // A frozen rank keeps its connections open: the collective timeout ends the wait.
        QTest::newRow("worker frozen") << 1 << SIGSTOP << "all-reduce timed out after 5 s waiting for rank 1" << 15000;
    }
    void aRankLostDuringAllReduceIsAnErrorForTheSurvivor() {
        QFETCH(int, victim);
        QFETCH(int, signal);
        QFETCH(QString, expected);
        QFETCH(int, withinMs);
        const int survivor = 1 - victim;
        PeerRun run(QStringLiteral("loop"), 2, PeerRun::Store::Tcp,
                    {QStringLiteral("--timeout"), QStringLiteral("5"), QStringLiteral("--join-timeout"), QStringLiteral("20")});
        QVERIFY(run.start());
        QVERIFY2(!run.waitForValue(victim, QStringLiteral("looping"), 30000).isEmpty(), "the ranks never started all-reducing");
        QElapsedTimer clock;
        clock.start();
        const pid_t victimPid = pid_t(run.process(victim)->processId());
        ::kill(victimPid, signal);
        QProcess* other = run.process(survivor);
        const bool ended = other->waitForFinished(30000);
        const qint64 took = clock.elapsed();
        if (signal == SIGSTOP) ::kill(victimPid, SIGKILL);
        const auto out = run.finish(30000);
        QVERIFY2(ended, "the survivor hung");
        QVERIFY(out[std::size_t(victim)].crashed);
        const PeerOutcome& o = out[std::size_t(survivor)];
        QVERIFY2(!o.crashed && o.exitCode == 1, medq::test::describe(out));
        QVERIFY2(o.err.contains(QStringLiteral("error: rank %1 of 2: ").arg(survivor) + expected), qPrintable(o.err));
        QVERIFY2(took < withinMs, qPrintable(QStringLiteral("%1 ms").arg(took)));
    }
};

QTEST_GUILESS_MAIN(DistFailuresTest)
#include "tst_dist_failures.moc"
