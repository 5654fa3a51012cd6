// One heavy job at a time per workspace, as a lead meets it from two terminals: while another
// process holds the workspace, a second pool add, a loop round, model training, a
// synthetic benchmark, a synthetic pool and a reference set are refused at once with exit 1
// and a message naming the holder; an import runs beside it and leaves what it leaves alone;
// `medq loop run --wait` waits and goes on when the holder ends; a holder killed with
// SIGKILL never blocks the next run; an assessment and an export beside a round leave what
// they leave before or after it.
#include "store/Workspace.h"
#include "support/CliRunner.h"
#include "support/SampleFiles.h"

#include <unistd.h>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <csignal>

using namespace medq;

namespace {

std::int64_t scalar(const QString& ws, const char* sql) {
    auto opened = store::Workspace::open(ws).take();
    auto s = opened->db().prepare(sql);
    return s.step() ? s.columnInt(0) : -1;
}

// A tree of hard links to one photograph: a scan long enough to overlap with. The links go
// to a copy of its own (a file takes at most 65,000 links, and other tests link the sample too).
QString tree(const QString& root, int folders, int perFolder) {
    QDir().mkpath(root);
    if (!QFile::copy(test::skimage("retina.jpg"), root + "/.source.jpg")) qFatal("cannot copy the sample");
    const QByteArray source = QFile::encodeName(root + "/.source.jpg");
    for (int d = 0; d < folders; ++d) {
        const QString folder = QStringLiteral("%1/fundus-%2").arg(root).arg(d, 3, 10, QLatin1Char('0'));
        QDir().mkpath(folder);
        for (int i = 0; i < perFolder; ++i)
            if (::link(source.constData(), QFile::encodeName(QStringLiteral("%1/%2.jpg").arg(folder).arg(i)).constData()) != 0)
                qFatal("cannot link %s", qPrintable(folder));
    }
    return root;
}

// Starts `medq pool add` on the tree and, once it holds the workspace's job lock, stops it
// (SIGSTOP): a real holder that stays mid-scan for as long as the test needs.
bool startStoppedHolder(QProcess& holder, const QString& ws, const QString& folder) {
    holder.start(QStringLiteral(MEDQ_CLI_PATH), {"pool", "add", ws, folder, "-r"});
    if (!holder.waitForStarted()) return false;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 30000 && ::kill(pid_t(holder.processId()), 0) == 0) {
        QFile lock(ws + "/locks/jobs.lock");
        if (lock.open(QIODevice::ReadOnly) && lock.readAll().contains("pool add"))
            return ::kill(pid_t(holder.processId()), SIGSTOP) == 0;
        QThread::usleep(500);
    }
    return false;
}

}  // namespace

class CliJobLockTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_tree;

