// medq export --dicom-sr end to end below the CLI: DICOM files imported into a workspace
// (de-identified, and once keeping identifiers), annotated, exported; the SRs and Key Object
// Selections read back with DCMTK and checked against the workspace's own UIDs.
#include "export/DicomSrExport.h"
#include "ingest/ImportJob.h"
#include "privacy/DeidentificationKeyStore.h"
#include "privacy/Deidentifier.h"
#include "store/Workspace.h"
#include "support/SampleFiles.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::exports;

namespace {

const char* kCtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

// A copy of a real CT sample with our own UIDs and (fabricated) patient.
bool writeDicom(const QString& target, const QString& study, const QString& series, const QString& sop,
                const QString& patient) {
    DcmFileFormat ff;
    if (ff.loadFile(QFile::encodeName(test::pydicom("CT_small.dcm")).constData()).bad()) return false;
    DcmDataset* ds = ff.getDataset();
    ds->putAndInsertString(DCM_StudyInstanceUID, study.toLatin1().constData());
    ds->putAndInsertString(DCM_SeriesInstanceUID, series.toLatin1().constData());
    ds->putAndInsertString(DCM_SOPInstanceUID, sop.toLatin1().constData());
    ds->putAndInsertString(DCM_PatientName, patient.toLatin1().constData());
    ds->putAndInsertString(DCM_PatientID, ("PID-" + patient).toLatin1().constData());
    ff.getMetaInfo()->putAndInsertString(DCM_MediaStorageSOPInstanceUID, sop.toLatin1().constData());
    return ff.saveFile(QFile::encodeName(target).constData()).good();
}

// Every content item of a document, as (value type, concept code, coded value or UID or text).
struct Item {
    DSRTypes::E_ValueType type;
    QString concept, value, sopClass;
};

struct ReadBack {
    std::unique_ptr<DSRDocument> doc;
    std::vector<Item> items;
    QString patientName, patientId, identityRemoved;
};

ReadBack readBack(const QString& path) {
    ReadBack r;
    DcmFileFormat ff;
    if (ff.loadFile(QFile::encodeName(path).constData()).bad()) return r;
    auto doc = std::make_unique<DSRDocument>();
    if (doc->read(*ff.getDataset()).bad()) return r;
    OFString s;
    ff.getDataset()->findAndGetOFString(DCM_PatientName, s);
    r.patientName = QString::fromUtf8(s.c_str());
    ff.getDataset()->findAndGetOFString(DCM_PatientID, s);
    r.patientId = QString::fromUtf8(s.c_str());
    if (ff.getDataset()->findAndGetOFString(DCM_PatientIdentityRemoved, s).good()) r.identityRemoved = s.c_str();
    DSRDocumentTree& tree = doc->getTree();
    if (tree.gotoRoot()) {
        do {
            DSRContentItem& c = tree.getCurrentContentItem();
            Item i{c.getValueType(), QString::fromLatin1(c.getConceptName().getCodeValue().c_str()), {}, {}};
            if (i.type == DSRTypes::VT_Code) i.value = QString::fromLatin1(c.getCodeValue().getCodeValue().c_str());
            if (i.type == DSRTypes::VT_Text) i.value = QString::fromUtf8(c.getStringValue().c_str());
            if (i.type == DSRTypes::VT_Composite) {
                i.value = QString::fromLatin1(c.getCompositeReference().getSOPInstanceUID().c_str());
                i.sopClass = QString::fromLatin1(c.getCompositeReference().getSOPClassUID().c_str());
            }
            if (i.type == DSRTypes::VT_Image) {
                i.value = QString::fromLatin1(c.getImageReference().getSOPInstanceUID().c_str());
                i.sopClass = QString::fromLatin1(c.getImageReference().getSOPClassUID().c_str());
            }
            r.items.push_back(i);
        } while (tree.iterate());
    }
    r.doc = std::move(doc);
    return r;
}

QSet<QString> imageRefs(const ReadBack& r) {
    QSet<QString> out;
    for (const Item& i : r.items)
        if (i.type == DSRTypes::VT_Image) out.insert(i.value);
    return out;
}

}  // namespace

class DicomSrExportTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    struct Fixture {
        std::unique_ptr<store::Workspace> ws;
        QString outDir;
        DicomSrExportReport report;
        QHash<QString, store::ImageRecord> bySource;  // source file name -> image
    };

    // Study 1: images a (reject, two attributes), b (good). Study 2: c (reject), d (usable,
    // model-accepted). Plus a PNG, also judged reject, which has no UID to reference.
    Fixture build(bool deidentify) {
        Fixture f;
        const QString dir = m_tmp.filePath(QStringLiteral("ws%1").arg(++m_n));
        const QString in = m_tmp.filePath(QStringLiteral("in%1").arg(m_n));
        QDir().mkpath(in);
        const QString root = QStringLiteral("1.2.826.0.1.3680043.9.7777.%1.").arg(m_n);
        struct Src { const char* name; int number, study; const char* patient; };
        for (const Src& s : {Src{"a", 1, 1, "Alpha"}, Src{"b", 2, 1, "Alpha"}, Src{"c", 3, 2, "Beta"}, Src{"d", 4, 2, "Beta"}}) {
            const QString n = QString::fromLatin1(s.name), number = QString::number(s.number);
            if (!writeDicom(QDir(in).filePath(n + ".dcm"), root + QString::number(s.study), root + "1" + number,
                            root + "2" + number, QStringLiteral("Fabricated^%1").arg(QString::fromLatin1(s.patient))))
                qFatal("cannot write a DICOM fixture");
        }
        QFile::copy(test::skimage("camera.png"), QDir(in).filePath("e.png"));
        f.ws = store::Workspace::create(dir).take();
        static std::atomic<bool> never{false};
        ingest::ImportOptions o;
        o.inputs = {in};
        o.recursive = true;
        o.deidentify = deidentify;
        const auto outcome = ingest::ImportJob(dir, o).run(jobs::Progress(&never, {}));
        if (!outcome.ok() || outcome.result.value("imported").toInt() != 5) qFatal("import: %s", qPrintable(outcome.message));
        f.ws = store::Workspace::open(dir).take();
        for (const auto& image : f.ws->images().list(0, 100)) f.bySource.insert(QFileInfo(image.path).baseName(), image);
        f.ws->annotations().ensureAnnotator("alice", "annotator");
        f.ws->annotations().ensureAnnotator(store::kAutoAcceptAnnotator, "annotator");
        auto annotate = [&](const char* name, const char* level, QJsonObject attributes, const QString& text,
                            const QString& who = QStringLiteral("alice")) {
            store::TaskRecord t;
            t.imageId = f.bySource.value(QString::fromLatin1(name)).id;
            t.kind = TaskKind::Description;
            t.questionType = QuestionType::Description;
            store::AnnotationRecord a;
            a.taskId = f.ws->tasks().insert(t);
            a.annotator = who;
            a.text = text;
            a.labels = {{"attributes", attributes}, {"flags", QJsonArray()}};
            a.qualityLevel = QString::fromLatin1(level);
            f.ws->annotations().submit(a);
        };
        annotate("a", "reject", {{"metal_streak", "severe"}, {"beam_hardening", "mild"}}, "Severe metal streaks.");
        annotate("b", "good", {}, "Clean image.");
        annotate("c", "reject", {{"beam_hardening", "severe"}}, QStringLiteral("Strong cupping \u2014 centre darker."));
        annotate("d", "usable", {{"metal_streak", "mild"}}, "Mild streaks.", store::kAutoAcceptAnnotator);
        annotate("e", "reject", {}, "Not DICOM.");
        f.outDir = m_tmp.filePath(QStringLiteral("out%1").arg(m_n));
        auto report = DicomSrExport::run(*f.ws, f.outDir);
        if (!report) qFatal("export: %s", qPrintable(report.error().message()));
        f.report = report.take();
        return f;
    }
    static QString uid(const store::ImageRecord& r, const char* key) { return r.metadata.value(key).toString(); }
    const DicomSrFile* fileOf(const Fixture& f, const QString& studyUid, bool kos) {
        for (const auto& file : f.report.files)
            if (file.studyUid == studyUid && file.keyObjectSelection == kos) return &file;
        return nullptr;
    }

    Fixture m_deid;

    // A workspace of what `input` imports (one image), judged reject, and its export.
    struct Single {
        std::unique_ptr<store::Workspace> ws;
        store::ImageRecord image;
        DicomSrExportReport report;
    };
    Single exportOne(const QString& name, const QString& input) {
        Single out;
        const QString dir = m_tmp.filePath("ws-" + name);
        store::Workspace::create(dir);
        static std::atomic<bool> never{false};
        ingest::ImportOptions o;
        o.inputs = {input};
        o.recursive = true;
        if (!ingest::ImportJob(dir, o).run(jobs::Progress(&never, {})).ok()) qFatal("cannot import %s", qPrintable(input));
        out.ws = store::Workspace::open(dir).take();
        const auto images = out.ws->images().list(0, 10);
        if (images.size() != 1) qFatal("%s: expected one image", qPrintable(input));
        out.image = images.front();
        out.ws->annotations().ensureAnnotator("alice", "annotator");
        store::TaskRecord t;
        t.imageId = out.image.id;
        t.kind = TaskKind::Description;
        t.questionType = QuestionType::Description;
        store::AnnotationRecord a;
        a.taskId = out.ws->tasks().insert(t);
        a.annotator = "alice";
        a.qualityLevel = "reject";
        out.ws->annotations().submit(a);
        auto report = DicomSrExport::run(*out.ws, m_tmp.filePath("out-" + name));
        if (!report) qFatal("export: %s", qPrintable(report.error().message()));
        out.report = report.take();
        return out;
    }

