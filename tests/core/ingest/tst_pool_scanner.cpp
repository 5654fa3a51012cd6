// Registering a site's files as pool items by reference, on real sample files: what is
// registered and with which modality, files that are not usable with their reason, reruns
// that add only new and changed files and mark vanished ones, the same DICOM instance under
// two paths, a cancelled scan that a rerun continues, and nothing copied into the workspace.
#include "ingest/PoolAddJob.h"
#include "io/ReaderVersion.h"
#include "store/Workspace.h"
#include "support/SampleFiles.h"

#include <sys/stat.h>
#include <unistd.h>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::ingest;

namespace {

std::int64_t scalar(store::Workspace& ws, const char* sql) {
    auto s = ws.db().prepare(sql);
    return s.step() ? s.columnInt(0) : -1;
}

bool copy(const QString& from, const QString& to) {
    QDir().mkpath(QFileInfo(to).absolutePath());
    return QFile::copy(from, to);
}

bool put(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    return test::writeFile(path, bytes);
}

qint64 folderBytes(const QString& dir) {
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) total += QFileInfo(it.next()).size();
    return total;
}

}  // namespace

class PoolScannerTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    QString fresh(const QString& what) { return m_tmp.filePath(QStringLiteral("%1%2").arg(what).arg(++m_n)); }

    // A site's archive: a CT file, an MR series, a NIfTI volume, a fundus photograph, an
    // H&E tile, and things that are not usable.
    QString siteTree() {
        const QString root = fresh(QStringLiteral("site"));
        bool ok = copy(test::pydicom("CT_small.dcm"), root + "/ct/CT_small.dcm");
        QDirIterator series(test::pydicom("dicomdirtests/98892003/MR700"), QDir::Files);
        while (series.hasNext()) {
            const QString f = series.next();
            ok &= copy(f, root + "/mr/series700/" + QFileInfo(f).fileName());
        }
        ok &= copy(test::nibabel("anatomical.nii"), root + "/nifti/anatomical.nii");
        ok &= copy(test::skimage("retina.jpg"), root + "/photos/retina.jpg");
        ok &= copy(test::skimage("ihc.png"), root + "/photos/ihc.png");
        ok &= copy(test::skimage("camera.png"), root + "/photos/camera.png");  // no modality anywhere
        ok &= copy(test::pydicom("dicomdirtests/DICOMDIR"), root + "/mr/DICOMDIR");
        ok &= put(root + "/notes/readme.txt", "scanned on the old scanner\n");
        ok &= put(root + "/notes/empty.dcm", QByteArray());
        ok &= put(root + "/.hidden/ignored.png", "x");
        if (!ok) qFatal("could not build the site tree");
        return root;
    }

    static QString workspace(const QString& dir) {
        auto ws = store::Workspace::create(dir);
        if (!ws) qFatal("%s", qPrintable(ws.error().message()));
        return dir;
    }

    static jobs::JobOutcome add(const QString& ws, PoolAddOptions o, std::atomic<bool>* cancel = nullptr,
                                const jobs::Progress::Sink& sink = {}) {
        static std::atomic<bool> never{false};
        PoolAddJob job(ws, std::move(o));
        try {
            return job.run(jobs::Progress(cancel ? cancel : &never, sink));
        } catch (const jobs::JobCancelled&) {
            return {jobs::JobOutcome::Status::Cancelled, "cancelled", {}};
        }
    }
    static PoolAddOptions options(const QStringList& paths, bool recursive = true) {
        PoolAddOptions o;
        o.paths = paths;
        o.recursive = recursive;
        return o;
    }
    static int count(const jobs::JobOutcome& out, const char* key) {
        return out.result.value(QLatin1String(key)).toInt();
    }

