// The image browser's catalogue: every workspace image and every registered pool file not yet
// an image, once each; filters, search with literal wildcards, keyset paging across page
// boundaries, counts, and a page's cost over 100,000 images and 100,000 pool files.
#include "store/ImageCatalog.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::store;

Q_DECLARE_METATYPE(std::optional<QString>)
Q_DECLARE_METATYPE(std::optional<CatalogSource>)
Q_DECLARE_METATYPE(std::optional<CatalogStatus>)

namespace {

const QStringList kModalityKeys = {"mri", "ct", "endoscopy", "histopathology", "fundus"};

using Key = QPair<int, Id>;
Key keyOf(const CatalogEntry& e) { return {int(e.kind), e.id}; }

}  // namespace

class ImageCatalogTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<Workspace> m_ws;
    Id m_queued = 0, m_annotated = 0, m_requeued = 0, m_doneNotAnnotated = 0, m_fromPool = 0;
    Id m_materialisedFile = 0, m_retiredFile = 0, m_onlyChangedFile = 0, m_vanishedFile = 0;

    Id addImage(const QString& path, const QString& modality, const QString& source, const QJsonObject& metadata = {}) {
        ImageRecord r;
        r.contentHash = QStringLiteral("hash-%1").arg(m_ws->images().count());
        r.path = path;
        r.modality = modality;
        r.source = source;
        r.width = 64;
        r.height = 48;
        r.depth = modality == "ct" ? 20 : 1;
        r.metadata = metadata;
        r.thumbnail = source == "synth" ? QString() : "blobs/thumbnails/" + r.contentHash + ".png";
        return m_ws->images().insert(r, {});
    }
    Id addTask(Id image) {
        TaskRecord t;
        t.imageId = image;
        t.kind = TaskKind::Description;
        t.questionType = QuestionType::Description;
        return m_ws->tasks().insert(t);
    }
    void enqueue(Id task, ItemStatus status) {
        QueueItemRecord q;
        q.taskId = task;
        q.queue = Queue::Expert;
        const Id id = m_ws->queues().enqueue({q}).front();
        if (status != ItemStatus::Pending) m_ws->queues().setStatus(id, status);
    }
    void annotate(Id task) {
        AnnotationRecord a;
        a.taskId = task;
        a.annotator = "dr.a";
        a.text = "Sharp, no artefacts.";
        m_ws->annotations().submit(a);
    }

    std::vector<CatalogEntry> all(const CatalogFilter& filter = {}) const {
        return ImageCatalog(*m_ws, kModalityKeys).page(filter, {}, 1000);
    }
    const CatalogEntry* find(CatalogEntryKind kind, Id id) const {
        static std::vector<CatalogEntry> rows;
        rows = all();
        for (const auto& e : rows)
            if (e.kind == kind && e.id == id) return &e;
        return nullptr;
    }

