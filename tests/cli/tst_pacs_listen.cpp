// `medq pacs listen` against DCMTK's own tools (echoscu, storescu from Debian's dcmtk), as a
// modality or PACS would talk to it: echo, images stored and imported de-identified, a
// duplicate, a report refused, garbage on the port, a stop by SIGTERM, and what a killed run
// left pending taken in on the next start.
#include "support/CliRunner.h"
#include "support/SampleFiles.h"
#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <unistd.h>

using namespace medq;

namespace {

// A port for this run: distinct per process, clear of the usual DICOM and Orthanc ports.
quint16 testPort(int offset) { return quint16(31000 + (getpid() % 4000) * 2 + offset); }

struct Tool {
    int code;
    QString output;
};

Tool runTool(const QString& name, const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(name, args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromLocal8Bit(p.readAll())};
}

class Listener {
public:
    Listener(const QString& ws, quint16 port, const QStringList& more = {}) {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral(MEDQ_CLI_PATH),
                        QStringList{"pacs", "listen", ws, "--port", QString::number(port), "--aet", "MEDQ"} + more);
    }
    ~Listener() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    // Whether `text` appears `times` times in what it says within 60 s.
    bool waitFor(const QString& text, int times = 1) {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 60000) {
            m_output += QString::fromLocal8Bit(m_process.readAll());
            if (m_output.count(text) >= times) return true;
            if (m_process.state() == QProcess::NotRunning) break;
            m_process.waitForReadyRead(200);
        }
        m_output += QString::fromLocal8Bit(m_process.readAll());
        return m_output.count(text) >= times;
    }
    int stop() {
        m_process.terminate();  // SIGTERM
        m_process.waitForFinished(30000);
        m_output += QString::fromLocal8Bit(m_process.readAll());
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    const QString& output() const { return m_output; }

private:
    QProcess m_process;
    QString m_output;
};

}  // namespace