private slots:
    void registersUsableFilesByReference() {
        const QString site = siteTree();
        const QString dir = workspace(fresh("ws"));
        const qint64 before = folderBytes(dir);
        const auto out = add(dir, options({site}));
        QVERIFY2(out.ok(), qPrintable(out.message));
        // CT_small, 7 MR slices, the NIfTI ("anatomical"), retina.jpg and ihc.png.
        QCOMPARE(count(out, "added"), 11);
        QCOMPARE(count(out, "seen"), 15);
        QCOMPARE(count(out, "problems"), 4);  // camera.png, DICOMDIR, readme.txt, empty.dcm
        auto ws = store::Workspace::open(dir).take();
        const auto perModality = ws->poolFiles().countByModality();
        QCOMPARE(perModality.value(1).value(PoolFileStatus::Registered), 1);  // CT
        QCOMPARE(perModality.value(0).value(PoolFileStatus::Registered), 8);  // MRI: series + NIfTI
        QCOMPARE(perModality.value(3).value(PoolFileStatus::Registered), 1);  // histopathology
        QCOMPARE(perModality.value(4).value(PoolFileStatus::Registered), 1);  // fundus
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_items WHERE kind='file'"), 11);
        // The seven slices share one (remapped) series key; no original UID is stored.
        QCOMPARE(scalar(*ws, "SELECT COUNT(DISTINCT series_key) FROM pool_files WHERE path LIKE '%series700%'"), 1);
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE series_key LIKE '2.25.%'"), 8);
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE instance_key LIKE '2.25.%'"), 8);
        // Problems name the file and the reason.
        QMap<QString, QString> reasons;
        for (const auto& p : ws->poolFiles().problems(50)) reasons.insert(QFileInfo(p.path).fileName(), p.reason);
        QVERIFY2(reasons.value("camera.png").contains("modality unknown"), qPrintable(reasons.value("camera.png")));
        QVERIFY2(reasons.value("DICOMDIR").contains("without an image"), qPrintable(reasons.value("DICOMDIR")));
        QVERIFY2(reasons.value("readme.txt").contains("not an image"), qPrintable(reasons.value("readme.txt")));
        QCOMPARE(reasons.value("empty.dcm"), QStringLiteral("empty file"));
        QVERIFY(!reasons.contains("ignored.png"));
        // By reference: the workspace grew by its rows only, far less than the images.
        QVERIFY2(folderBytes(dir) - before < folderBytes(site), qPrintable(QString::number(folderBytes(dir) - before)));
        QVERIFY(!QFileInfo::exists(ws->thumbnailDir()) || QDir(ws->thumbnailDir()).isEmpty());
        const auto f = ws->poolFiles().get(
            scalar(*ws, "SELECT pool_item_id FROM pool_files WHERE path LIKE '%CT_small.dcm'"));
        QVERIFY(f);
        QCOMPARE(f->path, site + "/ct/CT_small.dcm");
        QCOMPARE(f->size, QFileInfo(f->path).size());
        QCOMPARE(ws->pool().get(f->poolItemId)->kind, PoolItemKind::File);
        QVERIFY(ws->audit().verify().intact);
    }

    void rerunAddsOnlyNewAndChangedAndMarksVanished() {
        const QString site = siteTree();
        const QString dir = workspace(fresh("ws"));
        QCOMPARE(count(add(dir, options({site})), "added"), 11);
        const auto again = add(dir, options({site}));
        QCOMPARE(count(again, "added"), 0);
        QCOMPARE(count(again, "unchanged"), 11);
        QCOMPARE(count(again, "problems"), 4);

        // A file changes (new content, new time), one goes away, one is new.
        QFile ct(site + "/ct/CT_small.dcm");
        QVERIFY(ct.open(QIODevice::Append));
        ct.write(QByteArray(16, '\0'));
        ct.close();
        QVERIFY(QFile::rename(site + "/photos/retina.jpg", m_tmp.filePath("retina-away.jpg")));
        QVERIFY(copy(test::skimage("microaneurysms.png"), site + "/photos/microaneurysms.png"));
        const auto third = add(dir, options({site}));
        QCOMPARE(count(third, "added"), 2);  // the changed CT, the new photograph
        QCOMPARE(count(third, "changed"), 1);
        QCOMPARE(count(third, "vanished"), 1);
        QCOMPARE(count(third, "unchanged"), 9);
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE path LIKE '%CT_small.dcm'"), 2);
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE path LIKE '%CT_small.dcm' AND status='registered'"),
                 1);
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='vanished'"), 1);

        // It comes back unchanged: registered again under its old pool item.
        QVERIFY(QFile::rename(m_tmp.filePath("retina-away.jpg"), site + "/photos/retina.jpg"));
        const auto fourth = add(dir, options({site}));
        QCOMPARE(count(fourth, "revived"), 1);
        QCOMPARE(count(fourth, "added"), 0);
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='vanished'"), 0);

        // A problem that is fixed is registered and forgotten as a problem.
        QVERIFY(QFile::remove(site + "/photos/camera.png"));
        QVERIFY(copy(test::skimage("camera.png"), site + "/photos/fundus/camera.png"));
        const auto fifth = add(dir, options({site}));
        QCOMPARE(count(fifth, "added"), 1);
        QCOMPARE(count(fifth, "problems"), 3);
        QCOMPARE(ws->poolFiles().problemCount(), 3);
    }

    void aFolderNotRecursedIntoKeepsItsSubfolders() {
        const QString site = siteTree();
        const QString dir = workspace(fresh("ws"));
        QCOMPARE(count(add(dir, options({site})), "added"), 11);
        // Adding one sub-folder alone, not recursively, must not call the rest vanished.
        const auto shallow = add(dir, options({site + "/mr"}, false));
        QCOMPARE(count(shallow, "vanished"), 0);
        QCOMPARE(count(add(dir, options({site + "/mr/series700/" +
                                         QDir(site + "/mr/series700").entryList(QDir::Files).front()},
                                        false)),
                       "unchanged"),
                 1);
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='registered'"), 11);
    }

    void aFolderOfNonImagesRegistersNothingAndSaysWhy() {
        const QString root = fresh("documents");
        QVERIFY(put(root + "/report.pdf", "%PDF-1.4\n"));
        QVERIFY(put(root + "/notes.txt", "patient list\n"));
        QVERIFY(put(root + "/scan.dcm", QByteArray(300, 'x')));  // named like DICOM, is not
        const QString dir = workspace(fresh("ws"));
        const auto out = add(dir, options({root}));
        QVERIFY2(out.ok(), qPrintable(out.message));
        QCOMPARE(count(out, "added"), 0);
        QCOMPARE(count(out, "problems"), 3);
        auto ws = store::Workspace::open(dir).take();
        for (const auto& p : ws->poolFiles().problems(10))
            QVERIFY2(p.reason.contains("not an image") || p.reason.contains("DICOM"),
                     qPrintable(p.path + ": " + p.reason));
        QCOMPARE(ws->pool().count(), 0);
    }

    void sameInstanceUnderTwoPathsIsRegisteredOnce() {
        const QString root = fresh("dups");
        QVERIFY(copy(test::pydicom("CT_small.dcm"), root + "/a/ct1.dcm"));
        QVERIFY(copy(test::pydicom("CT_small.dcm"), root + "/b/ct1-copy.dcm"));
        const QString dir = workspace(fresh("ws"));
        const auto out = add(dir, options({root}));
        QCOMPARE(count(out, "added"), 1);
        QCOMPARE(count(out, "duplicates"), 1);
        auto ws = store::Workspace::open(dir).take();
        const auto problems = ws->poolFiles().problems(5);
        QCOMPARE(problems.size(), std::size_t(1));
        QVERIFY2(problems.front().reason.contains(root + "/a/ct1.dcm"), qPrintable(problems.front().reason));
    }

    void aMovedDicomFileIsFollowedNotCalledADuplicate() {
        const QString root = fresh("moves");
        QVERIFY(copy(test::pydicom("CT_small.dcm"), root + "/a/ct1.dcm"));
        const QString dir = workspace(fresh("ws"));
        QCOMPARE(count(add(dir, options({root})), "added"), 1);
        QVERIFY(QDir().mkpath(root + "/b") && QFile::rename(root + "/a/ct1.dcm", root + "/b/ct1.dcm"));
        const auto moved = add(dir, options({root}));
        QCOMPARE(count(moved, "added"), 1);
        QCOMPARE(count(moved, "duplicates"), 0);
        QCOMPARE(count(moved, "vanished"), 1);
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(ws->poolFiles().problemCount(), 0);
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='registered' AND path LIKE '%/b/ct1.dcm'"),
                 1);
    }

    void linksToFilesAreFollowedBrokenOnesSkipped() {
        const QString root = fresh("links");
        QVERIFY(copy(test::skimage("retina.jpg"), root + "/store/retina.jpg"));
        QVERIFY(QDir().mkpath(root + "/fundus"));
        QVERIFY(QFile::link(root + "/store/retina.jpg", root + "/fundus/linked.jpg"));
        QVERIFY(QFile::link(root + "/nowhere.jpg", root + "/fundus/broken.jpg"));
        QVERIFY(QFile::link(root + "/store", root + "/fundus/folder-link"));
        const QString dir = workspace(fresh("ws"));
        const auto out = add(dir, options({root + "/fundus"}));
        QCOMPARE(count(out, "added"), 1);  // the linked file; not the broken link, not the folder link
        QVERIFY2(out.result.value("failures").toArray().isEmpty(), qPrintable(out.message));
    }

    void modalityOverrideAndNamedFiles() {
        const QString root = fresh("named");
        QVERIFY(copy(test::skimage("camera.png"), root + "/camera.png"));
        const QString dir = workspace(fresh("ws"));
        auto o = options({root + "/camera.png", root + "/missing.png"}, false);
        o.modality = Modality::Endoscopy;
        const auto out = add(dir, o);
        QVERIFY2(out.ok(), qPrintable(out.message));
        QCOMPARE(count(out, "added"), 1);
        const auto failures = out.result.value("failures").toArray();
        QCOMPARE(failures.size(), 1);
        QVERIFY(failures.first().toString().contains("missing.png: no such file or folder"));
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(ws->poolFiles().countByModality().value(2).value(PoolFileStatus::Registered), 1);
        QCOMPARE(ws->poolFiles().lastScan()->modality, QStringLiteral("endoscopy"));
    }

    // A folder of photographs whose paths name no modality is refused; added again with a
    // modality, every photograph is read again and registered under it.
    void aFolderAddedAgainWithAModalityRegistersTheRefusedFiles() {
        const QString root = fresh("photos");
        const QStringList names{"camera.png", "coffee.png", "chelsea.png", "astronaut.png"};
        for (const QString& name : names) QVERIFY(copy(test::skimage(name), root + "/" + name));
        QVERIFY(put(root + "/notes.txt", "not an image\n"));
        const QString dir = workspace(fresh("ws"));
        const auto first = add(dir, options({root}));
        QVERIFY2(first.ok(), qPrintable(first.message));
        QCOMPARE(count(first, "added"), 0);
        QCOMPARE(count(first, "problems"), 5);
        QCOMPARE(count(first, "needModality"), 4);
        QVERIFY2(first.message.contains("--modality"), qPrintable(first.message));
        // Without a modality, a rerun reads nothing again.
        const auto again = add(dir, options({root}));
        QCOMPARE(count(again, "reexamined"), 0);
        QCOMPARE(count(again, "needModality"), 4);

        auto o = options({root});
        o.modality = Modality::Histopathology;
        const auto second = add(dir, o);
        QVERIFY2(second.ok(), qPrintable(second.message));
        QCOMPARE(count(second, "added"), 4);
        QCOMPARE(count(second, "reexamined"), 4);
        QCOMPARE(count(second, "changed"), 0);
        QCOMPARE(count(second, "problems"), 1);  // notes.txt: not an image, whatever the modality
        QCOMPARE(count(second, "needModality"), 0);
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(ws->poolFiles().countByModality().value(3).value(PoolFileStatus::Registered), 4);
        QCOMPARE(ws->poolFiles().problemCount(), 1);
        // A third run keeps them as they are.
        const auto third = add(dir, options({root}));
        QCOMPARE(count(third, "unchanged"), 4);
        QCOMPARE(count(third, "added"), 0);
    }

    // A file refused by an older version of the readers, or found unreadable at first use by
    // one, is read again by the next scan; one refused by the current readers is not.
    void filesRefusedByOlderReadersAreReadAgain() {
        const QString root = fresh("older");
        QVERIFY(copy(test::skimage("retina.jpg"), root + "/fundus/retina.jpg"));
        QVERIFY(copy(test::skimage("ihc.png"), root + "/fundus/other.png"));
        const QString dir = workspace(fresh("ws"));
        QCOMPARE(count(add(dir, options({root})), "added"), 2);
        {
            auto ws = store::Workspace::open(dir).take();
            const store::Id retina = scalar(*ws, "SELECT pool_item_id FROM pool_files WHERE path LIKE '%retina.jpg'");
            ws->poolFiles().markUnusable(retina, PoolFileStatus::Unreadable, "unsupported transfer syntax", 0);
            const store::Id other = scalar(*ws, "SELECT pool_item_id FROM pool_files WHERE path LIKE '%other.png'");
            ws->poolFiles().markUnusable(other, PoolFileStatus::Unreadable, "truncated pixels", io::kReaderVersion);
        }
        const auto rerun = add(dir, options({root}));
        QVERIFY2(rerun.ok(), qPrintable(rerun.message));
        QCOMPARE(count(rerun, "reexamined"), 1);
        QCOMPARE(count(rerun, "added"), 1);
        QCOMPARE(count(rerun, "problems"), 1);  // other.png: the same readers failed on it
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE path LIKE '%retina.jpg' AND status='registered'"), 1);
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE path LIKE '%other.png' AND status='unreadable'"), 1);
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_file_problems WHERE path LIKE '%retina.jpg'"), 0);
    }

    void cancelledScanKeepsWhatItRegisteredAndARerunContinues() {
        // 30 folders of 40 hard links to one photograph: 1,200 files, keyed by path.
        const QString root = fresh("many");
        const QByteArray source = QFile::encodeName(test::skimage("retina.jpg"));
        for (int d = 0; d < 30; ++d) {
            const QString folder = QStringLiteral("%1/fundus-%2").arg(root).arg(d, 2, 10, QLatin1Char('0'));
            QVERIFY(QDir().mkpath(folder));
            for (int i = 0; i < 40; ++i)
                QCOMPARE(::link(source.constData(),
                                QFile::encodeName(QStringLiteral("%1/f%2.jpg").arg(folder).arg(i)).constData()),
                         0);
        }
        const QString dir = workspace(fresh("ws"));
        std::atomic<bool> cancel{false};
        int reports = 0;
        const auto out = add(dir, options({root}), &cancel, [&](double, const QString& phrase) {
            if (phrase.startsWith("Registered") && ++reports == 10) cancel = true;
        });
        QCOMPARE(out.status, jobs::JobOutcome::Status::Cancelled);
        auto ws = store::Workspace::open(dir).take();
        const std::int64_t kept = scalar(*ws, "SELECT COUNT(*) FROM pool_files");
        QVERIFY2(kept >= 400 && kept < 1200, qPrintable(QString::number(kept)));
        QCOMPARE(ws->poolFiles().lastScan()->status, RunStatus::Cancelled);
        const auto rerun = add(dir, options({root}));
        QCOMPARE(count(rerun, "unchanged"), int(kept));
        QCOMPARE(count(rerun, "added"), int(1200 - kept));
        QCOMPARE(scalar(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='registered'"), 1200);
    }

    void unreadableFolderIsNamedAndNothingVanishes() {
        if (::geteuid() == 0) QSKIP("root reads every folder");
        const QString site = siteTree();
        const QString dir = workspace(fresh("ws"));
        QCOMPARE(count(add(dir, options({site})), "added"), 11);
        QVERIFY(::chmod(QFile::encodeName(site + "/mr").constData(), 0) == 0);
        const auto out = add(dir, options({site}));
        ::chmod(QFile::encodeName(site + "/mr").constData(), 0755);
        QCOMPARE(count(out, "vanished"), 0);
        QVERIFY2(
            out.result.value("failures").toArray().first().toString().contains(site + "/mr: cannot read the folder"),
            qPrintable(out.result.value("failures").toArray().first().toString()));
    }
};

QTEST_GUILESS_MAIN(PoolScannerTest)
#include "tst_pool_scanner.moc"
