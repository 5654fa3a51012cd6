// `medq pacs listen` against DCMTK's own tools (echoscu, storescu from Debian's dcmtk), as a
// modality or PACS would talk to it: echo, images stored and imported de-identified, a
// duplicate, a report refused, garbage on the port, a stop by SIGTERM, and what a killed run
// left pending taken in on the next start. Bad input: a SOP class the receiver does not
// accept, and an instance cut short on the wire, each refused with a named reason and nothing
// half stored.
#include "support/CliRunner.h"
#include "support/SampleFiles.h"
#include "support/TestPorts.h"
#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>
#include <unistd.h>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/dimse.h>
#include <dcmtk/dcmnet/dul.h>

using namespace medq;

namespace {

// A port for this run: distinct per process, clear of the usual DICOM and Orthanc ports.
quint16 testPort(int offset) {
    static const quint16 first = test::portBlock(6);
    return quint16(first + offset);
}

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

// `ds` encoded in `syntax` without a meta header (a command set or a data set as it goes
// on the wire).
QByteArray encoded(DcmDataset& ds, E_TransferSyntax syntax, const QString& scratch) {
    if (ds.saveFile(QFile::encodeName(scratch).constData(), syntax, EET_ExplicitLength, EGL_withGL).bad()) return {};
    QFile f(scratch);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Sends one C-STORE of `file` (CT_small) whose data set is cut `cut` bytes short, as a
// sender whose connection breaks or whose file was truncated would: the command, then the
// data set's bytes as P-DATA fragments, the last one marked last. storescu, dcmsend and
// DIMSE_storeUser all parse a file before sending and refuse a truncated one, so this writes
// the PDVs itself. Returns the response's status ("status 0000") or the DICOM error.
QString sendCutShort(quint16 port, const QString& file, int cut, const QString& scratchDir) {
    DcmFileFormat ff;
    if (ff.loadFile(QFile::encodeName(file).constData()).bad()) return QStringLiteral("cannot read %1").arg(file);
    OFString sopClass, sopInstance;
    ff.getDataset()->findAndGetOFString(DCM_SOPClassUID, sopClass);
    ff.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
    QByteArray data = encoded(*ff.getDataset(), EXS_LittleEndianExplicit, QDir(scratchDir).filePath("data.bin"));
    data.chop(cut);
    DcmDataset command;
    command.putAndInsertString(DCM_AffectedSOPClassUID, sopClass.c_str());
    command.putAndInsertUint16(DCM_CommandField, 0x0001);  // C-STORE-RQ
    command.putAndInsertUint16(DCM_MessageID, 1);
    command.putAndInsertUint16(DCM_Priority, 0);
    command.putAndInsertUint16(DCM_CommandDataSetType, 0x0000);  // a data set follows
    command.putAndInsertString(DCM_AffectedSOPInstanceUID, sopInstance.c_str());
    QByteArray commandBytes = encoded(command, EXS_LittleEndianImplicit, QDir(scratchDir).filePath("command.bin"));

    T_ASC_Network* net = nullptr;
    if (OFCondition c = ASC_initializeNetwork(NET_REQUESTOR, 0, 30, &net); c.bad()) return QString::fromLatin1(c.text());
    T_ASC_Parameters* params = nullptr;
    ASC_createAssociationParameters(&params, ASC_DEFAULTMAXPDU);
    ASC_setAPTitles(params, "RAWSCU", "MEDQ", nullptr);
    ASC_setPresentationAddresses(params, "localhost", QStringLiteral("127.0.0.1:%1").arg(port).toLatin1().constData());
    const char* syntaxes[] = {UID_LittleEndianExplicitTransferSyntax};
    ASC_addPresentationContext(params, 1, sopClass.c_str(), syntaxes, 1);
    T_ASC_Association* assoc = nullptr;
    QString outcome;
    if (OFCondition c = ASC_requestAssociation(net, params, &assoc); c.bad()) {
        outcome = QStringLiteral("association: %1").arg(QString::fromLatin1(c.text()));
    } else {
        const T_ASC_PresentationContextID pc = ASC_findAcceptedPresentationContextID(assoc, sopClass.c_str());
        OFCondition sent = EC_Normal;
        auto write = [&](QByteArray& bytes, DUL_DATAPDV type) {
            const int fragment = 8192;  // well under the maximum PDU either side allows
            for (int at = 0; at < bytes.size() && sent.good(); at += fragment) {
                const int size = std::min(fragment, int(bytes.size()) - at);
                DUL_PDV pdv{Uint32(size), pc, type, OFBool(at + size >= bytes.size()), bytes.data() + at};
                DUL_PDVLIST list{1, nullptr, 0, {}, &pdv};
                sent = DUL_WritePDVs(&assoc->DULassociation, &list);
            }
        };
        write(commandBytes, DUL_COMMANDPDV);
        write(data, DUL_DATASETPDV);
        T_DIMSE_Message response;
        T_ASC_PresentationContextID responsePc = 0;
        DcmDataset* detail = nullptr;
        if (sent.good()) sent = DIMSE_receiveCommand(assoc, DIMSE_NONBLOCKING, 30, &responsePc, &response, &detail);
        delete detail;
        outcome = sent.good() ? QStringLiteral("status %1").arg(response.msg.CStoreRSP.DimseStatus, 4, 16, QLatin1Char('0'))
                              : QString::fromLatin1(sent.text());
        if (sent.good()) ASC_releaseAssociation(assoc);
        else ASC_abortAssociation(assoc);
    }
    if (assoc) ASC_destroyAssociation(&assoc);
    else ASC_destroyAssociationParameters(&params);
    ASC_dropNetwork(&net);
    return outcome;
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
        for (const char* tool : {"echoscu", "storescu", "findscu"})
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

    // A storage class outside what the receiver accepts (Parametric Map, not in DCMTK's long
    // list), and a query (findscu): the presentation context is refused at negotiation, the
    // sender fails, the log names the class and why, nothing is stored.
    void refusesAnUnsupportedSopClass() {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const QString file = tmp.filePath("parametric-map.dcm");
        {
            DcmFileFormat ff;
            QVERIFY(ff.loadFile(test::pydicom("CT_small.dcm").toLocal8Bit().constData()).good());
            QVERIFY(ff.getDataset()->putAndInsertString(DCM_SOPClassUID, UID_ParametricMapStorage).good());
            QVERIFY(ff.saveFile(file.toLocal8Bit().constData(), EXS_LittleEndianExplicit, EET_UndefinedLength, EGL_recalcGL,
                                EPD_noChange, 0, 0, EWM_updateMeta).good());
        }
        const quint16 port = testPort(4);
        Listener listener(ws, port);
        QVERIFY2(listener.waitFor("listening as MEDQ"), qPrintable(listener.output()));
        // -R: only the file's own class is proposed, so the association is refused as a whole.
        const Tool store = runTool("storescu", {"-R", "-aec", "MEDQ", "127.0.0.1", QString::number(port), file});
        QVERIFY2(store.code != 0 && store.output.contains("Association Rejected"), qPrintable(store.output));
        QVERIFY2(listener.waitFor("refused a proposal from STORESCU: SOP class 1.2.840.10008.5.1.4.1.1.30 (ParametricMapStorage) "
                                  "is not one the receiver accepts"),
                 qPrintable(listener.output()));
        // A query (C-FIND, study root) is no storage: refused the same way, by class.
        const Tool find = runTool("findscu", {"-S", "-k", "QueryRetrieveLevel=STUDY", "-aec", "MEDQ", "127.0.0.1", QString::number(port)});
        QVERIFY2(find.code != 0 && find.output.contains("Association Rejected"), qPrintable(find.output));
        QVERIFY2(listener.waitFor("refused a proposal from FINDSCU: SOP class 1.2.840.10008.5.1.4.1.2.2.1 ("), qPrintable(listener.output()));
        // The receiver is still there for what it does accept.
        QCOMPARE(runTool("storescu", {"-aec", "MEDQ", "127.0.0.1", QString::number(port), test::pydicom("CT_small.dcm")}).code, 0);
        QVERIFY2(listener.waitFor("1 taken in (import)"), qPrintable(listener.output()));
        QCOMPARE(listener.stop(), 0);
        auto opened = store::Workspace::open(ws);
        QVERIFY(opened);
        QCOMPARE(opened.value()->received().count(ReceivedState::Done), 1);
        QCOMPARE(opened.value()->images().count(), 1);
        QCOMPARE(QDir(QDir(ws).filePath("received")).entryList(QDir::Files).size(), 1);
    }

    // An instance cut short (CT_small's data set ending inside its pixel data) sent raw: no
    // success for the sender, the log names the instance and the reason, and nothing half
    // stored: no received row, no image, no file left in received/.
    void refusesATruncatedInstance() {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const quint16 port = testPort(5);
        Listener listener(ws, port);
        QVERIFY2(listener.waitFor("listening as MEDQ"), qPrintable(listener.output()));
        // CT_small ends with 32768 bytes of pixels: cut inside them.
        const QString outcome = sendCutShort(port, test::pydicom("CT_small.dcm"), 12000, tmp.path());
        QVERIFY2(outcome != QLatin1String("status 0000"), qPrintable(outcome + listener.output()));
        qInfo("the sender of the cut instance got: %s", qPrintable(outcome));
        QVERIFY2(listener.waitFor("could not be received whole"), qPrintable(outcome + "\n" + listener.output()));
        QVERIFY2(listener.output().contains("refused an instance of class 1.2.840.10008.5.1.4.1.1.2 from RAWSCU"), qPrintable(listener.output()));
        // The whole file afterwards is stored: the cut one left nothing that looks received.
        QCOMPARE(sendCutShort(port, test::pydicom("CT_small.dcm"), 0, tmp.path()), QStringLiteral("status 0000"));
        QVERIFY2(listener.waitFor("1 taken in (import)"), qPrintable(listener.output()));
        QCOMPARE(listener.stop(), 0);
        QVERIFY2(listener.output().contains("1 stored, 0 duplicates, 1 refused"), qPrintable(listener.output()));
        auto opened = store::Workspace::open(ws);
        QVERIFY(opened);
        QCOMPARE(opened.value()->received().count(ReceivedState::Done), 1);
        QCOMPARE(opened.value()->images().count(), 1);
        QCOMPARE(QDir(QDir(ws).filePath("received")).entryList(QDir::Files).size(), 1);
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
