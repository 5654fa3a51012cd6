// Import with de-identification (the default): the workspace stores no identifiers, shifted
// dates and remapped UIDs that stay consistent across imports, flags burned-in annotation,
// and leaves the original files byte for byte as they were. --keep-identifiers is audited.
#include "ingest/ImportJob.h"
#include "privacy/DeidentificationKeyStore.h"
#include "store/Workspace.h"
#include "support/DicomFixtures.h"
#include "support/SampleFiles.h"

#include <QCryptographicHash>
#include <QDate>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::ingest;

class DeidentifiedImportTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    QString freshWorkspace() {
        const QString dir = m_tmp.filePath(QStringLiteral("ws%1").arg(++m_n));
        if (!store::Workspace::create(dir)) qFatal("cannot create workspace");
        return dir;
    }
    static jobs::JobOutcome runImport(const QString& dir, const QStringList& inputs, bool deidentify = true) {
        static std::atomic<bool> never{false};
        ImportOptions o;
        o.inputs = inputs;
        o.recursive = true;
        o.deidentify = deidentify;
        ImportJob job(dir, o);
        return job.run(jobs::Progress(&never, {}));
    }
    static QString metadataText(const store::ImageRecord& r) {
        return QString::fromUtf8(QJsonDocument(r.metadata).toJson(QJsonDocument::Compact));
    }
    QString fabricated(const QString& suffix, bool burnedIn = false) {
        const QString path = m_tmp.filePath(QStringLiteral("fabricated_%1.dcm").arg(suffix));
        if (!test::writeIdentifiedDicom(test::pydicom("CT_small.dcm"), path, suffix, burnedIn))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void storesNoIdentifiersByDefault() {
        const QString dir = freshWorkspace();
        const QString file = fabricated("A1");
        const auto out = runImport(dir, {file, test::pydicom("dicomdirtests/98892003/MR700")});
        QVERIFY2(out.ok(), qPrintable(out.message));
        QCOMPARE(out.result.value("imported").toInt(), 2);
        auto ws = store::Workspace::open(dir).take();
        const auto keys = privacy::DeidentificationKeyStore::forWorkspace(*ws);
        for (const auto& image : ws->images().list(0, 10)) {
            const QString text = metadataText(image);
            for (const auto& r : privacy::Deidentifier::rules()) {
                if (r.action == privacy::MetadataAction::Remove) QVERIFY2(!image.metadata.contains(r.key), r.key);
            }
            QVERIFY2(image.metadata.value("study_uid").toString().startsWith("2.25."), qPrintable(text));
            QVERIFY2(image.metadata.value("sop_instance_uid").toString().startsWith("2.25."), qPrintable(text));
            QVERIFY(image.metadata.contains("deidentification_method"));
            QVERIFY2(!text.contains("Doe^Peter") && !text.contains("98890234"), qPrintable(text));
            for (const QString& value : test::fabricatedIdentifiers("A1")) QVERIFY2(!text.contains(value), qPrintable(value));
        }
        // The fabricated file's StudyDate 2019-03-04, shifted by this workspace's offset.
        const auto ct = ws->images().list(0, 10, "ct");
        QCOMPARE(ct.size(), std::size_t(1));
        QCOMPARE(ct.front().metadata.value("study_date").toString(),
                 QDate(2019, 3, 4).addDays(keys.dateShiftDays).toString("yyyyMMdd"));
        QCOMPARE(ct.front().metadata.value("acquisition_datetime").toString(),
                 QDate(2019, 3, 4).addDays(keys.dateShiftDays).toString("yyyyMMdd") + "101530.250000");
        const auto audit = ws->audit().recent(1).front();
        QCOMPARE(audit.action, QStringLiteral("import"));
        QCOMPARE(audit.details.value("deidentified").toBool(), true);
    }

    void originalFilesAreNeverModified() {
        const QString dir = freshWorkspace();
        const QString copies = m_tmp.filePath("copies");
        QVERIFY(QDir().mkpath(copies));
        QStringList files = {fabricated("B1", true)};
        for (const char* name : {"MR_small.dcm", "CT_small.dcm"}) {
            const QString to = QDir(copies).filePath(QString::fromLatin1(name));
            QVERIFY(QFile::copy(test::pydicom(QString::fromLatin1(name)), to));
            files << to;
        }
        auto fingerprint = [](const QString& path) {
            const QFileInfo info(path);
            return QCryptographicHash::hash(test::readFile(path), QCryptographicHash::Sha256).toHex() + ' ' +
                   QByteArray::number(info.size()) + ' ' + info.lastModified().toString(Qt::ISODateWithMs).toLatin1();
        };
        QStringList before;
        for (const QString& f : files) before << fingerprint(f);
        QCOMPARE(runImport(dir, files).result.value("imported").toInt(), 3);
        QStringList after;
        for (const QString& f : files) after << fingerprint(f);
        QCOMPARE(after, before);
        auto image = store::Workspace::open(dir).take()->images().list(0, 10);
        int burnedIn = 0;
        for (const auto& r : image) burnedIn += r.metadata.value("burned_in_annotation").toBool();
        QCOMPARE(burnedIn, 1);  // the fabricated file says YES; the others say nothing
    }

    void uidsStayConsistentAcrossImports() {
        // MR_small and MR_small_RLE are one instance in two transfer syntaxes: different bytes,
        // same UIDs. Imported separately, they must still point at one remapped study.
        const QString dir = freshWorkspace();
        QCOMPARE(runImport(dir, {test::pydicom("MR_small.dcm")}).result.value("imported").toInt(), 1);
        QCOMPARE(runImport(dir, {test::pydicom("MR_small_RLE.dcm")}).result.value("imported").toInt(), 1);
        const auto images = store::Workspace::open(dir).take()->images().list(0, 10);
        QCOMPARE(images.size(), std::size_t(2));
        for (const char* key : {"study_uid", "series_uid", "sop_instance_uid", "study_date"})
            QCOMPARE(images[0].metadata.value(key), images[1].metadata.value(key));
        QVERIFY(images[0].metadata.value("study_uid").toString() != "1.3.6.1.4.1.5962.1.2.4.20040826185059.5457");
        // Another workspace has its own secret: the same study maps elsewhere.
        const QString other = freshWorkspace();
        runImport(other, {test::pydicom("MR_small.dcm")});
        QVERIFY(store::Workspace::open(other).take()->images().list(0, 1).front().metadata.value("study_uid") !=
                images[0].metadata.value("study_uid"));
    }

    void keepingIdentifiersIsExplicitAndAudited() {
        const QString dir = freshWorkspace();
        const auto out = runImport(dir, {fabricated("C1", true)}, false);
        QVERIFY(out.ok());
        auto ws = store::Workspace::open(dir).take();
        const auto image = ws->images().list(0, 1).front();
        QCOMPARE(image.metadata.value("patient_name").toString(), test::fabricatedIdentifiers("C1").value("PatientName"));
        QCOMPARE(image.metadata.value("identifiers_kept").toBool(), true);
        QCOMPARE(image.metadata.value("burned_in_annotation").toBool(), true);
        QVERIFY(!ws->settings().get(privacy::DeidentificationKeyStore::kUidSecretKey));  // no keys needed
        const auto audit = ws->audit().recent(1).front();
        QCOMPARE(audit.action, QStringLiteral("import"));
        QCOMPARE(audit.details.value("deidentified").toBool(), false);
        QVERIFY(ws->audit().verify().intact);
    }
};

QTEST_GUILESS_MAIN(DeidentifiedImportTest)
#include "tst_deidentified_import.moc"
