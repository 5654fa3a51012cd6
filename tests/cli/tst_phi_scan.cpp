// No patient identity leaves an import: real DICOM samples that carry names, IDs, dates and
// UIDs (and fabricated files carrying every PS3.15 attribute the workstation reads) are
// imported, registered in the pool, annotated and exported through the `medq` CLI at debug
// verbosity; then every file of the workspace (database, WAL, logs, thumbnails), both
// exports and all console output are scanned for the original identifiers. Controls show
// the scan finds them where they are: in the source files, and in a workspace imported with
// --keep-identifiers.
#include "annotate/ReviewQueueSeeder.h"
#include "store/Workspace.h"
#include "support/DicomFixtures.h"
#include "support/SampleFiles.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;

class PhiScanTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QStringList m_inputs;       // files and folders given to `medq import`
    QStringList m_dicomFiles;   // every DICOM file among them
    QStringList m_identifiers;  // original identifying values found in those files
    QString m_console;          // everything the CLI printed

    int medq(const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(MEDQ_CLI_PATH), QStringList{"-vv"} + args);
        p.waitForFinished(300000);
        m_console += QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError());
        return p.exitCode();
    }

    // Identifying attributes straight from the files with DCMTK: the test does not trust the
    // reader it is checking.
    static QStringList identifiersOf(const QString& path) {
        DcmFileFormat ff;
        if (ff.loadFile(QFile::encodeName(path).constData()).bad()) return {};
        const DcmTagKey tags[] = {DCM_PatientName, DCM_PatientID, DCM_PatientBirthDate, DCM_RETIRED_OtherPatientIDs,
                                  DCM_AccessionNumber, DCM_InstitutionName, DCM_InstitutionAddress,
                                  DCM_ReferringPhysicianName, DCM_PerformingPhysicianName, DCM_OperatorsName,
                                  DCM_StationName, DCM_DeviceSerialNumber, DCM_StudyDescription, DCM_StudyDate, DCM_AcquisitionDateTime,
                                  DCM_StudyInstanceUID, DCM_SeriesInstanceUID, DCM_SOPInstanceUID,
                                  DCM_FrameOfReferenceUID, DCM_StudyID};
        auto text = [&](const DcmTagKey& tag) {
            OFString value;
            return ff.getDataset()->findAndGetOFStringArray(tag, value).good()
                       ? QString::fromLatin1(value.c_str()).trimmed()
                       : QString();
        };
        // MR_small's InstitutionName "TOSHIBA" is part of its Manufacturer "TOSHIBA_MEC": text
        // the profile keeps under another attribute is not a leak.
        const QString kept = text(DCM_Manufacturer) + QLatin1Char('\n') + text(DCM_ManufacturerModelName);
        QStringList out;
        for (const DcmTagKey& tag : tags) {
            const QString v = text(tag);
            if (!v.isEmpty() && !kept.contains(v)) out << v;
        }
        return out;
    }
    // Values too short or too regular to be told apart from chance matches (a 64-zero hash
    // contains "000000000") are not searched; short all-digit values neither.
    static bool searchable(const QString& v) {
        if (v.size() < 6) return false;
        if (v.count(v.front()) == v.size()) return false;
        bool digits = true;
        for (QChar c : v) digits &= c.isDigit();
        return !(digits && v.size() < 8);
    }
    // "identifier in file" for every hit under `paths` (files or folders).
    QStringList leaks(const QStringList& paths, const QByteArray& extraText = {}) const {
        QStringList hits;
        auto scan = [&](const QString& where, const QByteArray& bytes) {
            for (const QString& id : m_identifiers)
                if (bytes.contains(id.toUtf8())) hits << QStringLiteral("%1 in %2").arg(id, where);
        };
        for (const QString& p : paths) {
            if (QFileInfo(p).isFile()) {
                scan(p, test::readFile(p));
                continue;
            }
            QDirIterator it(p, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString f = it.next();
                scan(f, test::readFile(f));
            }
        }
        if (!extraText.isEmpty()) scan(QStringLiteral("console output"), extraText);
        return hits;
    }

