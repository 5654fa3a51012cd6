// `medq export --dicom-sr` and `medq pacs send` through the real CLI: DICOM images imported
// (de-identified), annotated, the quality SR and "Quality Issue" Key Object Selection sent to
// a real PACS (Debian's Orthanc on loopback ports, its own configuration and storage), which
// must then hold both; and a PACS that is down gives a named error.
#include "store/Workspace.h"
#include "support/CliRunner.h"
#include "support/DicomFixtures.h"
#include "support/OrthancServer.h"
#include "support/SampleFiles.h"
#include "support/TestPorts.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <unistd.h>

using namespace medq;

namespace {

// Apart from the other PACS tests' ranges (31000-39001, 41000-57003, 58000-64002).
quint16 testPort(int offset) {
    static const quint16 first = test::portBlock(3);
    return quint16(first + offset);
}

QString sopInstanceOf(const QString& path) {
    DcmFileFormat ff;
    OFString uid;
    if (ff.loadFile(QFile::encodeName(path).constData()).good()) ff.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, uid);
    return QString::fromLatin1(uid.c_str());
}

}  // namespace

class TestPacsSend : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // What Orthanc's REST API answers to a lookup of `uid` (a JSON array; "[]" when unknown).
    static QString lookup(quint16 http, const QString& uid) {
        QProcess p;
        p.start("curl", {"-sf", "-H", "Expect:", "-X", "POST", "--data", uid, QStringLiteral("http://127.0.0.1:%1/tools/lookup").arg(http)});
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    // A workspace with two imported CT images of one study, one judged reject.
    QString annotatedWorkspace() {
        const QString ws = m_tmp.filePath("ws");
        const QString in = m_tmp.filePath("in");
        QDir().mkpath(in);
        for (const char* suffix : {"11", "12"}) {
            const QString path = QDir(in).filePath(QStringLiteral("%1.dcm").arg(suffix));
            if (!test::writeIdentifiedDicom(test::pydicom("CT_small.dcm"), path, QString::fromLatin1(suffix))) {
                qWarning("cannot write %s", qPrintable(path));
                return {};
            }
            // One study for both: the fixture derives every UID from the suffix.
            DcmFileFormat ff;
            ff.loadFile(QFile::encodeName(path).constData());
            ff.loadAllDataIntoMemory();  // saved over the file it was read from
            ff.getDataset()->putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.9.7777.1.10");
            ff.saveFile(QFile::encodeName(path).constData());
        }
        const auto init = test::runMedq({"init", ws});
        const auto imported = test::runMedq({"import", ws, in, "-r"});
        if (init.code != 0 || imported.code != 0) {
            qWarning("%s", qPrintable(init.err + imported.out + imported.err));
            return {};
        }
        auto ws_ = store::Workspace::open(ws).take();
        ws_->annotations().ensureAnnotator("alice", "annotator");
        const auto images = ws_->images().list(0, 10);
        for (std::size_t i = 0; i < images.size(); ++i) {
            store::TaskRecord t;
            t.imageId = images[i].id;
            t.kind = TaskKind::Description;
            t.questionType = QuestionType::Description;
            store::AnnotationRecord a;
            a.taskId = ws_->tasks().insert(t);
            a.annotator = "alice";
            a.text = i == 0 ? "Severe metal streaks across the slice." : "Clean image.";
            a.labels = {{"attributes", QJsonObject{{"metal_streak", i == 0 ? "severe" : "none"}}}, {"flags", QJsonArray()}};
            a.qualityLevel = i == 0 ? "reject" : "good";
            ws_->annotations().submit(a);
        }
        if (images.size() != 2) qWarning("%d images imported", int(images.size()));
        return images.size() == 2 ? ws : QString();
    }

private slots:
    void exportsThenSendsToTheProvidedPacs() {
        const QString ws = annotatedWorkspace();
        QVERIFY(!ws.isEmpty());
        const QString out = m_tmp.filePath("sr");
        const auto exported = test::runMedq({"export", ws, "--dicom-sr", out});
        QVERIFY2(exported.code == 0, qPrintable(exported.err));
        QVERIFY2(exported.out.contains("study-1-quality-sr.dcm: quality-assessment SR of 2 image(s)"), qPrintable(exported.out));
        QVERIFY2(exported.out.contains("study-1-quality-issue-kos.dcm: Key Object Selection \"Quality Issue\" of 1 image(s)"),
                 qPrintable(exported.out));

        test::OrthancServer orthanc(m_tmp.filePath("pacs"), testPort(0), testPort(1));
        if (!orthanc.problem().isEmpty()) QSKIP(qPrintable(orthanc.problem()));
        const auto sent = test::runMedq({"pacs", "send", ws, "--pacs", orthanc.node(), "--dicom-sr", out});
        QVERIFY2(sent.code == 0, qPrintable(sent.out + sent.err));
        qInfo("%s", qPrintable(sent.out));
        QVERIFY2(sent.out.contains("2 of 2 documents stored on TESTPACS@"), qPrintable(sent.out));
        for (const char* name : {"study-1-quality-sr.dcm", "study-1-quality-issue-kos.dcm"}) {
            const QString uid = sopInstanceOf(QDir(out).filePath(QString::fromLatin1(name)));
            QVERIFY(!uid.isEmpty());
            const QString found = lookup(testPort(0), uid);
            QVERIFY2(found.contains("\"Type\" : \"Instance\"") || found.contains("\"Type\":\"Instance\""),
                     qPrintable(name + QStringLiteral(": ") + found));
        }
    }

    void aPacsThatIsDownIsNamed() {
        const QString ws = m_tmp.filePath("ws");
        QVERIFY(store::Workspace::exists(ws));
        const auto sent = test::runMedq(
            {"pacs", "send", ws, "--pacs", QStringLiteral("NOPACS@127.0.0.1:%1").arg(testPort(2)), "--dicom-sr", m_tmp.filePath("sr2")});
        QCOMPARE(sent.code, 1);
        QVERIFY2(sent.err.contains("NOPACS@127.0.0.1") && sent.err.contains("no association"), qPrintable(sent.err));
        const auto missing = test::runMedq({"pacs", "send", ws, "--pacs", "NOPACS@127.0.0.1:104"});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains("--dicom-sr DIR is required"), qPrintable(missing.err));
    }
};

QTEST_GUILESS_MAIN(TestPacsSend)
#include "tst_pacs_send.moc"
