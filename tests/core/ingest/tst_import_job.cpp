// Import job on real sample files: counts, series grouping, duplicates, failures that
// name the file, thumbnails, and a cancelled import that leaves the workspace unchanged.
#include "ingest/ImportJob.h"
#include "store/Workspace.h"
#include "support/SampleFiles.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::ingest;

class ImportJobTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    QString freshWorkspace() {
        const QString dir = m_tmp.filePath(QStringLiteral("ws%1").arg(++m_n));
        auto ws = store::Workspace::create(dir);
        if (!ws) qFatal("%s", qPrintable(ws.error().message()));
        return dir;
    }
    static jobs::JobOutcome runImport(const QString& dir, ImportOptions options, std::atomic<bool>* cancel = nullptr) {
        static std::atomic<bool> never{false};
        ImportJob job(dir, std::move(options));
        jobs::Progress progress(cancel ? cancel : &never, {});
        try {
            return job.run(progress);
        } catch (const jobs::JobCancelled&) {
            return {jobs::JobOutcome::Status::Cancelled, "cancelled", {}};
        }
    }

private slots:
    void importsSeriesAsOneVolume() {
        const QString dir = freshWorkspace();
        ImportOptions o;
        o.inputs = {test::pydicom("dicomdirtests/98892003/MR700")};
        const auto out = runImport(dir, o);
        QVERIFY2(out.ok(), qPrintable(out.message));
        QCOMPARE(out.result.value("imported").toInt(), 1);
        QCOMPARE(out.result.value("series").toInt(), 1);
        auto ws = store::Workspace::open(dir).take();
        const auto images = ws->images().list(0, 10);
        QCOMPARE(images.front().depth, 7);
        QCOMPARE(images.front().modality, QStringLiteral("mri"));
        QCOMPARE(ws->images().files(images.front().id).size(), std::size_t(7));
        QVERIFY(QFileInfo(ws->dir().filePath(images.front().thumbnail)).isFile());
    }

    void recognisesDuplicatesOnReimport() {
        const QString dir = freshWorkspace();
        ImportOptions o;
        o.inputs = {test::pydicom("CT_small.dcm"), test::nibabel("anatomical.nii"), test::skimage("retina.jpg")};
        QCOMPARE(runImport(dir, o).result.value("imported").toInt(), 3);
        const auto again = runImport(dir, o);
        QCOMPARE(again.result.value("imported").toInt(), 0);
        QCOMPARE(again.result.value("duplicates").toInt(), 3);
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(ws->images().count(), 3);
        const auto perModality = ws->images().countByModality();
        QCOMPARE(perModality.value("ct"), 1);
        QCOMPARE(perModality.value("mri"), 1);
        QCOMPARE(perModality.value("fundus"), 1);
    }

    void badFilesAreReportedAndGoodOnesKept() {
        const QString dir = freshWorkspace();
        const QString broken = m_tmp.filePath("broken_ct.dcm");
        QVERIFY(test::writeFile(broken, test::readFile(test::pydicom("CT_small.dcm")).left(3000)));
        ImportOptions o;
        o.inputs = {test::pydicom("MR_small.dcm"), broken, test::pydicom("MR_truncated.dcm"), m_tmp.filePath("missing.png")};
        const auto out = runImport(dir, o);
        QVERIFY(out.ok());
        QCOMPARE(out.result.value("imported").toInt(), 1);
        const QJsonArray failures = out.result.value("failures").toArray();
        QCOMPARE(failures.size(), 3);
        QStringList named;
        for (const auto& f : failures) named << QFileInfo(f.toObject().value("path").toString()).fileName();
        QVERIFY(named.contains("broken_ct.dcm"));
        QVERIFY(named.contains("MR_truncated.dcm"));
        QVERIFY(named.contains("missing.png"));
    }

    void modalityOverrideWins() {
        const QString dir = freshWorkspace();
        ImportOptions o;
        o.inputs = {test::skimage("camera.png")};
        o.modality = Modality::Endoscopy;
        QVERIFY(runImport(dir, o).ok());
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(ws->images().list(0, 1).front().modality, QStringLiteral("endoscopy"));
    }

    void folderScanSkipsNonImagesQuietly() {
        const QString dir = freshWorkspace();
        ImportOptions o;
        o.inputs = {test::nibabel("")};
        const auto out = runImport(dir, o);
        QVERIFY(out.ok());
        QVERIFY(out.result.value("imported").toInt() >= 5);
        QVERIFY(out.result.value("skipped").toInt() > 0);  // .py, .npy, ... files
    }

    void cancelledImportLeavesWorkspaceUnchanged() {
        const QString dir = freshWorkspace();
        auto before = store::Workspace::open(dir).take();
        const auto sizesBefore = before->tableSizes();
        const int thumbsBefore = QDir(before->thumbnailDir()).entryList(QDir::Files).size();
        before.reset();
        ImportOptions o;
        o.inputs = {test::pydicom("")};
        std::atomic<bool> cancel{false};
        // Cancel once the job is past scanning and has written some rows.
        ImportJob job(dir, o);
        jobs::Progress progress(&cancel, [&](double f, const QString&) {
            if (f > 0.5) cancel = true;
        });
        QVERIFY_THROWS_EXCEPTION(jobs::JobCancelled, job.run(progress));
        auto after = store::Workspace::open(dir).take();
        auto sizesAfter = after->tableSizes();
        QCOMPARE(sizesAfter.value("images"), sizesBefore.value("images"));
        QCOMPARE(sizesAfter.value("image_files"), 0);
        QCOMPARE(QDir(after->thumbnailDir()).entryList(QDir::Files).size(), thumbsBefore);
        QCOMPARE(after->jobs().recent(1).front().status, RunStatus::Cancelled);
        QVERIFY(after->checkIntegrity().isEmpty());
    }
};

QTEST_GUILESS_MAIN(ImportJobTest)
#include "tst_import_job.moc"
