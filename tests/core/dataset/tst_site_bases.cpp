// A site's own clean images as bases: the clean-base check on real sample images and on
// degraded copies, the folder scan (modality, volumes sliced, refusals with reasons), and
// `synth bench --bases` building a benchmark on those files (errors leave the workspace as it
// was; the build is deterministic for a seed).
#include "dataset/BenchmarkBuildJob.h"
#include "dataset/ImageSource.h"
#include "dataset/PoolBuildJob.h"
#include "dataset/SiteBaseCheck.h"
#include "dataset/SiteBaseFile.h"
#include "dataset/SiteBaseScan.h"
#include "dataset/SynthRecipe.h"
#include "io/ImageReader.h"
#include "store/Workspace.h"
#include "support/NiftiWriter.h"
#include "support/SampleFiles.h"
#include "synth/ImageFilters.h"

#include <QImage>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <random>

using namespace medq;
using namespace medq::dataset;

namespace {
Image sample(const QString& path) {
    auto read = ImageReader::read(path);
    if (!read) qFatal("%s", qPrintable(read.error().message()));
    Image image = read.take();
    return image.isVolume() ? image.slice(image.depth / 2) : image;
}

Image withNoise(Image image, double fractionOfRange) {
    const auto [lo, hi] = image.range();
    std::mt19937 rng(5);
    std::normal_distribution<float> n(0.f, float(fractionOfRange * (hi - lo)));
    for (float& v : image.voxels) v += n(rng);
    return image;
}

Image withBlur(Image image, double sigma) {
    synth::ImageFilters::gaussianBlur(image, sigma);
    return image;
}

// A piecewise-smooth head-like volume (skull ring, brain, ventricles) that differs with `k`.
QByteArray headVolume(int k) {
    test::NiftiSpec spec;
    spec.dims[0] = 96, spec.dims[1] = 80, spec.dims[2] = 20;
    std::vector<double> v;
    for (int z = 0; z < 20; ++z)
        for (int y = 0; y < 80; ++y)
            for (int x = 0; x < 96; ++x) {
                const double dx = (x - 48.0 - k) / (36.0 - k), dy = (y - 40.0) / (30.0 + k), r = std::hypot(dx, dy);
                const double ventricle = std::hypot((x - 44.0 - 2 * k) / 6.0, (y - 38.0 + z * 0.2) / 9.0);
                v.push_back(r > 1 ? 0 : r > 0.88 ? 900 : ventricle < 1 ? 150 : 500 + 60 * std::sin(x * 0.3 + k) * std::cos(y * 0.25));
            }
    return test::makeNifti(spec, v);
}

bool copyInto(const QString& from, const QString& to) {
    QDir().mkpath(QFileInfo(to).absolutePath());
    return QFile::copy(from, to);
}

bool put(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    return test::writeFile(path, bytes);
}

jobs::JobOutcome run(jobs::Job& job) {
    static std::atomic<bool> never{false};
    return job.run(jobs::Progress(&never, {}));
}

// Rows, tasks and site base files: what a failed build must leave as it was.
QString stateOf(const QString& workspace) {
    auto ws = store::Workspace::open(workspace).take();
    return QStringLiteral("%1 bases, %2 images, %3 files").arg(ws->siteBases().count()).arg(ws->images().count())
        .arg(QDir(dataset::SiteBaseFile::folderOf(*ws)).entryList(QDir::Files).size());
}

std::vector<SynthRecipe> recipesOf(store::Workspace& ws) {
    std::vector<SynthRecipe> out;
    for (const auto& image : ws.images().list(0, 1000000))
        if (const auto r = SynthRecipe::fromText(image.metadata.value(QStringLiteral("recipe")).toString())) out.push_back(*r);
    return out;
}
}  // namespace

class SiteBasesTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;
    QString fresh() {
        const QString dir = m_tmp.filePath(QStringLiteral("ws%1").arg(++m_n));
        store::Workspace::create(dir);
        return dir;
    }
    // The packaged samples as a site would give them: DICOM files at the top, photographs in
    // folders named after their modality, four MRI volumes, and a note that is no image.
    QString sampleFolder() {
        const QString dir = m_tmp.filePath(QStringLiteral("site"));
        if (QDir(dir).exists()) return dir;
        copyInto(test::pydicom("CT_small.dcm"), dir + "/CT_small.dcm");
        copyInto(test::pydicom("MR_small.dcm"), dir + "/MR_small.dcm");
        copyInto(test::skimage("retina.jpg"), dir + "/fundus/retina.jpg");
        copyInto(test::skimage("ihc.png"), dir + "/histopathology/ihc.png");
        for (int k = 0; k < 4; ++k) put(dir + QStringLiteral("/mri/head%1.nii").arg(k), headVolume(k));
        put(dir + "/notes/readme.txt", "not an image\n");
        copyInto(test::pydicom("liver_1frame.dcm"), dir + "/ct/liver_seg.dcm");
        store::Workspace::create(dir + "/old-workspace");  // a workspace inside is skipped
        return dir;
    }