class TestPacsListen : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        for (const char* tool : {"echoscu", "storescu"})
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                     qPrintable(QStringLiteral("%1 not found: install Debian's dcmtk (installer/install-deps.sh)").arg(tool)));
    }

    void receivesImportsAndRefuses() {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const quint16 port = testPort(0);
        const QString portText = QString::number(port);
        Listener listener(ws, port);
        QVERIFY2(listener.waitFor("listening as MEDQ"), qPrintable(listener.output()));

        const Tool echo = runTool("echoscu", {"-aec", "MEDQ", "127.0.0.1", portText});
        QVERIFY2(echo.code == 0, qPrintable(echo.output));
        // Uncompressed, RLE and JPEG 2000 (decoded by the readers through OpenJPEG), each
        // sent in its own transfer syntax, one association each.
        const std::pair<const char*, const char*> sent[] = {
            {"-xe", "CT_small.dcm"}, {"-xr", "MR_small_RLE.dcm"}, {"-xw", "JPEG2000.dcm"}};
        for (const auto& [proposal, name] : sent) {
            const Tool store = runTool("storescu", {proposal, "-aec", "MEDQ", "127.0.0.1", portText, test::pydicom(name)});
            QVERIFY2(store.code == 0, qPrintable(store.output));
        }
        QVERIFY2(listener.waitFor("1 taken in (import)", 3), qPrintable(listener.output()));

        // The same instance again: acknowledged, not stored twice.
        QCOMPARE(runTool("storescu", {"-aec", "MEDQ", "127.0.0.1", portText, test::pydicom("CT_small.dcm")}).code, 0);
        QVERIFY2(listener.waitFor("already received"), qPrintable(listener.output()));
        // A radiotherapy plan is no image: a failure status, and the reason in the log.
        runTool("storescu", {"-aec", "MEDQ", "127.0.0.1", portText, test::pydicom("rtplan.dcm")});
        QVERIFY2(listener.waitFor("no pixel data"), qPrintable(listener.output()));
        // Garbage on the port ends that connection only.
        runTool("bash", {"-c", QStringLiteral("printf 'GET / HTTP/1.0\\r\\n\\r\\n' > /dev/tcp/127.0.0.1/%1").arg(port)});
        const Tool echoAgain = runTool("echoscu", {"-aec", "MEDQ", "127.0.0.1", portText});
        QVERIFY2(echoAgain.code == 0, qPrintable(echoAgain.output + listener.output()));

        QCOMPARE(listener.stop(), 0);
        QVERIFY2(listener.output().contains("stopped: 3 stored, 1 duplicates, 1 refused; 3 taken in, 0 failed"), qPrintable(listener.output()));

        auto opened = store::Workspace::open(ws);
        QVERIFY(opened);
        store::Workspace& w = *opened.value();
        QCOMPARE(w.received().count(ReceivedState::Done), 3);
        QCOMPARE(w.received().count(ReceivedState::Pending), 0);
        QCOMPARE(w.images().count(), 3);
        // Imported de-identified: the sample's patient name is not in any image's metadata.
        for (const auto& row : w.received().inState(ReceivedState::Done)) {
            QVERIFY2(row.path.startsWith(QDir(ws).filePath("received")), qPrintable(row.path));
            QVERIFY(!row.path.contains(QLatin1String("1.3.6.1.4.1.5962")));  // CT_small's UID root: names are new UIDs
        }
        const QSet<QString> names = {QStringLiteral("CompressedSamples^CT1"), QStringLiteral("CompressedSamples^MR1")};
        for (const auto& image : w.images().list(0, 100))
            for (const QString& name : names)
                QVERIFY2(!QJsonDocument(image.metadata).toJson().contains(name.toUtf8()), qPrintable(image.path));
    }

    // A run killed after acknowledging an instance but before its import: the next start
    // takes it in before it listens.
    void takesInWhatAKilledRunLeft() {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const QString received = QDir(ws).filePath("received");
        QVERIFY(QDir().mkpath(received));
        const QString file = QDir(received).filePath("left.dcm");
        QVERIFY(QFile::copy(test::pydicom("MR_small.dcm"), file));
        {
            auto opened = store::Workspace::open(ws);
            QVERIFY(opened);
            store::ReceivedInstanceRecord row;
            row.instanceHash = QString::fromLatin1(QCryptographicHash::hash("1.2.3.4", QCryptographicHash::Sha256).toHex());
            row.sopClassUid = QStringLiteral("1.2.840.10008.5.1.4.1.1.4");
            row.callingAet = QStringLiteral("SCANNER");
            row.path = file;
            opened.value()->received().add(row);
        }
        Listener listener(ws, testPort(1));
        QVERIFY2(listener.waitFor("1 taken in (import)"), qPrintable(listener.output()));
        QVERIFY2(listener.waitFor("listening as MEDQ"), qPrintable(listener.output()));
        QCOMPARE(listener.stop(), 0);
        auto opened = store::Workspace::open(ws);
        QVERIFY(opened);
        QCOMPARE(opened.value()->received().count(ReceivedState::Done), 1);
        QCOMPARE(opened.value()->images().count(), 1);
    }

    // --to pool: registered by reference in the pool, not imported.
    void registersInThePool() {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const quint16 port = testPort(3);
        Listener listener(ws, port, {"--to", "pool"});
        QVERIFY2(listener.waitFor("registered in the pool"), qPrintable(listener.output()));
        const Tool store = runTool("storescu", {"-aec", "MEDQ", "127.0.0.1", QString::number(port), test::pydicom("CT_small.dcm")});
        QVERIFY2(store.code == 0, qPrintable(store.output));
        QVERIFY2(listener.waitFor("1 taken in (pool)"), qPrintable(listener.output()));
        QCOMPARE(listener.stop(), 0);
        auto opened = store::Workspace::open(ws);
        QVERIFY(opened);
        QCOMPARE(opened.value()->images().count(), 0);
        std::int64_t registered = 0;
        for (const auto& byStatus : opened.value()->poolFiles().countByModality()) registered += byStatus.value(PoolFileStatus::Registered);
        QCOMPARE(registered, std::int64_t(1));
    }

    void badOptionsAreNamed() {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const auto lower = test::runMedq({"pacs", "listen", ws, "--aet", "medq", "--port", QString::number(testPort(2))});
        QCOMPARE(lower.code, 1);
        QVERIFY2(lower.err.contains("uppercase"), qPrintable(lower.err));
        const auto where = test::runMedq({"pacs", "listen", ws, "--to", "archive"});
        QCOMPARE(where.code, 1);
        QVERIFY2(where.err.contains("import, pool"), qPrintable(where.err));
        const auto none = test::runMedq({"pacs", "listen", tmp.filePath("nowhere")});
        QCOMPARE(none.code, 1);
        QVERIFY2(none.err.contains("no workspace"), qPrintable(none.err));
    }
};

QTEST_GUILESS_MAIN(TestPacsListen)
#include "tst_pacs_listen.moc"