private slots:
    void initTestCase() {
        auto ws = Workspace::create(m_tmp.filePath("ws"));
        QVERIFY(ws.ok());
        m_ws = ws.take();
        m_ws->annotations().ensureAnnotator("dr.a", "annotator");

        // Images: 4 imported, 2 benchmark items, 1 materialised pool file.
        m_queued = addImage("/site/chest/ct_001.dcm", "ct", "import", {{"series_description", "Chest 1mm"}});
        m_annotated = addImage("/site/brain 50% study/t1.nii.gz", "mri", "import");
        m_requeued = addImage("/site/brain_fast/t2.nii.gz", "mri", "import", {{"series_uid", "2.25.77"}});
        m_doneNotAnnotated = addImage("/site/scope/colon.png", "endoscopy", "import");
        addImage("synth:fundus|0|1|3:2", "fundus", "synth");
        addImage("synth:mri|-1|2|", "mri", "synth");
        enqueue(addTask(m_queued), ItemStatus::Pending);
        annotate(addTask(m_annotated));
        const Id requeuedTask = addTask(m_requeued);
        annotate(requeuedTask);
        enqueue(requeuedTask, ItemStatus::Pending);  // annotated, then sent back: queued wins
        enqueue(addTask(m_doneNotAnnotated), ItemStatus::Done);

        // Pool files: registered, vanished, unreadable, a changed file registered again, a
        // changed file not rescanned yet, one materialised; and recipes (never listed).
        PoolFileRegistry registry(m_ws->db());
        const Id scan = m_ws->poolFiles().startScan({});
        auto file = [&](const QString& path, int modality, PoolFileStatus status, const QString& series = {}) {
            PoolFileRecord f;
            f.path = path;
            f.modality = modality;
            f.seriesKey = series;
            f.lastScan = scan;
            const Id id = registry.addFile(f);
            if (status != PoolFileStatus::Registered) registry.touchFile(id, status, scan);
            return id;
        };
        file("/archive/ct/a.dcm", 1, PoolFileStatus::Registered, "2.25.900");
        file("/archive/ct/b.dcm", 1, PoolFileStatus::Registered, "2.25.900");
        file("/archive/slides/s_1.tif", 3, PoolFileStatus::Registered);
        m_vanishedFile = file("/archive/slides/gone.tif", 3, PoolFileStatus::Vanished);
        file("/archive/slides/broken.tif", 3, PoolFileStatus::Unreadable);
        m_retiredFile = file("/archive/eyes/left.jpg", 4, PoolFileStatus::Registered);
        registry.retireFile(m_retiredFile);
        file("/archive/eyes/left.jpg", 4, PoolFileStatus::Registered);  // the rescan's registration
        m_onlyChangedFile = file("/archive/eyes/right.jpg", 4, PoolFileStatus::Registered);
        m_ws->poolFiles().markUnusable(m_onlyChangedFile, PoolFileStatus::Changed, {}, 0);
        m_materialisedFile = file("/archive/ct/c.dcm", 1, PoolFileStatus::Registered, "2.25.901");
        m_fromPool = addImage("/archive/ct/c.dcm", "ct", "pool", {{"series_uid", "2.25.901"}});
        m_ws->pool().setImage(m_materialisedFile, m_fromPool);
        m_ws->pool().append({{0, PoolItemKind::Recipe, 0, 0, 7, "1:1", {}}, {0, PoolItemKind::Recipe, 4, -1, 8, "", {}}});
    }

    void listsEveryImageAndEveryPoolFileNotYetAnImageOnce() {
        const auto rows = all();
        // 7 images; 9 file rows, less the retired one and the materialised one.
        QCOMPARE(int(rows.size()), 7 + 7);
        QCOMPARE(ImageCatalog(*m_ws, kModalityKeys).count({}), 14);
        QSet<QString> paths;
        int images = 0;
        for (const auto& e : rows) {
            if (e.kind == CatalogEntryKind::Image) ++images;
            QVERIFY2(!paths.contains(e.path), qPrintable(e.path));  // materialised: listed as its image only
            paths.insert(e.path);
        }
        QCOMPARE(images, 7);
        QVERIFY(!find(CatalogEntryKind::PoolFile, m_materialisedFile));
        QVERIFY(!find(CatalogEntryKind::PoolFile, m_retiredFile));
        QCOMPARE(find(CatalogEntryKind::Image, m_fromPool)->source, CatalogSource::Pool);
        QCOMPARE(find(CatalogEntryKind::PoolFile, m_onlyChangedFile)->status, CatalogStatus::Changed);
        QCOMPARE(find(CatalogEntryKind::PoolFile, m_vanishedFile)->status, CatalogStatus::Vanished);
        // Images first, then pool files, each in id order.
        for (std::size_t i = 1; i < rows.size(); ++i) QVERIFY(keyOf(rows[i - 1]) < keyOf(rows[i]));
    }

    void describesEachRow() {
        const CatalogEntry* ct = find(CatalogEntryKind::Image, m_queued);
        QCOMPARE(ct->series, QStringLiteral("Chest 1mm"));
        QCOMPARE(ct->modality, QStringLiteral("ct"));
        QCOMPARE(ct->source, CatalogSource::Import);
        QCOMPARE(ct->depth, 20);
        QVERIFY(ct->thumbnail.startsWith(m_ws->dir().absolutePath()));
        QCOMPARE(find(CatalogEntryKind::Image, m_requeued)->series, QStringLiteral("2.25.77"));
        QCOMPARE(find(CatalogEntryKind::Image, m_annotated)->series, QStringLiteral("brain 50% study"));
        const auto slides = all({std::nullopt, std::nullopt, std::nullopt, "s_1"});
        QCOMPARE(int(slides.size()), 1);
        QCOMPARE(slides[0].series, QStringLiteral("slides"));
        QCOMPARE(slides[0].modality, QStringLiteral("histopathology"));
        QCOMPARE(slides[0].source, CatalogSource::PoolFile);
        QCOMPARE(slides[0].status, CatalogStatus::InPool);
        QVERIFY(slides[0].thumbnail.isEmpty());
        QCOMPARE(slides[0].width, 0);
    }

    void statusOfImagesComesFromQueueAndAnnotations() {
        QCOMPARE(find(CatalogEntryKind::Image, m_queued)->status, CatalogStatus::Queued);
        QCOMPARE(find(CatalogEntryKind::Image, m_annotated)->status, CatalogStatus::Annotated);
        QCOMPARE(find(CatalogEntryKind::Image, m_requeued)->status, CatalogStatus::Queued);
        QCOMPARE(find(CatalogEntryKind::Image, m_doneNotAnnotated)->status, CatalogStatus::NotQueued);
    }

    void filtersNarrowTheList_data() {
        QTest::addColumn<std::optional<QString>>("modality");
        QTest::addColumn<std::optional<CatalogSource>>("source");
        QTest::addColumn<std::optional<CatalogStatus>>("status");
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("expected");
        const std::optional<QString> any;
        const std::optional<CatalogSource> anySource;
        const std::optional<CatalogStatus> anyStatus;
        using S = CatalogSource;
        using T = CatalogStatus;
        QTest::newRow("ct: 1 imported, 1 from the pool, 2 files") << std::optional<QString>("ct") << anySource << anyStatus << "" << 4;
        QTest::newRow("mri") << std::optional<QString>("mri") << anySource << anyStatus << "" << 3;
        QTest::newRow("fundus: 1 benchmark, 2 files") << std::optional<QString>("fundus") << anySource << anyStatus << "" << 3;
        QTest::newRow("other: none") << std::optional<QString>("other") << anySource << anyStatus << "" << 0;
        QTest::newRow("imported") << any << std::optional<S>(S::Import) << anyStatus << "" << 4;
        QTest::newRow("benchmark") << any << std::optional<S>(S::Synth) << anyStatus << "" << 2;
        QTest::newRow("pool images") << any << std::optional<S>(S::Pool) << anyStatus << "" << 1;
        QTest::newRow("pool files") << any << std::optional<S>(S::PoolFile) << anyStatus << "" << 7;
        QTest::newRow("queued") << any << anySource << std::optional<T>(T::Queued) << "" << 2;
        QTest::newRow("annotated") << any << anySource << std::optional<T>(T::Annotated) << "" << 1;
        QTest::newRow("not queued") << any << anySource << std::optional<T>(T::NotQueued) << "" << 4;
        QTest::newRow("in pool") << any << anySource << std::optional<T>(T::InPool) << "" << 4;
        QTest::newRow("vanished") << any << anySource << std::optional<T>(T::Vanished) << "" << 1;
        QTest::newRow("unreadable") << any << anySource << std::optional<T>(T::Unreadable) << "" << 1;
        QTest::newRow("changed") << any << anySource << std::optional<T>(T::Changed) << "" << 1;
        QTest::newRow("benchmark items are never pool files") << any << std::optional<S>(S::Synth) << std::optional<T>(T::InPool) << "" << 0;
        QTest::newRow("imported mri annotated") << std::optional<QString>("mri") << std::optional<S>(S::Import) << std::optional<T>(T::Annotated) << "" << 1;
        QTest::newRow("search path, any case") << any << anySource << anyStatus << "ARCHIVE/CT" << 3;
        QTest::newRow("search series description") << any << anySource << anyStatus << "chest 1MM" << 1;
        QTest::newRow("search series uid of images and files") << any << anySource << anyStatus << "2.25.9" << 3;
        QTest::newRow("search within a filter") << std::optional<QString>("ct") << std::optional<S>(S::PoolFile) << anyStatus << "a.dcm" << 1;
        QTest::newRow("percent is literal") << any << anySource << anyStatus << "50%" << 1;
        QTest::newRow("percent alone is literal") << any << anySource << anyStatus << "%" << 1;
        QTest::newRow("underscore is literal") << any << anySource << anyStatus << "_" << 3;
        QTest::newRow("backslash is literal") << any << anySource << anyStatus << "\\" << 0;
        QTest::newRow("no match") << any << anySource << anyStatus << "nothing like this" << 0;
    }
    void filtersNarrowTheList() {
        QFETCH(std::optional<QString>, modality);
        QFETCH(std::optional<CatalogSource>, source);
        QFETCH(std::optional<CatalogStatus>, status);
        QFETCH(QString, search);
        QFETCH(int, expected);
        const CatalogFilter filter{modality, source, status, search};
        const auto rows = all(filter);
        QCOMPARE(int(rows.size()), expected);
        QCOMPARE(ImageCatalog(*m_ws, kModalityKeys).count(filter), expected);
        for (const auto& e : rows) {
            if (modality) QCOMPARE(e.modality, *modality);
            if (source) QCOMPARE(e.source, *source);
            if (status) QCOMPARE(e.status, *status);
        }
    }

    void keysetPagingVisitsEveryRowOnce_data() {
        QTest::addColumn<int>("limit");
        QTest::addColumn<QString>("search");
        for (int limit : {1, 2, 3, 6, 7, 8, 13, 200}) {
            QTest::addRow("limit %d", limit) << limit << QString();
            QTest::addRow("limit %d, searching", limit) << limit << QStringLiteral("s");
        }
    }
    void keysetPagingVisitsEveryRowOnce() {
        QFETCH(int, limit);
        QFETCH(QString, search);
        const ImageCatalog catalog(*m_ws, kModalityKeys);
        const CatalogFilter filter{std::nullopt, std::nullopt, std::nullopt, search};
        QList<Key> seen;
        CatalogCursor cursor;
        for (int pages = 0; pages < 100; ++pages) {
            const auto page = catalog.page(filter, cursor, limit);
            QVERIFY(int(page.size()) <= limit);
            if (page.empty()) break;
            for (const auto& e : page) seen << keyOf(e);
            cursor = CatalogCursor::after(page.back());
        }
        QList<Key> expected;
        for (const auto& e : all(filter)) expected << keyOf(e);
        QCOMPARE(seen, expected);
        QCOMPARE(int(seen.size()), catalog.count(filter));
    }

    void offersTheModalitiesPresent() {
        QCOMPARE(ImageCatalog(*m_ws, kModalityKeys).modalities(),
                 (std::vector<QString>{"ct", "endoscopy", "fundus", "histopathology", "mri"}));
    }

    void aPageOfALargeWorkspaceTakesMilliseconds() {
        QTemporaryDir tmp;
        auto created = Workspace::create(tmp.filePath("large"));
        QVERIFY(created.ok());
        auto ws = created.take();
        constexpr int kImages = 100000, kFiles = 100000, kRecipes = 300000;
        {
            Transaction tx(ws->db());
            Statement image = ws->db().prepare(
                "INSERT INTO images(content_hash, path, source, modality, width, height, thumbnail, created_at) "
                "VALUES(?1, ?2, 'import', ?3, 512, 512, 'blobs/thumbnails/x.png', '2024-01-01')");
            Statement task = ws->db().prepare(
                "INSERT INTO tasks(image_id, kind, question_type, created_at) VALUES(?1, 'description', "
                "'description', '2024-01-01')");
            Statement queue = ws->db().prepare(
                "INSERT INTO queue_items(task_id, queue, created_at, updated_at) VALUES(?1, 'expert', '', '')");
            for (int i = 1; i <= kImages; ++i) {
                image.bind(1, QStringLiteral("h%1").arg(i)).bind(2, QStringLiteral("/site/s%1/%2.dcm").arg(i / 100).arg(i));
                image.bind(3, kModalityKeys[i % 5]);
                image.run();
                task.bind(1, std::int64_t(i));
                task.run();
                if (i % 1000 == 0) {
                    queue.bind(1, ws->db().lastInsertId());
                    queue.run();
                }
            }
            ws->db().exec("INSERT INTO pool_scans(roots, recursive, status, actor, started_at) "
                          "VALUES('[]', 1, 'done', 't', '')");
            // Recipes before the files, as a synthetic pool is usually built first: never listed,
            // and a page must not walk them.
            Statement recipe = ws->db().prepare(
                "INSERT INTO pool_items(kind, modality, base, seed, attributes) VALUES('recipe', ?1, 0, ?2, '1:1')");
            for (int i = 0; i < kRecipes; ++i) {
                recipe.bind(1, i % 5).bind(2, std::int64_t(i));
                recipe.run();
            }
            Statement item = ws->db().prepare(
                "INSERT INTO pool_items(kind, modality, base, seed, attributes) VALUES('file', ?1, -1, 0, '')");
            Statement file = ws->db().prepare(
                "INSERT INTO pool_files(pool_item_id, path, size, mtime_ns, status, last_scan) "
                "VALUES(?1, ?2, 1, 1, 'registered', 1)");
            for (int i = 1; i <= kFiles; ++i) {
                item.bind(1, i % 5);
                item.run();
                file.bind(1, ws->db().lastInsertId()).bind(2, QStringLiteral("/archive/f%1.jpg").arg(i));
                file.run();
            }
            tx.commit();
        }
        const ImageCatalog catalog(*ws, kModalityKeys);
        auto timeMs = [](auto&& f) {
            QElapsedTimer t;
            t.start();
            f();
            return double(t.nsecsElapsed()) / 1e6;
        };
        std::vector<CatalogEntry> page;
        const double first = timeMs([&] { page = catalog.page({}, {}, 200); });
        QCOMPARE(int(page.size()), 200);
        const double middle = timeMs([&] { page = catalog.page({}, {CatalogEntryKind::Image, 99900}, 200); });
        QCOMPARE(page.back().kind, CatalogEntryKind::PoolFile);  // crosses from images to files
        const double files =
            timeMs([&] { page = catalog.page({}, {CatalogEntryKind::PoolFile, kRecipes + 50000}, 200); });
        QCOMPARE(int(page.size()), 200);
        CatalogFilter queued;
        queued.status = CatalogStatus::Queued;
        const double sparse = timeMs([&] { page = catalog.page(queued, {}, 200); });
        QCOMPARE(int(page.size()), kImages / 1000);
        CatalogFilter fundus;
        fundus.modality = QStringLiteral("fundus");
        const double modality = timeMs([&] { page = catalog.page(fundus, {CatalogEntryKind::Image, 99990}, 200); });
        QCOMPARE(page.back().kind, CatalogEntryKind::PoolFile);
        int total = 0, searched = 0;
        const double count = timeMs([&] { total = catalog.count({}); });
        QCOMPARE(total, kImages + kFiles);
        CatalogFilter search;
        search.search = QStringLiteral("/s99/");
        const double searchCount = timeMs([&] { searched = catalog.count(search); });
        QCOMPARE(searched, 100);
        qInfo("page of 200 over %d images + %d pool files (and %d recipes): first %.1f ms, crossing %.1f ms, files %.1f ms, "
              "sparse status %.1f ms, modality %.1f ms; count %.1f ms, search count %.1f ms",
              kImages, kFiles, kRecipes, first, middle, files, sparse, modality, count, searchCount);
        // Generous bounds (a busy 2-core machine, debug builds): a page is a few ms when indexed.
        QVERIFY2(first < 100 && middle < 100 && files < 100 && modality < 100, "a page took too long");
        std::vector<QString> modalities;
        const double modalityList = timeMs([&] { modalities = catalog.modalities(); });
        QCOMPARE(int(modalities.size()), 5);
        qInfo("modality choices %.1f ms", modalityList);
        QVERIFY2(count < 1000 && searchCount < 2000 && sparse < 2000, "counting took too long");
    }
};

QTEST_GUILESS_MAIN(ImageCatalogTest)
#include "tst_image_catalog.moc"
