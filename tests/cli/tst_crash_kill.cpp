// Crash safety: the real `medq` process is killed with SIGKILL at chosen and random points
// of an import and of a loop run (while the pool index is built, while fine-tuning, at
// random moments), and after every kill the workspace is checked: SQLite integrity and
// foreign keys, the audit hash chain, the current checkpoint complete, pool embeddings and
// index loadable, nothing selected twice. Then the loop resumes and finishes with exactly
// the budgeted work.
#include "index/EmbeddingFile.h"
#include "index/PoolIndex.h"
#include "learn/CheckpointRegistry.h"
#include "store/LoopRepository.h"
#include "store/Workspace.h"
#include "support/CliRunner.h"
#include "support/SampleFiles.h"

#include <unistd.h>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <random>

using namespace medq;

namespace {

const QStringList kLoopArgs{"--until", "2", "--budget", "12", "--pool-limit", "120", "--finetune-steps", "150",
                            "--validation-limit", "20", "--eval-limit", "30", "--threads", "1"};

int scalar(store::Workspace& ws, const char* sql) {
    auto s = ws.db().prepare(sql);
    return s.step() ? int(s.columnInt(0)) : -1;
}

// The round step last committed ("" before any), read the way another process sees it.
QString lastStep(const QString& dir) {
    auto ws = store::Workspace::open(dir);
    if (!ws) return {};
    const auto rounds = ws.value()->rounds().all();
    return rounds.empty() ? QString()
                          : QStringLiteral("%1:%2")
                                .arg(rounds.back().number)
                                .arg(rounds.back().step ? key(*rounds.back().step) : QString());
}

}  // namespace

class CrashKillTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_ws;
    int m_kills = 0;

    // Everything a workspace must satisfy after any kill.
    void verifyWorkspace(const QString& dir, const QString& when) {
        auto opened = store::Workspace::open(dir);
        QVERIFY2(opened.ok(), qPrintable(when + ": " + (opened.ok() ? QString() : opened.error().message())));
        store::Workspace& ws = *opened.value();
        const QStringList problems = ws.checkIntegrity();
        QVERIFY2(problems.isEmpty(), qPrintable(when + ": " + problems.join("; ")));
        const auto audit = ws.audit().verify();
        QVERIFY2(audit.intact, qPrintable(when + ": audit " + audit.reason));
        learn::CheckpointRegistry registry(ws);
        if (!registry.current().isEmpty())
            QVERIFY2(QFileInfo::exists(registry.resolve(registry.current()) + "/manifest.json"), qPrintable(when + ": current checkpoint incomplete"));
        const QString emb = ws.blobPath("indexes/pool.emb");
        if (QFileInfo::exists(emb)) QVERIFY2(index::EmbeddingFile::open(emb).ok(), qPrintable(when + ": embeddings unreadable"));
        const QString idx = ws.blobPath("indexes/pool.faiss");
        if (QFileInfo::exists(idx)) QVERIFY2(index::PoolIndex::load(idx).ok(), qPrintable(when + ": index unreadable"));
        QCOMPARE(scalar(ws, "SELECT COUNT(*) - COUNT(DISTINCT pool_item_id) FROM round_selections"), 0);
        QVERIFY(scalar(ws, "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) n FROM round_selections GROUP BY round_id)") <= 12);
        // Accepted labels point at annotations that exist (foreign keys) and at most one per task.
        QCOMPARE(scalar(ws, "SELECT COUNT(*) - COUNT(DISTINCT task_id) FROM accepted_labels"), 0);
    }

    void killLoopWhen(const std::function<bool(const QString& step)>& condition, int delayMs, const QString& label) {
        QProcess p;
        p.start(QStringLiteral(MEDQ_CLI_PATH), QStringList{"loop", "run", m_ws} + kLoopArgs);
        QVERIFY(p.waitForStarted());
        QElapsedTimer clock;
        clock.start();
        while (p.state() == QProcess::Running && !condition(lastStep(m_ws)) && clock.elapsed() < 240000) QThread::msleep(50);
        if (p.state() != QProcess::Running) {
            p.waitForFinished();
            return;  // the run ended before the moment came: nothing to kill
        }
        QThread::msleep(std::uint64_t(delayMs));
        if (p.state() == QProcess::Running) {
            p.kill();  // SIGKILL
            p.waitForFinished();
            ++m_kills;
        }
        verifyWorkspace(m_ws, QStringLiteral("after kill %1 (%2, step %3)").arg(m_kills).arg(label, lastStep(m_ws)));
    }