private slots:
    void initTestCase() { m_tree = tree(m_tmp.filePath("tree"), 100, 200); }  // 20,000 files

    // The holder here is flock(1) with the note a `medq pool add` writes: a stopped medq would
    // also hold its open SQLite batch, and writers would then wait on the database instead.
    void heavyJobsAreRefusedWhileOneRunsAndImportRunsBeside() {
        const QString ws = m_tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        QDir().mkpath(ws + "/locks");
        QProcess holder;
        // Without -n: the probes below take the lock for an instant, and a holder that gave up
        // on meeting one would leave the workspace free.
        holder.start("flock", {"-o", ws + "/locks/jobs.lock", "sleep", "120"});
        QVERIFY(holder.waitForStarted());
        QFile note(ws + "/locks/jobs.lock");
        QVERIFY(note.open(QIODevice::WriteOnly | QIODevice::Truncate));
        note.write(QStringLiteral(R"({"what":"medq pool add %1 %2 -r","pid":%3,"host":"vm","since":"2026-12-04T10:31:00Z"})")
                       .arg(ws, m_tree)
                       .arg(holder.processId())
                       .toUtf8());
        note.close();
        QElapsedTimer held;
        held.start();
        bool isHeld = false;
        while (!isHeld && held.elapsed() < 10000) {
            QProcess probe;
            probe.start("flock", {"-n", ws + "/locks/jobs.lock", "true"});
            probe.waitForFinished();
            isHeld = probe.exitCode() == 1;
            if (!isHeld) QThread::msleep(20);
        }
        QVERIFY2(isHeld, "the flock(1) holder never took the workspace's lock");
        const QList<QStringList> refused{
            {"pool", "add", ws, m_tree, "-r"},
            {"loop", "run", ws, "--annotator", "human", "--rounds", "1"},
            {"model", "train", ws, "--preset", "tiny", "--steps", "5"},
            {"synth", "bench", ws, "--per-modality", "3"},
            {"synth", "pool", ws, "--size", "10"},
            {"reference", "add", ws, "--from-annotations", "--split", "test"},
        };
        for (const QStringList& args : refused) {
            QElapsedTimer clock;
            clock.start();
            const auto r = test::runMedq(args);
            QVERIFY2(r.code == 1, qPrintable(QStringLiteral("%1: exit %2: %3").arg(args.join(' ')).arg(r.code).arg(r.err)));
            QVERIFY2(r.err.contains("another job holds the workspace"), qPrintable(args.join(' ') + ": " + r.err));
            QVERIFY2(r.err.contains("medq pool add " + ws), qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("process %1").arg(holder.processId())), qPrintable(r.err));
            QVERIFY2(clock.elapsed() < 20000, qPrintable(args.join(' ')));
        }
        // An import may run beside: it adds its image as it would alone.
        const auto imported = test::runMedq({"import", ws, test::pydicom("CT_small.dcm")});
        QVERIFY2(imported.code == 0, qPrintable(imported.err));
        holder.kill();
        QVERIFY(holder.waitForFinished());
        QCOMPARE(scalar(ws, "SELECT COUNT(*) FROM images"), 1);
        QCOMPARE(scalar(ws, "SELECT COUNT(*) FROM pool_scans"), 0);  // the refused pool add never started a scan
        QCOMPARE(scalar(ws, "SELECT COUNT(*) FROM rounds"), 0);
        QCOMPARE(scalar(ws, "SELECT COUNT(*) FROM tasks WHERE split IS NOT NULL"), 0);  // no benchmark built
        // Free again: the same pool add runs.
        const auto after = test::runMedq({"pool", "add", ws, m_tree + "/fundus-000"});
        QVERIFY2(after.code == 0, qPrintable(after.err));
    }

    void loopRunWaitsWhenAskedAndAKilledHolderNeverBlocks() {
        const QString ws = m_tmp.filePath("ws-wait");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        QProcess holder;
        QVERIFY2(startStoppedHolder(holder, ws, m_tree), "pool add never took the lock");
        QProcess waiting;
        waiting.start(QStringLiteral(MEDQ_CLI_PATH), {"loop", "run", ws, "--annotator", "human", "--wait"});
        QVERIFY(waiting.waitForStarted());
        QElapsedTimer clock;
        clock.start();
        QString said;
        while (clock.elapsed() < 30000 && !said.contains("Waiting for")) {
            waiting.waitForReadyRead(100);
            said += QString::fromUtf8(waiting.readAllStandardError());
        }
        QVERIFY2(said.contains("Waiting for medq pool add"), qPrintable(said));
        QCOMPARE(waiting.state(), QProcess::Running);
        ::kill(pid_t(holder.processId()), SIGKILL);
        QVERIFY(holder.waitForFinished());
        // The waiting run goes on (here to its own complaint: this workspace has no model).
        QVERIFY(waiting.waitForFinished(120000));
        said += QString::fromUtf8(waiting.readAllStandardError());
        QVERIFY2(!said.contains("another job holds the workspace"), qPrintable(said));
        // Nothing left behind blocks the next heavy job.
        const auto next = test::runMedq({"pool", "add", ws, m_tree + "/fundus-000"});
        QVERIFY2(next.code == 0, qPrintable(next.err));
    }

    // Jobs that may run beside a round leave what they leave run before or after it: an
    // assessment with a fixed checkpoint is the same as alone, and an export taken during the
    // round equals the export before it or the one after it (each reads one committed state).
    void assessAndExportBesideARoundSeeOneCommittedState() {
        const QString ws = m_tmp.filePath("ws-beside");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        QCOMPARE(test::runMedq({"synth", "bench", ws, "--per-modality", "6"}).code, 0);
        const auto trained = test::runMedq({"model", "train", ws, "--preset", "tiny", "--steps", "30", "--threads", "1"});
        QVERIFY2(trained.code == 0, qPrintable(trained.err));
        QCOMPARE(test::runMedq({"synth", "pool", ws, "--size", "120"}).code, 0);
        const QString checkpoint = ws + "/blobs/checkpoints/base-1";
        const auto assess = [&](const QString& out) {
            return test::runMedq({"assess", "--checkpoint", checkpoint, test::pydicom("CT_small.dcm"), "--no-description", "--jsonl", out});
        };
        const auto lines = [](const QString& path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll().count('\n') : -1;
        };
        const auto exportTo = [&](const QString& name) {
            const auto r = test::runMedq({"export", ws, "--csv", m_tmp.filePath(name + ".csv"), "--jsonl", m_tmp.filePath(name + ".jsonl")});
            return r.code == 0 ? lines(m_tmp.filePath(name + ".csv")) : -1;
        };
        QCOMPARE(assess(m_tmp.filePath("alone.jsonl")).code, 0);
        const int before = exportTo("before");
        QVERIFY(before >= 0);

        QProcess round;
        // Its output goes to files: nobody reads its pipes while the loop below runs.
        round.setStandardOutputFile(QProcess::nullDevice());
        round.setStandardErrorFile(m_tmp.filePath("round.err"));
        round.start(QStringLiteral(MEDQ_CLI_PATH), {"loop", "run", ws, "--until", "1", "--budget", "8", "--pool-limit", "60",
                                                    "--eval-limit", "20", "--validation-limit", "12", "--finetune-steps", "30",
                                                    "--threads", "1"});
        QVERIFY(round.waitForStarted());
        std::vector<int> during;
        int besides = 0;
        QElapsedTimer clock;
        clock.start();
        // A few of each while it runs (each loads the model: more would only slow the round).
        while (round.state() == QProcess::Running && besides < 4 && clock.elapsed() < 600000) {
            const QString out = m_tmp.filePath(QStringLiteral("beside-%1.jsonl").arg(besides++));
            const auto r = assess(out);
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QCOMPARE(test::readFile(out), test::readFile(m_tmp.filePath("alone.jsonl")));
            during.push_back(exportTo(QStringLiteral("during-%1").arg(besides)));
            round.waitForFinished(1000);
        }
        QVERIFY(round.state() == QProcess::NotRunning || round.waitForFinished(600000));
        QVERIFY2(round.exitCode() == 0, test::readFile(m_tmp.filePath("round.err")).constData());
        const int after = exportTo("after");
        QVERIFY2(after > before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));  // the round annotated
        QVERIFY(!during.empty());
        for (int n : during) QVERIFY2(n == before || n == after, qPrintable(QStringLiteral("%1 (before %2, after %3)").arg(n).arg(before).arg(after)));
    }
};

QTEST_GUILESS_MAIN(CliJobLockTest)
#include "tst_cli_job_lock.moc"