private slots:
    // Measured on these samples (2026-12-05): clean noise 0.003-0.010, sharpness 0.28-0.37;
    // 8% added noise gives 0.085-0.089; a 3-pixel blur gives sharpness 0.091-0.097 on the
    // 64-128 pixel DICOM slices. Larger images are judged after scaling to 256 pixels.
    void cleanSamplesAreAccepted() {
        for (const QString& path : {test::pydicom("CT_small.dcm"), test::pydicom("MR_small.dcm"),
                                    test::skimage("retina.jpg"), test::skimage("ihc.png")}) {
            const auto refusal = SiteBaseCheck::refusal(sample(path));
            QVERIFY2(!refusal, qPrintable(path + ": " + refusal.value_or(QString())));
        }
    }

    void noisyBlurredTinyAndBlankAreRefused() {
        for (const QString& path : {test::pydicom("CT_small.dcm"), test::pydicom("MR_small.dcm")}) {
            const Image clean = sample(path);
            const auto noisy = SiteBaseCheck::refusal(withNoise(clean, 0.08));
            QVERIFY2(noisy && noisy->startsWith(QStringLiteral("already noisy")), qPrintable(path));
            const auto blurred = SiteBaseCheck::refusal(withBlur(clean, 3));
            QVERIFY2(blurred && blurred->startsWith(QStringLiteral("already blurred")), qPrintable(path));
        }
        Image tiny(16, 16);
        for (std::size_t i = 0; i < tiny.voxels.size(); ++i) tiny.voxels[i] = float(i % 7);
        QCOMPARE(SiteBaseCheck::refusal(tiny).value_or(QString()), QStringLiteral("16x16 is smaller than 64 pixels on a side"));
        Image blank(128, 96);
        std::fill(blank.voxels.begin(), blank.voxels.end(), 40.f);
        QVERIFY(SiteBaseCheck::refusal(blank).value_or(QString()).startsWith(QStringLiteral("blank")));
        // A segmentation mask is sharp and noiseless, but no acquisition: pydicom's
        // liver_1frame.dcm is a DICOM SEG of two values.
        const auto mask = SiteBaseCheck::refusal(sample(test::pydicom("liver_1frame.dcm")));
        QVERIFY2(mask && mask->contains(QStringLiteral("a mask, label map or test pattern")), qPrintable(mask.value_or("accepted")));
    }

    void scanFindsModalitiesSlicesAndSources() {
        auto scan = SiteBaseScan::scan(sampleFolder(), jobs::Progress(nullptr, {}));
        QVERIFY2(scan.ok(), qPrintable(scan.ok() ? "" : scan.error().message()));
        const auto& r = scan.value();
        QCOMPARE(r.files, 10);
        QCOMPARE(int(r.refused.size()), 2);
        QSet<QString> refused;
        for (const auto& f : r.refused) refused << QFileInfo(f.file).fileName();
        QCOMPARE(refused, (QSet<QString>{"liver_seg.dcm", "readme.txt"}));
        QMap<QString, int> perModality;
        QSet<QString> mriSources;
        for (const auto& b : r.bases) {
            ++perModality[modalityKey(b.modality)];
            if (b.file.endsWith(QStringLiteral(".nii"))) {
                QVERIFY(b.slice == 6 || b.slice == 10 || b.slice == 14);  // 30, 50 and 70% of 20 slices
                mriSources << b.source;
            }
        }
        QCOMPARE(perModality, (QMap<QString, int>{{"ct", 1}, {"mri", 13}, {"fundus", 1}, {"histopathology", 1}}));
        QCOMPARE(mriSources.size(), 4);  // the slices of one volume are one source
        QCOMPARE(SiteBaseScan::positions(20), (std::vector<int>{6, 10, 14}));
        QCOMPARE(SiteBaseScan::positions(1), (std::vector<int>{0}));
    }

    void benchmarkRendersOnTheSitesFilesAndIsDeterministic() {
        std::vector<SynthRecipe> first;
        for (int run = 0; run < 2; ++run) {
            const QString dir = fresh();
            BenchmarkOptions o;
            o.perModality = 24;
            o.realBaseFraction = 0.7;
            o.siteBasesDir = sampleFolder();
            BenchmarkBuildJob job(dir, o);
            const auto outcome = ::run(job);
            QVERIFY2(outcome.status == jobs::JobOutcome::Status::Done, qPrintable(outcome.message));
            QVERIFY2(outcome.message.contains(QStringLiteral("added ct 1, fundus 1, histopathology 1, mri 13")), qPrintable(outcome.message));
            QVERIFY(outcome.message.contains(QStringLiteral("readme.txt")) && outcome.message.contains(QStringLiteral("liver_seg.dcm")));
            auto ws = store::Workspace::open(dir).take();
            QCOMPARE(ws->siteBases().count(), 16);
            const auto recipes = recipesOf(*ws);
            QCOMPARE(int(recipes.size()), 5 * 24);
            int onSite = 0;
            for (const auto& r : recipes) {
                // Modalities the site gave render on its bases only; endoscopy keeps the packaged
                // base and phantoms.
                if (r.modality == Modality::Endoscopy) QVERIFY(!r.isSiteBase());
                else QVERIFY(r.base < 0 || r.isSiteBase());
                if (!r.isSiteBase()) continue;
                ++onSite;
                const auto row = ws->siteBases().get(r.siteBaseId());
                QVERIFY(row && row->modality == modalityKey(r.modality));
            }
            // CT, fundus and histopathology have one source each, which serves test only (their
            // train and val items are phantoms); MRI's four volumes serve all three splits.
            QVERIFY2(onSite > 30, qPrintable(QString::number(onSite)));
            // A site item's pixels come from the workspace's copy of the base, not the folder.
            const auto records = ws->images().list(0, 1000000);
            const auto onBase = std::find_if(records.begin(), records.end(), [](const auto& image) {
                const auto r = SynthRecipe::fromText(image.metadata.value(QStringLiteral("recipe")).toString());
                return r && r->isSiteBase();
            });
            QVERIFY(onBase != records.end());
            QVERIFY(ImageSource::load(*onBase, {}, SiteBaseFile::folderOf(*ws)).ok());
            QVERIFY(!ImageSource::load(*onBase).ok());
            if (run == 0) {
                first = recipes;
                continue;
            }
            QCOMPARE(recipes.size(), first.size());
            for (std::size_t i = 0; i < recipes.size(); ++i) QCOMPARE(recipes[i].toText(), first[i].toText());
        }
    }

    void poolRendersOnTrainingSourcesOnlyAndKnowsRegisteredBases() {
        const QString dir = fresh();
        PoolOptions o;
        o.size = 3000;
        o.siteBasesDir = sampleFolder();
        PoolBuildJob job(dir, o);
        auto outcome = run(job);
        QVERIFY2(outcome.status == jobs::JobOutcome::Status::Done, qPrintable(outcome.message));
        auto ws = store::Workspace::open(dir).take();
        QSet<QString> trainSources, usedSources;
        for (const auto& row : ws->siteBases().all())
            if (row.split == QLatin1String("train")) trainSources << row.source;
        QVERIFY(!trainSources.isEmpty());  // four MRI volumes: one or more train
        for (store::Id id = 1; id <= ws->pool().count(); ++id) {
            const auto item = ws->pool().get(id);
            SynthRecipe r;
            r.base = item->base;
            if (r.isSiteBase()) usedSources << ws->siteBases().get(r.siteBaseId())->source;
        }
        QVERIFY(!usedSources.isEmpty());
        QVERIFY2(trainSources.contains(usedSources), "the pool renders on a source that is not training's");
        // A second registration of the same folder adds nothing and moves no source.
        const auto before = ws->siteBases().all();
        PoolBuildJob again(dir, o);
        outcome = run(again);
        QVERIFY2(outcome.message.contains(QStringLiteral("added none")), qPrintable(outcome.message));
        const auto after = ws->siteBases().all();
        QCOMPARE(after.size(), before.size());
        for (std::size_t i = 0; i < after.size(); ++i) QCOMPARE(after[i].split, before[i].split);
    }

    void unusableFoldersAreRefusedAndChangeNothing() {
        const QString empty = m_tmp.filePath(QStringLiteral("empty"));
        QDir().mkpath(empty);
        const QString notImages = m_tmp.filePath(QStringLiteral("notes"));
        put(notImages + "/a.txt", "hello\n");
        put(notImages + "/b.csv", "1,2,3\n");
        const QString tiny = m_tmp.filePath(QStringLiteral("tiny"));
        QDir().mkpath(tiny + "/ct");
        QImage small(16, 16, QImage::Format_Grayscale8);
        for (int y = 0; y < 16; ++y)
            for (int x = 0; x < 16; ++x) small.setPixel(x, y, qRgb(x * 16, x * 16, x * 16));
        QVERIFY(small.save(tiny + "/ct/small.png"));
        const QString dir = fresh();
        const QString before = stateOf(dir);
        const std::vector<std::pair<QString, QString>> cases = {
            {empty, QStringLiteral("the folder holds no files")},
            {notImages, QStringLiteral("a.txt: ")},
            {tiny, QStringLiteral("small.png: 16x16 is smaller than 64 pixels on a side")},
            {m_tmp.filePath(QStringLiteral("missing")), QStringLiteral("not a folder")}};
        for (const auto& [folder, expected] : cases) {
            BenchmarkOptions o;
            o.perModality = 3;
            o.siteBasesDir = folder;
            BenchmarkBuildJob job(dir, o);
            const auto outcome = run(job);
            QCOMPARE(outcome.status, jobs::JobOutcome::Status::Failed);
            QVERIFY2(outcome.message.contains(expected) && outcome.message.contains(folder), qPrintable(outcome.message));
            QCOMPARE(stateOf(dir), before);
        }
    }
};

QTEST_GUILESS_MAIN(SiteBasesTest)
#include "tst_site_bases.moc"
