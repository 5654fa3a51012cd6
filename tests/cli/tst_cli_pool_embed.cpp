// `medq pool embed` alone and as rank 0 of a group with `medq worker`s on 127.0.0.1: two
// processes make the same embedding file and index, byte for byte, as one; a worker killed
// with SIGKILL while it embeds a chunk is survived (its chunk is embedded again after the
// lease, the result still identical); a worker that never joins is named.
#include "support/CliRunner.h"
#include "support/ProcessLines.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <signal.h>
#include <memory>

namespace test = medq::test;
using test::waitForLine;

namespace {

// Small enough for 2 busy cores: 160 synthetic items in 3 chunks of 64, one thread each.
const QStringList kQuick{"--threads", "1", "--timeout", "30", "--join-timeout", "30", "--chunk", "64"};

QByteArray contents(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class CliPoolEmbedTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_ws;
    QByteArray m_referenceEmbeddings;
    QByteArray m_referenceIndex;

    QString embeddings() const { return m_ws + "/blobs/indexes/pool.emb"; }
    QString index() const { return m_ws + "/blobs/indexes/pool.faiss"; }
    void forgetEmbeddings() {
        QFile::remove(embeddings());
        QFile::remove(index());
    }
    // Starts rank 0 on port 0; returns the address it printed (empty on failure).
    QString startLead(QProcess& lead, QString& out, const QStringList& extra) {
        lead.start(MEDQ_CLI_PATH, QStringList{"pool", "embed", m_ws, "--world-size", "2", "--master", "127.0.0.1:0"} + extra);
        return test::waitForMaster(lead, out, 30000);
    }
    std::unique_ptr<QProcess> startWorker(const QString& master) {
        auto p = std::make_unique<QProcess>();
        p->start(MEDQ_CLI_PATH, QStringList{"worker", "--master", master, "--rank", "1", "--world-size", "2"} + kQuick.mid(0, 6));
        return p;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_ws = m_tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", m_ws}).code, 0);
        QCOMPARE(test::runMedq({"synth", "bench", m_ws, "--per-modality", "4"}).code, 0);
        QCOMPARE(test::runMedq({"synth", "pool", m_ws, "--size", "160"}).code, 0);
        const auto trained = test::runMedq({"model", "train", m_ws, "--preset", "tiny", "--steps", "1", "--encoder-epochs",
                                            "0", "--threads", "1"});
        QVERIFY2(trained.code == 0, qPrintable(trained.out + trained.err));
        // The reference: one process, the existing path (world size 1).
        const auto single = test::runMedq({"pool", "embed", m_ws, "--threads", "1"});
        QVERIFY2(single.code == 0, qPrintable(single.out + single.err));
        QVERIFY2(single.out.contains("embedded 160 new pool items") && single.out.contains("on 1 process;"), qPrintable(single.out));
        QVERIFY2(!single.out.contains("chunks of"), qPrintable(single.out));
        m_referenceEmbeddings = contents(embeddings());
        m_referenceIndex = contents(index());
        QVERIFY(m_referenceEmbeddings.size() > 160 * 48 * 4);
        QVERIFY(!m_referenceIndex.isEmpty());
        // Nothing new to embed: the file is kept as it is.
        const auto again = test::runMedq({"pool", "embed", m_ws, "--threads", "1"});
        QVERIFY2(again.code == 0 && again.out.contains("embedded 0 new pool items"), qPrintable(again.out + again.err));
        QCOMPARE(contents(embeddings()), m_referenceEmbeddings);
    }

    void twoProcessesMakeTheSameFileAsOne() {
        forgetEmbeddings();
        QProcess lead;
        QString out;
        const QString master = startLead(lead, out, kQuick);
        QVERIFY2(master.startsWith("127.0.0.1:"), qPrintable(out + lead.readAllStandardError()));
        auto worker = startWorker(master);
        QVERIFY(lead.waitForFinished(90000));
        out += QString::fromUtf8(lead.readAllStandardOutput());
        QVERIFY2(lead.exitCode() == 0, qPrintable(out + lead.readAllStandardError()));
        QVERIFY2(out.contains("160 pool items to embed in 3 chunks of 64 on 2 processes"), qPrintable(out));
        QVERIFY2(out.contains("embedded 160 new pool items") && out.contains("on 2 processes"), qPrintable(out));
        QVERIFY2(out.contains("0 embedded again"), qPrintable(out));
        QVERIFY(worker->waitForFinished(30000));
        const QString wout = QString::fromUtf8(worker->readAllStandardOutput());
        QVERIFY2(worker->exitCode() == 0, qPrintable(wout + worker->readAllStandardError()));
        QVERIFY2(wout.contains("rank 1 of 2: embedding chunk"), qPrintable(wout));  // it did take part
        QVERIFY2(wout.contains("rank 1 of 2: rank 0 ended the run"), qPrintable(wout));
        QVERIFY(contents(embeddings()) == m_referenceEmbeddings);
        QVERIFY(contents(index()) == m_referenceIndex);
        QVERIFY(QDir(m_ws + "/blobs/dist").entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    }

    void aKilledWorkersChunkIsEmbeddedAgain() {
        forgetEmbeddings();
        QProcess lead;
        QString out;
        const QString master = startLead(lead, out, kQuick + QStringList{"--lease", "3"});
        QVERIFY2(!master.isEmpty(), qPrintable(out + lead.readAllStandardError()));
        auto worker = startWorker(master);
        QString wout;
        QVERIFY2(waitForLine(*worker, wout, "rank 1 of 2: embedding chunk", 60000), qPrintable(wout));
        const QString chunk = wout.section("embedding chunk ", 1).section(' ', 0, 0);
        ::kill(pid_t(worker->processId()), SIGKILL);
        QVERIFY(worker->waitForFinished(10000));
        QCOMPARE(worker->exitStatus(), QProcess::CrashExit);
        QVERIFY(lead.waitForFinished(90000));
        out += QString::fromUtf8(lead.readAllStandardOutput());
        QVERIFY2(lead.exitCode() == 0, qPrintable(out + lead.readAllStandardError()));
        QVERIFY2(out.contains(QString("rank 0 of 2: embedding chunk %1 of 3 again (rank 1 claimed it").arg(chunk)), qPrintable(out));
        QVERIFY2(out.contains("1 embedded again after their lease ran out"), qPrintable(out));
        QVERIFY2(out.contains("rank 1 stopped delivering"), qPrintable(out));
        QVERIFY2(out.contains("embedded 160 new pool items"), qPrintable(out));
        QVERIFY(contents(embeddings()) == m_referenceEmbeddings);
        QVERIFY(contents(index()) == m_referenceIndex);
    }

    void aWorkerThatNeverJoinsIsNamed() {
        forgetEmbeddings();
        QProcess lead;
        QString out;
        const QString master = startLead(lead, out, {"--threads", "1", "--timeout", "5", "--join-timeout", "5"});
        QVERIFY(!master.isEmpty());
        QVERIFY(lead.waitForFinished(30000));
        const QString err = QString::fromUtf8(lead.readAllStandardError());
        QCOMPARE(lead.exitCode(), 1);
        QVERIFY2(err.contains(QString("medq pool embed: rank 0 of 2: rank 1 did not join the group at %1 within 5 s").arg(master)),
                 qPrintable(err));
        QVERIFY(!QFile::exists(embeddings()));
    }

    void usageErrors() {
        QCOMPARE(test::runMedq({"pool", "embed"}).code, 1);
        QCOMPARE(test::runMedq({"pool", "embed", m_ws, "--world-size", "2"}).code, 1);  // no --master
        QCOMPARE(test::runMedq({"pool", "embed", m_ws, "--chunk", "0"}).code, 1);
        QVERIFY(test::runMedq({"pool", "embed", "--help"}).out.contains("--lease"));
    }
};

QTEST_GUILESS_MAIN(CliPoolEmbedTest)
#include "tst_cli_pool_embed.moc"
