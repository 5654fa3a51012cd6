// The process's cache of prepared images: least recently used entries go past the byte
// budget, and ExampleAssembler takes synthetic images from it across workspaces (the same
// pixels and measures as rendering them) but never an imported file.
#include "dataset/BenchmarkBuildJob.h"
#include "ingest/ImportJob.h"
#include "learn/ExampleAssembler.h"
#include "learn/PreparedImageCache.h"
#include "store/Workspace.h"

#include <QImage>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>

using namespace medq;
using learn::PreparedImage;
using learn::PreparedImageCache;

namespace {

PreparedImage floats(std::size_t n, float value) { return PreparedImage{std::vector<float>(n, value), {}}; }

QString buildBenchmark(const QString& dir) {
    if (auto ws = store::Workspace::create(dir); !ws.ok()) return ws.error().message();
    dataset::BenchmarkOptions b;
    b.perModality = 3;
    dataset::BenchmarkBuildJob bench(dir, b);
    std::atomic<bool> never{false};
    const auto outcome = bench.run(jobs::Progress(&never, {}));
    return outcome.ok() ? QString() : outcome.message;
}

}  // namespace

class PreparedImageCacheTest : public QObject {
    Q_OBJECT
private slots:
    void leastRecentlyUsedGoPastTheBudget() {
        PreparedImageCache cache(3 * 100 * sizeof(float));
        cache.put("a", floats(100, 1));
        cache.put("b", floats(100, 2));
        cache.put("c", floats(100, 3));
        QCOMPARE(cache.entries(), std::size_t(3));
        QVERIFY(cache.get("a"));  // a is now the most recent: b goes first
        cache.put("d", floats(100, 4));
        QVERIFY(!cache.get("b"));
        QCOMPARE(cache.get("a")->pixels[0], 1.0f);
        QCOMPARE(cache.get("d")->pixels[0], 4.0f);
        QCOMPARE(cache.bytes(), 3 * 100 * sizeof(float));
        // Putting a key again replaces it; an entry over the whole budget, or without a key, is not kept.
        cache.put("a", floats(50, 5));
        QCOMPARE(cache.get("a")->pixels.size(), std::size_t(50));
        QCOMPARE(cache.bytes(), 250 * sizeof(float));
        cache.put("huge", floats(400, 6));
        QVERIFY(!cache.get("huge"));
        cache.put(QString(), floats(1, 7));
        QCOMPARE(cache.entries(), std::size_t(3));
        QCOMPARE(cache.hits(), std::size_t(4));
    }

    void keysTellSizesAndMeasuresApart() {
        QVERIFY(PreparedImageCache::key(QString(), 128, true).isEmpty());
        QVERIFY(PreparedImageCache::key("h", 128, true) != PreparedImageCache::key("h", 64, true));
        QVERIFY(PreparedImageCache::key("h", 128, true) != PreparedImageCache::key("h", 128, false));
    }

    void assemblersShareSyntheticImagesButNotFiles() {
        QTemporaryDir tmp;
        const QString first = tmp.filePath("first"), second = tmp.filePath("second");
        const QString built = buildBenchmark(first);
        QVERIFY2(built.isEmpty(), qPrintable(built));
        QVERIFY(QDir().mkpath(second));
        QVERIFY(QFile::copy(first + "/workspace.sqlite", second + "/workspace.sqlite"));
        auto a = store::Workspace::open(first);
        auto b = store::Workspace::open(second);
        QVERIFY(a.ok() && b.ok());
        const auto images = a.value()->images().list(0, 1000);
        QVERIFY(images.size() >= 10);
        const store::Id id = images.front().id;

        PreparedImageCache& cache = PreparedImageCache::shared();
        learn::ExampleAssembler fromA(*a.value(), 64);
        fromA.setSourceMeasures(true);
        auto rendered = fromA.pixels(id);
        QVERIFY(rendered.ok());
        const std::size_t hits = cache.hits();
        learn::ExampleAssembler fromB(*b.value(), 64);
        fromB.setSourceMeasures(true);
        auto cached = fromB.pixels(id);
        QVERIFY(cached.ok());
        QCOMPARE(cache.hits(), hits + 1);
        QVERIFY(cached.value() == rendered.value());
        // Without measures it is another entry: rendered again, the same pixels.
        learn::ExampleAssembler noMeasures(*b.value(), 64);
        auto plain = noMeasures.pixels(id);
        QVERIFY(plain.ok());
        QCOMPARE(cache.hits(), hits + 1);
        QVERIFY(plain.value() == rendered.value());

        // An imported file is read every time (it may have changed or gone since).
        QImage png(32, 32, QImage::Format_Grayscale8);
        png.fill(90);
        const QString file = tmp.filePath("plain.png");
        QVERIFY(png.save(file));
        ingest::ImportOptions options;
        options.inputs = {file};
        options.modality = Modality::Endoscopy;
        ingest::ImportJob import(first, options);
        std::atomic<bool> never{false};
        QVERIFY(import.run(jobs::Progress(&never, {})).ok());
        auto reopened = store::Workspace::open(first);
        QVERIFY(reopened.ok());
        store::Id importedId = 0;
        for (const auto& image : reopened.value()->images().list(0, 1000))
            if (!image.path.startsWith("synth:")) importedId = image.id;
        QVERIFY(importedId != 0);
        learn::ExampleAssembler one(*reopened.value(), 64), two(*reopened.value(), 64);
        QVERIFY(one.pixels(importedId).ok());
        const std::size_t before = cache.hits();
        QVERIFY(two.pixels(importedId).ok());
        QCOMPARE(cache.hits(), before);
    }
};

QTEST_GUILESS_MAIN(PreparedImageCacheTest)
#include "tst_prepared_image_cache.moc"
