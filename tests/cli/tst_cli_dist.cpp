// `medq dist selftest` (rank 0) with `medq worker`s as a lead starts them, on 127.0.0.1:
// 2 and 3 processes pass the self-test and print their all-reduce timings; a worker with no
// master and a worker that never joins are named; usage errors exit 1.
#include "support/CliRunner.h"
#include "support/TestPorts.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QtTest>
#include <unistd.h>
#include <memory>
#include <vector>

namespace test = medq::test;

namespace {

const QStringList kQuick{"--threads", "1", "--timeout", "20", "--join-timeout", "30"};

// Starts `medq dist selftest` on port 0 and returns the address it printed (empty on failure).
QString startLead(QProcess& lead, int worldSize, const QStringList& extra) {
    lead.start(MEDQ_CLI_PATH, QStringList{"dist", "selftest", "--world-size", QString::number(worldSize), "--master",
                                          "127.0.0.1:0", "--sizes", "1K,64K", "--repeats", "3"} +
                                  extra);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 30000 && lead.state() != QProcess::NotRunning) {
        lead.waitForReadyRead(200);
        while (lead.canReadLine()) {
            const QString line = QString::fromUtf8(lead.readLine());
            const int at = line.indexOf("listening on ");
            if (at >= 0) return line.mid(at + 13).section(';', 0, 0);
        }
    }
    return {};
}

std::unique_ptr<QProcess> startWorker(const QString& master, int rank, int worldSize, const QStringList& extra) {
    auto p = std::make_unique<QProcess>();
    p->start(MEDQ_CLI_PATH, QStringList{"worker", "--master", master, "--rank", QString::number(rank), "--world-size",
                                        QString::number(worldSize)} +
                                extra);
    return p;
}

}  // namespace

class CliDistTest : public QObject {
    Q_OBJECT

private slots:
    void selftestPassesWithWorkers_data() {
        QTest::addColumn<int>("worldSize");
        QTest::newRow("2 processes") << 2;
        QTest::newRow("3 processes") << 3;
    }
    void selftestPassesWithWorkers() {
        QFETCH(int, worldSize);
        QProcess lead;
        const QString master = startLead(lead, worldSize, kQuick);
        QVERIFY2(master.startsWith("127.0.0.1:") && !master.endsWith(":0"), qPrintable(master + lead.readAllStandardError()));
        std::vector<std::unique_ptr<QProcess>> workers;
        for (int r = 1; r < worldSize; ++r) workers.push_back(startWorker(master, r, worldSize, kQuick));
        QVERIFY(lead.waitForFinished(60000));
        const QString out = QString::fromUtf8(lead.readAllStandardOutput());
        const QString err = QString::fromUtf8(lead.readAllStandardError());
        QVERIFY2(lead.exitCode() == 0, qPrintable(out + err));
        QVERIFY2(out.contains(QString("all %1 ranks joined").arg(worldSize)), qPrintable(out));
        QVERIFY2(out.contains(QString("selftest passed on %1 ranks").arg(worldSize)), qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression("\\n\\s*1 KiB\\s+\\d+\\.\\d+\\s+\\d+\\.\\d+\\s+\\d+\\.\\d\\s+\\d+\\.\\d")), qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression("\\n\\s*64 KiB\\s+\\d+\\.\\d+")), qPrintable(out));
        for (int r = 1; r < worldSize; ++r) {
            QProcess& w = *workers[std::size_t(r - 1)];
            QVERIFY(w.waitForFinished(30000));
            const QString wout = QString::fromUtf8(w.readAllStandardOutput());
            QVERIFY2(w.exitCode() == 0, qPrintable(wout + w.readAllStandardError()));
            QVERIFY2(wout.contains(QString("rank %1 of %2 joined the group at %3").arg(r).arg(worldSize).arg(master)), qPrintable(wout));
            QVERIFY2(wout.contains(QString("rank %1 of %2: selftest passed").arg(r).arg(worldSize)), qPrintable(wout));
            QVERIFY2(wout.contains(QString("rank %1 of %2: rank 0 ended the run").arg(r).arg(worldSize)), qPrintable(wout));
        }
    }

    void selftestOnOneProcess() {
        const auto r = test::runMedq({"dist", "selftest", "--world-size", "1", "--sizes", "4K", "--repeats", "2", "--threads", "1"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains("selftest passed on 1 ranks"));
        QVERIFY(r.out.contains("4 KiB"));
    }

    void aWorkerThatNeverJoinsIsNamed() {
        QProcess lead;
        // Long enough for rank 1 to start on a loaded machine, short enough to wait for.
        const QStringList shortJoin{"--threads", "1", "--timeout", "5", "--join-timeout", "8"};
        const QString master = startLead(lead, 3, shortJoin);
        QVERIFY(!master.isEmpty());
        auto worker = startWorker(master, 1, 3, shortJoin);  // rank 2 never comes
        QVERIFY(lead.waitForFinished(30000));
        const QString err = QString::fromUtf8(lead.readAllStandardError());
        QCOMPARE(lead.exitCode(), 1);
        QVERIFY2(err.contains(QString("medq dist: rank 0 of 3: rank 2 did not join the group at %1 within 8 s (joined: 0, 1)").arg(master)),
                 qPrintable(err));
        QVERIFY(worker->waitForFinished(30000));
        QCOMPARE(worker->exitCode(), 1);
    }

    void aWorkerWithoutMasterNamesTheAddress() {
        const QString master = QString("127.0.0.1:%1").arg(test::portBlock(1));
        auto worker = startWorker(master, 1, 2, {"--threads", "1", "--join-timeout", "3"});
        QVERIFY(worker->waitForFinished(30000));
        const QString err = QString::fromUtf8(worker->readAllStandardError());
        QCOMPARE(worker->exitCode(), 1);
        QVERIFY2(err.contains(QString("medq worker: rank 1 of 2: cannot reach the master (rank 0) at %1 within 3 s").arg(master)),
                 qPrintable(err));
    }

    void usageErrors() {
        const auto help = test::runMedq({"worker", "--help"});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("--master") && help.out.contains("--interface"));
        QVERIFY(test::runMedq({"--help"}).out.contains("worker --master HOST:PORT"));
        QCOMPARE(test::runMedq({"worker"}).code, 1);
        const auto rank0 = test::runMedq({"worker", "--master", "127.0.0.1:1", "--rank", "0", "--world-size", "2"});
        QCOMPARE(rank0.code, 1);
        QVERIFY(rank0.err.contains("--rank takes 1 to N-1"));
        const auto badMaster = test::runMedq({"worker", "--master", "nohost", "--rank", "1", "--world-size", "2"});
        QCOMPARE(badMaster.code, 1);
        QVERIFY2(badMaster.err.contains("expected HOST:PORT"), qPrintable(badMaster.err));
        QCOMPARE(test::runMedq({"dist", "frobnicate"}).code, 1);
        QCOMPARE(test::runMedq({"dist", "selftest", "--world-size", "2"}).code, 1);  // no --master
        QCOMPARE(test::runMedq({"dist", "selftest", "--world-size", "1", "--sizes", "3Q"}).code, 1);
    }
};

QTEST_GUILESS_MAIN(CliDistTest)
#include "tst_cli_dist.moc"