private slots:
    void initTestCase() {
        for (const char* suffix : {"P1", "P2"}) {
            const QString path = m_tmp.filePath(QStringLiteral("fabricated_%1.dcm").arg(suffix));
            QVERIFY(test::writeIdentifiedDicom(test::pydicom("CT_small.dcm"), path, suffix, QLatin1String(suffix) == "P1"));
            m_inputs << path;
        }
        for (const char* name : {"CT_small.dcm", "MR_small.dcm", "rtdose.dcm", "JPEG2000.dcm", "dicomdirtests/98892003/MR700"})
            m_inputs << test::pydicom(QString::fromLatin1(name));
        for (const QString& in : m_inputs) {
            if (QFileInfo(in).isFile()) m_dicomFiles << in;
            else for (const QString& f : QDir(in).entryList(QDir::Files)) m_dicomFiles << QDir(in).filePath(f);
        }
        QSet<QString> ids;
        for (const QString& f : m_dicomFiles)
            for (const QString& v : identifiersOf(f))
                if (searchable(v)) ids.insert(v);
        // What pydicom reports for these files (checked with pydicom.dcmread), as a guard
        // against the extraction above silently finding nothing.
        for (const char* known : {"CompressedSamples^CT1", "CompressedSamples^MR1", "Doe^Peter", "98890234",
                                  "JFK IMAGING CENTER", "Lastname^Firstname", "id11111",
                                  "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322"})
            QVERIFY2(ids.contains(QString::fromLatin1(known)), known);
        for (const QString& v : test::fabricatedIdentifiers("P1")) QVERIFY2(ids.contains(v) || !searchable(v), qPrintable(v));
        m_identifiers = ids.values();
        qInfo("scanning for %d original identifiers from %d DICOM files", int(m_identifiers.size()), int(m_dicomFiles.size()));
        QVERIFY2(m_identifiers.size() >= 40, qPrintable(QString::number(m_identifiers.size())));
    }

    void scanFindsIdentifiersWhereTheyAre() {
        QVERIFY(!leaks({m_dicomFiles.front()}).isEmpty());
        const QString ws = m_tmp.filePath("kept");
        QCOMPARE(medq({"init", ws}), 0);
        medq(QStringList{"import", ws, "-r", "--keep-identifiers"} + m_inputs);
        QVERIFY(!leaks({QDir(ws).filePath("workspace.sqlite")}).isEmpty());
    }

    void importAnnotateExportLeaksNoIdentifier() {
        m_console.clear();
        const QString ws = m_tmp.filePath("ws");
        QCOMPARE(medq({"init", ws}), 0);
        medq(QStringList{"import", ws, "-r"} + m_inputs);  // files that fail (exit 1) have their errors scanned too
        // The same files registered in the pool by reference: their UIDs are stored remapped.
        QCOMPARE(medq(QStringList{"pool", "add", ws, "-r"} + m_inputs), 0);
        QCOMPARE(medq({"pool", "status", ws}), 0);
        {
            auto opened = store::Workspace::open(ws).take();
            QVERIFY(opened->images().count() >= 5);
            QVERIFY(annotate::ReviewQueueSeeder::queueImagesWithoutTasks(*opened, Queue::Expert, "phi test") >= 5);
            opened->annotations().ensureAnnotator("dr.a", "annotator");
            for (const auto& item : opened->queues().items(Queue::Expert)) {
                store::AnnotationRecord a;
                a.taskId = item.taskId;
                a.annotator = "dr.a";
                a.text = "Mild noise. Overall, the quality of this image is usable.";
                a.labels = QJsonObject{{"attributes", QJsonObject{{"noise", "mild"}}}, {"flags", QJsonArray{}}};
                a.qualityLevel = "usable";  // so the DICOM SR export has something to say
                opened->annotations().submit(a);
            }
            int burnedIn = 0;
            for (const auto& image : opened->images().list(0, 100)) burnedIn += image.metadata.value("burned_in_annotation").toBool();
            QCOMPARE(burnedIn, 1);
        }
        const QString jsonl = m_tmp.filePath("train.jsonl"), csv = m_tmp.filePath("annotations.csv");
        const QString sr = m_tmp.filePath("dicom-sr");
        QCOMPARE(medq({"export", ws, "--jsonl", jsonl, "--csv", csv, "--dicom-sr", sr}), 0);
        QVERIFY(!QDir(sr).entryList({"*-quality-sr.dcm"}, QDir::Files).isEmpty());
        QCOMPARE(medq({"info", ws}), 0);
        QCOMPARE(medq({"audit", "verify", ws}), 0);
        QVERIFY(QFileInfo(QDir(ws).filePath("logs/medq.log")).size() > 0);
        QVERIFY(QFileInfo(jsonl).size() > 0 && QFileInfo(csv).size() > 0);
        const QString images = m_tmp.filePath("images");  // the JSONL's images: pixels only, no header
        QVERIFY(!QDir(images).entryList({"*.png"}, QDir::Files).isEmpty());
        const QStringList found = leaks({ws, jsonl, images, csv, sr}, m_console.toUtf8());
        QVERIFY2(found.isEmpty(), qPrintable(found.join('\n')));
    }
};

QTEST_GUILESS_MAIN(PhiScanTest)
#include "tst_phi_scan.moc"