private slots:
    void initTestCase() {
        if (qEnvironmentVariableIsSet("MEDQ_KEEP_TEST_OUTPUT")) {  // to look at the files by hand
            m_tmp.setAutoRemove(false);
            qInfo("output kept in %s", qPrintable(m_tmp.path()));
        }
        m_deid = build(true);
    }

    void srReferencesRemappedUids() {
        const Fixture& f = m_deid;
        QCOMPARE(f.report.summary.images, 4);
        QCOMPARE(f.report.summary.skippedNotDicom, 1);  // the PNG
        for (const auto& [study, names] : {std::pair{"a", QStringList{"a", "b"}}, std::pair{"c", QStringList{"c", "d"}}}) {
            const QString studyUid = uid(f.bySource.value(study), "study_uid");
            QVERIFY2(studyUid.startsWith("2.25."), qPrintable(studyUid));  // remapped on import
            const DicomSrFile* sr = fileOf(f, studyUid, false);
            QVERIFY(sr);
            QVERIFY(QFileInfo(sr->path).fileName().endsWith("-quality-sr.dcm"));
            const ReadBack r = readBack(sr->path);
            QVERIFY(r.doc);
            QCOMPARE(r.doc->getDocumentType(), DSRTypes::DT_ComprehensiveSR);
            OFString s;
            r.doc->getStudyInstanceUID(s);
            QCOMPARE(QString::fromLatin1(s.c_str()), studyUid);
            QSet<QString> expected;
            for (const QString& n : names) {
                expected.insert(uid(f.bySource.value(n), "sop_instance_uid"));
                QVERIFY(!uid(f.bySource.value(n), "sop_instance_uid").contains("9.7777"));
            }
            QCOMPARE(imageRefs(r), expected);
            for (const Item& i : r.items)
                if (i.type == DSRTypes::VT_Image) QCOMPARE(i.sopClass, QString::fromLatin1(kCtImageStorage));
        }
    }

    void srHoldsLevelAttributesAndDescription() {
        const Fixture& f = m_deid;
        const ReadBack r = readBack(fileOf(f, uid(f.bySource.value("a"), "study_uid"), false)->path);
        QVERIFY(r.doc);
        QCOMPARE(r.items.front().concept, QStringLiteral("111050"));  // root: Quality Assessment
        QStringList levels, findings, severities, texts, observers;
        for (const Item& i : r.items) {
            if (i.concept == "109701") levels << i.value;
            if (i.concept == "111052") findings << i.value;
            if (i.concept == "246112005") severities << i.value;
            if (i.concept == "121106") texts << i.value;
            if (i.concept == "121005") observers << i.value;
        }
        QCOMPARE(levels, (QStringList{"111235", "111237"}));  // a reject, b good
        QCOMPARE(findings, (QStringList{"metal_streak", "beam_hardening"}));  // taxonomy order
        QCOMPARE(severities, (QStringList{"24484000", "255604002"}));  // severe, mild
        QCOMPARE(texts, (QStringList{"Severe metal streaks.", "Clean image."}));
        QCOMPARE(observers, (QStringList{"121006", "121006"}));
        QVERIFY(r.doc->getCodingSchemeIdentification().gotoItem("99MEDQ").good());
        const ReadBack other = readBack(fileOf(f, uid(f.bySource.value("c"), "study_uid"), false)->path);
        bool device = false, utf8 = false;
        for (const Item& i : other.items) {
            device |= i.concept == "121005" && i.value == "121007";
            utf8 |= i.concept == "121106" && i.value == QStringLiteral("Strong cupping \u2014 centre darker.");
        }
        QVERIFY(device);  // d: the model's draft accepted by routing
        QVERIFY(utf8);    // non-ASCII text survives (the document declares ISO_IR 192)
        OFString charset;
        other.doc->getSpecificCharacterSet(charset);
        QCOMPARE(QString::fromLatin1(charset.c_str()), QStringLiteral("ISO_IR 192"));
        r.doc->getSpecificCharacterSet(charset);
        QCOMPARE(QString::fromLatin1(charset.c_str()), QString());  // ASCII only: no declaration
    }

    void kosListsOnlyRejectedImages() {
        const Fixture& f = m_deid;
        int kosFiles = 0;
        for (const auto& file : f.report.files) kosFiles += file.keyObjectSelection;
        QCOMPARE(kosFiles, 2);
        for (const char* rejected : {"a", "c"}) {
            const DicomSrFile* kos = fileOf(f, uid(f.bySource.value(rejected), "study_uid"), true);
            QVERIFY(kos);
            QVERIFY(QFileInfo(kos->path).fileName().endsWith("-quality-issue-kos.dcm"));
            const ReadBack r = readBack(kos->path);
            QVERIFY(r.doc);
            QCOMPARE(r.doc->getDocumentType(), DSRTypes::DT_KeyObjectSelectionDocument);
            QCOMPARE(r.items.front().concept, QStringLiteral("113010"));
            QCOMPARE(imageRefs(r), QSet<QString>{uid(f.bySource.value(rejected), "sop_instance_uid")});
            bool described = false;
            for (const Item& i : r.items) described |= i.concept == "113012" && i.value.contains("not a rejection");
            QVERIFY(described);
        }
    }

    void neverWritesRejectedForQualityReasons() {
        for (const auto& file : m_deid.report.files) {
            const ReadBack r = readBack(file.path);
            QVERIFY(r.doc);
            for (const Item& i : r.items) {
                QVERIFY2(i.concept != "113001", qPrintable(file.path));
                QVERIFY2(i.value != "113001", qPrintable(file.path));
            }
        }
    }

    void deidentifiedPatientModuleStaysEmpty() {
        for (const auto& file : m_deid.report.files) {
            const ReadBack r = readBack(file.path);
            QCOMPARE(r.patientName, QString());
            QCOMPARE(r.patientId, QString());
            QCOMPARE(r.identityRemoved, QStringLiteral("YES"));
            const QByteArray bytes = test::readFile(file.path);
            QVERIFY(!bytes.contains("Fabricated") && !bytes.contains("9.7777"));
        }
    }

    void keptIdentifiersAreReferencedAsStored() {
        const Fixture f = build(false);
        const store::ImageRecord a = f.bySource.value("a");
        QVERIFY(uid(a, "sop_instance_uid").contains("9.7777"));  // the originals, kept on import
        const ReadBack r = readBack(fileOf(f, uid(a, "study_uid"), false)->path);
        QVERIFY(imageRefs(r).contains(uid(a, "sop_instance_uid")));
        QCOMPARE(r.patientName, QStringLiteral("Fabricated^Alpha"));
        QCOMPARE(r.identityRemoved, QString());
    }

    void olderImportsTakeTheSopClassFromTheFile() {
        const Fixture f = build(true);
        f.ws->db().prepare("UPDATE images SET metadata = json_remove(metadata, '$.sop_class_uid')").run();
        SrCollectSummary summary;
        const auto studies = QualitySrCollector::collect(*f.ws, &summary);
        QCOMPARE(summary.sopClassFromFile, 4);
        QCOMPARE(studies.front().images.front().instances.front().sopClassUid, QString::fromLatin1(kCtImageStorage));
    }

    void nonImageObjectsAreReferencedAsComposite() {
        // RT Dose carries pixels, so the workspace imports it, but DCMTK's IMAGE item refuses
        // its SOP class: the SR and the KOS reference it as COMPOSITE.
        const Single one = exportOne("rtdose", test::pydicom("rtdose.dcm"));
        QCOMPARE(one.report.files.size(), std::size_t(2));
        for (const auto& file : one.report.files) {
            const ReadBack r = readBack(file.path);
            QVERIFY(r.doc);
            int composites = 0;
            for (const Item& i : r.items) {
                if (i.type != DSRTypes::VT_Composite) continue;
                ++composites;
                QCOMPARE(i.value, uid(one.image, "sop_instance_uid"));
                QCOMPARE(i.sopClass, QStringLiteral("1.2.840.10008.5.1.4.1.1.481.2"));  // RT Dose Storage
            }
            QCOMPARE(composites, 1);
        }
    }

    void seriesVolumeReferencesEverySlice() {
        // A series imported as one volume keeps the first slice's UIDs; the documents list every
        // slice, each remapped with the workspace's key as the import remapped the first.
        const Single one = exportOne("series", test::pydicom("dicomdirtests/98892003/MR700"));
        const auto files = one.ws->images().files(one.image.id);
        QVERIFY(files.size() > 1);
        const privacy::Deidentifier remap(privacy::DeidentificationKeyStore::forWorkspace(*one.ws));
        QSet<QString> expected;
        for (const auto& f : files) {
            const auto original = QualitySrCollector::instanceOfFile(f.path);
            QVERIFY(original);
            expected.insert(remap.remapUid(original->sopInstanceUid));
        }
        QVERIFY(expected.contains(uid(one.image, "sop_instance_uid")));
        QCOMPARE(one.report.summary.seriesSlices, int(files.size()) - 1);
        QCOMPARE(one.report.files.size(), std::size_t(2));
        for (const auto& file : one.report.files) {
            const ReadBack r = readBack(file.path);
            QVERIFY(r.doc);
            QCOMPARE(imageRefs(r), expected);
            QCOMPARE(r.doc->getCurrentRequestedProcedureEvidence().getNumberOfInstances(), std::size_t(files.size()));
        }
    }

    void dsrdumpReadsEveryFile() {
        if (!QFileInfo::exists("/usr/bin/dsrdump")) QSKIP("dsrdump is not installed");
        for (const auto& file : m_deid.report.files) {
            QProcess p;
            p.start("/usr/bin/dsrdump", {file.path});
            QVERIFY(p.waitForFinished(30000));
            const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(out));
            QVERIFY2(!out.contains("E: "), qPrintable(out));
            QVERIFY2(out.contains(file.keyObjectSelection ? "Quality Issue" : "Quality Assessment"), qPrintable(out));
        }
    }
};

QTEST_GUILESS_MAIN(DicomSrExportTest)
#include "tst_dicom_sr_export.moc"
