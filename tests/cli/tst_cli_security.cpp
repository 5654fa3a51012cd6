// `medq audit verify`, `medq export` and `medq import --keep-identifiers` as a user runs
// them: exit codes, messages naming the broken row, files that read back.
#include "annotate/ReviewQueueSeeder.h"
#include "export/AnnotationCsvExport.h"
#include "export/TrainingDataExport.h"
#include "store/Workspace.h"
#include "support/CliRunner.h"
#include "support/SampleFiles.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;

class CliSecurityTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    using Run = test::CliRun;
    static Run medq(const QStringList& args) { return test::runMedq(args); }
    QString importedWorkspace(const QString& name, const QStringList& extra = {}) {
        const QString ws = m_tmp.filePath(name);
        if (medq({"init", ws}).code != 0) qFatal("init failed");
        const Run r = medq(QStringList{"import", ws, test::pydicom("CT_small.dcm"), test::skimage("retina.jpg")} + extra);
        if (r.code != 0) qFatal("import failed: %s", qPrintable(r.err));
        return ws;
    }

private slots:
    void helpNamesTheNewCommands() {
        const Run help = medq({"--help"});
        QVERIFY(help.out.contains("audit verify WORKSPACE"));
        QVERIFY(help.out.contains("export WORKSPACE"));
        QVERIFY(medq({"import", "--help"}).out.contains("--keep-identifiers"));
        QCOMPARE(medq({"audit", "--help"}).code, 0);
        QCOMPARE(medq({"export", "--help"}).code, 0);
    }

    void auditVerifyReportsTheTamperedRow() {
        const QString ws = importedWorkspace("audit");
        const Run ok = medq({"audit", "verify", ws});
        QCOMPARE(ok.code, 0);
        const auto head = QRegularExpression("head ([0-9a-f]{64})").match(ok.out);
        QVERIFY2(head.hasMatch(), qPrintable(ok.out));
        QCOMPARE(medq({"audit", "verify", ws, "--expect-head", head.captured(1)}).code, 0);
        const Run stale = medq({"audit", "verify", ws, "--expect-head", QString(64, 'a')});
        QCOMPARE(stale.code, 1);
        QVERIFY(stale.err.contains("not the expected"));
        {
            auto opened = store::Workspace::open(ws).take();
            opened->db().exec("DROP TRIGGER audit_append_only_update");
            opened->db().exec("UPDATE audit_log SET actor='mallory' WHERE id=2");
        }
        const Run broken = medq({"audit", "verify", ws});
        QCOMPARE(broken.code, 1);
        QVERIFY2(broken.err.contains("broken at row 2"), qPrintable(broken.err));
        QVERIFY(broken.err.contains("edited"));
        QCOMPARE(medq({"audit", "verify"}).code, 1);
        QCOMPARE(medq({"audit", "check", ws}).code, 1);
        QCOMPARE(medq({"audit", "verify", m_tmp.filePath("nowhere")}).code, 1);
    }

    void keepIdentifiersIsOptInAndAudited() {
        const QString plain = importedWorkspace("plain");
        const QString kept = importedWorkspace("kept", {"--keep-identifiers", "--annotator", "dr.lead"});
        auto a = store::Workspace::open(plain).take();
        auto b = store::Workspace::open(kept).take();
        QVERIFY(!a->images().list(0, 1, "ct").front().metadata.contains("patient_name"));
        QCOMPARE(b->images().list(0, 1, "ct").front().metadata.value("patient_name").toString(),
                 QStringLiteral("CompressedSamples^CT1"));
        const auto audit = b->audit().recent(1).front();
        QCOMPARE(audit.actor, QStringLiteral("dr.lead"));
        QCOMPARE(audit.details.value("deidentified").toBool(), false);
        QCOMPARE(a->audit().recent(1).front().details.value("deidentified").toBool(), true);
    }

    void exportWritesFilesThatReadBack() {
        const QString ws = importedWorkspace("export");
        {
            auto opened = store::Workspace::open(ws).take();
            QCOMPARE(annotate::ReviewQueueSeeder::queueImagesWithoutTasks(*opened, Queue::Expert, "test"), 2);
            opened->annotations().ensureAnnotator("dr.a", "annotator");
            store::AnnotationRecord an;
            an.taskId = opened->queues().items(Queue::Expert).front().taskId;
            an.annotator = "dr.a";
            an.text = "Sharp, well exposed.";
            opened->annotations().submit(an);
        }
        const QString jsonl = m_tmp.filePath("out.jsonl"), csv = m_tmp.filePath("out.csv");
        const Run r = medq({"export", ws, "--jsonl", jsonl, "--csv", csv});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("wrote 1 conversations"), qPrintable(r.out));  // the other task has no answer yet
        QVERIFY(r.out.contains("wrote 1 annotation revisions"));
        auto records = exports::TrainingDataExport::importJsonl(jsonl);
        QVERIFY(records.ok());
        QCOMPARE(records.value().front().conversations[1].value, QStringLiteral("Sharp, well exposed."));
        QVERIFY2(r.out.contains("wrote 1 images as PNG"), qPrintable(r.out));  // its image, beside the JSONL
        const QImage png(QFileInfo(jsonl).dir().filePath(records.value().front().images.front()));
        QVERIFY(!png.isNull() && png.width() > 0);
        auto rows = exports::AnnotationCsvExport::importCsv(csv);
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().front().annotator, QStringLiteral("dr.a"));
        auto opened = store::Workspace::open(ws).take();
        QCOMPARE(opened->audit().recent(1).front().action, QStringLiteral("export"));
        QVERIFY(opened->audit().verify().intact);
        QCOMPARE(medq({"export", ws}).code, 1);  // nothing to write
        QCOMPARE(medq({"export", m_tmp.filePath("nowhere"), "--csv", csv}).code, 1);
        QCOMPARE(medq({"export", ws, "--csv", m_tmp.filePath("no/such/folder/x.csv")}).code, 1);
    }
};

QTEST_GUILESS_MAIN(CliSecurityTest)
#include "tst_cli_security.moc"