private slots:
    void initTestCase() {
        m_ws = m_tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", m_ws}).code, 0);
        QCOMPARE(test::runMedq({"synth", "bench", m_ws, "--per-modality", "8"}).code, 0);
        QCOMPARE(test::runMedq({"synth", "pool", m_ws, "--size", "200"}).code, 0);
        const auto trained = test::runMedq({"model", "train", m_ws, "--preset", "tiny", "--steps", "30", "--threads", "1"});
        QVERIFY2(trained.code == 0, qPrintable(trained.err));
        // The evaluation table names the chance lines and how often the guided token found
        // the attribute each question names; --align-sources adds the head aligned per source.
        const QString report = m_tmp.filePath("eval.json"), table = m_tmp.filePath("attributes.md");
        const auto evaluated = test::runMedq({"model", "eval", m_ws, "--split", "test", "--align-sources", "--json", report,
                                              "--attribute-table", table});
        QVERIFY2(evaluated.code == 0, qPrintable(evaluated.err));
        QVERIFY2(evaluated.out.contains("majority") && evaluated.out.contains("calibration error"), qPrintable(evaluated.out));
        QVERIFY2(evaluated.out.contains(QRegularExpression("guided token reads the named attribute's slot on [0-9.]+% of [1-9][0-9]* questions")),
                 qPrintable(evaluated.out));
        QVERIFY2(evaluated.out.contains(QRegularExpression("aligned head, [a-z, ]+ [1-9][0-9]* images: recall")), qPrintable(evaluated.out));
        // The attribute table, and the same from the stored report without evaluating again.
        QFile written(table);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QString markdown = QString::fromUtf8(written.readAll());
        QVERIFY2(markdown.startsWith("| attribute | ") && markdown.contains("| **all attributes** |"), qPrintable(markdown));
        const QString again = m_tmp.filePath("again.md");
        const auto reprinted = test::runMedq({"model", "eval", m_ws, "--from-report", report, "--attribute-table", again});
        QVERIFY2(reprinted.code == 0, qPrintable(reprinted.err));
        QVERIFY(reprinted.out.contains("calibration error"));
        QFile second(again);
        QVERIFY(second.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(second.readAll()), markdown);
        QVERIFY(test::runMedq({"model", "eval", m_ws, "--from-report", table}).code != 0);  // not a report
    }

    void importKilledLeavesAllOrNothing() {
        const QString dir = m_tmp.filePath("import");
        QCOMPARE(test::runMedq({"init", dir}).code, 0);
        std::mt19937 rng(11);
        for (int i = 0; i < 4; ++i) {
            QProcess p;
            p.start(QStringLiteral(MEDQ_CLI_PATH), {"import", dir, QStringLiteral(MEDQ_SAMPLE_PYDICOM), "-r"});
            QVERIFY(p.waitForStarted());
            QThread::msleep(std::uniform_int_distribution<int>(100, 900)(rng));
            const bool killed = p.state() == QProcess::Running;
            p.kill();
            p.waitForFinished();
            if (killed) ++m_kills;
            verifyWorkspace(dir, QStringLiteral("import kill %1").arg(i));
            auto ws = store::Workspace::open(dir).take();
            const int images = ws->images().count();
            // One transaction: nothing, or the whole import (then later runs add nothing).
            if (killed && i == 0) QVERIFY2(images == 0 || images > 10, qPrintable(QString::number(images)));
        }
    }

    void poolAddKilledContinuesWhereItStopped() {
        // 40,000 paths (hard links to one photograph): long enough to be killed mid-scan.
        const QString tree = m_tmp.filePath("pool-tree");
        // Links to a copy of its own: a file takes at most 65,000 links, and other tests link the sample too.
        QVERIFY(QDir().mkpath(tree));
        QVERIFY(QFile::copy(test::skimage("retina.jpg"), tree + "/.source.jpg"));  // hidden: never scanned
        const QByteArray source = QFile::encodeName(tree + "/.source.jpg");
        constexpr int kFolders = 200, kPerFolder = 200;
        for (int d = 0; d < kFolders; ++d) {
            const QString folder = QStringLiteral("%1/fundus-%2").arg(tree).arg(d, 3, 10, QLatin1Char('0'));
            QVERIFY(QDir().mkpath(folder));
            for (int i = 0; i < kPerFolder; ++i)
                QCOMPARE(::link(source.constData(),
                                QFile::encodeName(QStringLiteral("%1/%2.jpg").arg(folder).arg(i)).constData()),
                         0);
        }
        const QString dir = m_tmp.filePath("pool-ws");
        QCOMPARE(test::runMedq({"init", dir}).code, 0);
        // Killed as soon as a first batch is committed, and again later in the same scan.
        int killedMidScan = 0;
        for (int attempt = 0; attempt < 3; ++attempt) {
            QProcess p;
            p.start(QStringLiteral(MEDQ_CLI_PATH), {"pool", "add", dir, tree, "-r"});
            QVERIFY(p.waitForStarted());
            const int before = scalar(*store::Workspace::open(dir).take(), "SELECT COUNT(*) FROM pool_files");
            QElapsedTimer clock;
            clock.start();
            while (p.state() == QProcess::Running && clock.elapsed() < 60000 &&
                   scalar(*store::Workspace::open(dir).take(), "SELECT COUNT(*) FROM pool_files") <= before)
                QThread::msleep(10);
            if (p.state() != QProcess::Running) {
                p.waitForFinished();
                break;
            }
            p.kill();
            p.waitForFinished();
            ++m_kills;
            verifyWorkspace(dir, QStringLiteral("pool add kill %1").arg(attempt));
            auto ws = store::Workspace::open(dir).take();
            const auto scan = ws->poolFiles().lastScan();
            if (scan && scan->status == RunStatus::Running) ++killedMidScan;
            QCOMPARE(scalar(*ws, "SELECT COUNT(*) - COUNT(DISTINCT path) FROM pool_files"), 0);
        }
        QVERIFY2(killedMidScan > 0, "no kill landed while the scan ran");
        // The rerun reads no file registered before the kill again, and finishes the rest.
        const int registered = scalar(*store::Workspace::open(dir).take(), "SELECT COUNT(*) FROM pool_files");
        const auto rerun = test::runMedq({"pool", "add", dir, tree, "-r"});
        QVERIFY2(rerun.code == 0, qPrintable(rerun.err));
        QVERIFY2(rerun.out.contains(QStringLiteral("%1 unchanged").arg(registered)), qPrintable(rerun.out));
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='registered'"), kFolders * kPerFolder);
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_scans WHERE status='running'"), 0);  // the killed ones: failed
        const auto status = test::runMedq({"pool", "status", dir});
        QVERIFY2(status.out.contains(QRegularExpression("fundus +0 +40000 +0 +0")), qPrintable(status.out));
    }

    void loopKilledAtEveryStageResumes() {
        // Chosen moments: while the pool is embedded and indexed, while fine-tuning
        // (round 1 and 2), during retrieval and annotation; then random moments.
        killLoopWhen([](const QString& s) { return s == "1:prototypes"; }, 1500, "pool index build");
        killLoopWhen([](const QString& s) { return s == "1:retrieve"; }, 300, "routing");
        killLoopWhen([](const QString& s) { return s == "1:gate"; }, 2500, "fine-tuning");
        killLoopWhen([](const QString& s) { return s == "2:gate"; }, 1200, "fine-tuning, round 2");
        std::mt19937 rng(5);
        for (int i = 0; i < 4; ++i)
            killLoopWhen([](const QString&) { return true; }, std::uniform_int_distribution<int>(200, 3000)(rng), "random moment");

        // Resume to the end: both rounds complete with exactly their budget.
        for (int attempt = 0; attempt < 3 && lastStep(m_ws) != "2:assess"; ++attempt) {
            const auto finished = test::runMedq(QStringList{"loop", "run", m_ws} + kLoopArgs);
            QVERIFY2(finished.code == 0, qPrintable(finished.err));
        }
        verifyWorkspace(m_ws, "after the final run");
        auto ws = store::Workspace::open(m_ws).take();
        const auto rounds = ws->rounds().all();
        QVERIFY(rounds.size() >= 2);
        for (const auto& r : rounds) {
            QCOMPARE(r.status, RunStatus::Done);
            QCOMPARE(int(store::LoopRepository(ws->db()).selections(r.id).size()), 12);
        }
        qInfo("kills survived: %d", m_kills);
        QVERIFY(m_kills >= 8);
    }
};

QTEST_GUILESS_MAIN(CrashKillTest)
#include "tst_crash_kill.moc"
