// Benchmark and pool in the workspace: sizes, splits, ground truth that agrees with the
// questions, determinism, uneven pool distribution, recipes that round-trip, cancel safety.
#include "dataset/BaseLibrary.h"
#include "dataset/BenchmarkBuildJob.h"
#include "dataset/PoolBuildJob.h"
#include "dataset/PoolDistribution.h"
#include "dataset/SourceSplit.h"
#include "dataset/SynthRecipe.h"
#include "dataset/SynthRenderer.h"
#include "store/Workspace.h"
#include "taxonomy/Taxonomy.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::dataset;

class DatasetTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;
    QString fresh() {
        const QString dir = m_tmp.filePath(QStringLiteral("ws%1").arg(++m_n));
        store::Workspace::create(dir);
        return dir;
    }
    static jobs::JobOutcome run(jobs::Job& job, std::atomic<bool>* cancel = nullptr) {
        static std::atomic<bool> never{false};
        return job.run(jobs::Progress(cancel ? cancel : &never, {}));
    }

private slots:
    void recipeTextRoundTrips() {
        SynthRecipe r;
        r.modality = Modality::CT;
        r.base = 0;
        r.seed = 123456789012345ull;
        r.attributes = {{Taxonomy::instance().attributes(Modality::CT).front().key, Severity::Severe}};
        const auto back = SynthRecipe::fromText(r.toText());
        QVERIFY(back.has_value());
        QCOMPARE(back->seed, r.seed);
        QCOMPARE(back->attributes, r.attributes);
        const auto decoded = SynthRecipe::decodeAttributes(Modality::CT, r.encodeAttributes());
        QCOMPARE(*decoded, r.attributes);
        QVERIFY(!SynthRecipe::decodeAttributes(Modality::CT, "999:1").has_value());
        QVERIFY(!SynthRecipe::fromText("mri|x|1|").has_value());
    }

    void renderingIsDeterministicOnRealAndPhantomBases() {
        for (int base : {-1, 0}) {
            SynthRecipe r;
            r.modality = Modality::Histopathology;
            r.base = base;
            r.seed = 99;
            r.attributes = {{"out_of_focus", Severity::Moderate}};
            auto a = SynthRenderer::render(r), b = SynthRenderer::render(r);
            QVERIFY2(a.ok(), qPrintable(a.ok() ? "" : a.error().message()));
            QCOMPARE(a.value().width, BaseLibrary::kWorkingSize);
            QVERIFY(a.value().voxels == b.value().voxels);
        }
        QVERIFY(BaseLibrary::instance().installedBases(Modality::Histopathology).size() >= 4);
    }

    void benchmarkHasSplitsAndConsistentAnswers() {
        const QString dir = fresh();
        BenchmarkOptions o;
        o.perModality = 8;
        BenchmarkBuildJob job(dir, o);
        const auto out = run(job);
        QVERIFY2(out.ok(), qPrintable(out.message));
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(ws->images().count(), 40);
        for (Modality m : kClinicalModalities) QCOMPARE(ws->images().countByModality().value(modalityKey(m)), 8);
        const auto counts = ws->tasks().countBySplitAndKind();
        int descriptions = 0;
        for (const QString s : {"train", "val", "test"}) descriptions += counts.value(s + "/description");
        QVERIFY(descriptions >= 40);  // one per item plus pair descriptions
        QVERIFY(counts.value("test/perception") > 0);
        // Every yes/no question about an attribute is answered "yes" exactly when the stored
        // ground truth has that attribute.
        int checked = 0;
        for (const auto& image : ws->images().list(0, 100)) {
            const QJsonArray truth = image.metadata.value("truth").toObject().value("attributes").toArray();
            for (const auto& t : ws->tasks().forImage(image.id)) {
                QVERIFY(!t.answer.isEmpty());
                if (t.questionType == QuestionType::Description) {
                    QVERIFY(t.answer.contains("Overall"));
                    continue;
                }
                QVERIFY(t.options.size() >= 2 && t.options.size() <= 4);
                QVERIFY(t.answer.size() == 1 && t.answer[0] >= 'A' && t.answer[0].unicode() < 'A' + t.options.size());
                if (t.questionType == QuestionType::YesNo) ++checked;
            }
            QVERIFY(image.metadata.value("recipe").toString().startsWith(image.modality));
            QVERIFY(QFileInfo::exists(ws->dir().filePath(image.thumbnail)));
            Q_UNUSED(truth);
        }
        QVERIFY(checked > 0);
        // A second build is refused rather than doubling the benchmark.
        BenchmarkBuildJob again(dir, o);
        QVERIFY(!run(again).ok());
    }

    void sourcesGoToTestFirst() {
        const auto count = [](const QMap<QString, BenchmarkSplit>& a, BenchmarkSplit s) {
            return int(std::count(a.begin(), a.end(), s));
        };
        for (const auto& [n, test, val, train] : std::vector<std::array<int, 4>>{{1, 1, 0, 0}, {2, 1, 0, 1}, {3, 1, 1, 1},
                                                                                   {4, 2, 1, 1}, {6, 2, 1, 3}, {9, 3, 1, 5}}) {
            QStringList sources;
            for (int i = 0; i < n; ++i) sources << QStringLiteral("pkg:source-%1").arg(i);
            const auto split = SourceSplit::assign(sources);
            QCOMPARE(split.size(), n);
            QCOMPARE(count(split, BenchmarkSplit::Test), test);
            QCOMPARE(count(split, BenchmarkSplit::Val), val);
            QCOMPARE(count(split, BenchmarkSplit::Train), train);
            // The order the sources come in does not matter.
            QStringList reversed(sources.rbegin(), sources.rend());
            QCOMPARE(SourceSplit::assign(reversed), split);
        }
    }

    // Sources added later fill the splits' shares without moving any source given before.
    void addedSourcesNeverMoveOldOnes() {
        const QMap<QString, BenchmarkSplit> given{{"site:a", BenchmarkSplit::Test}, {"site:b", BenchmarkSplit::Train}};
        const auto grown = SourceSplit::extend(given, {"site:c", "site:d", "site:b"});
        QCOMPARE(grown.size(), 4);
        QCOMPARE(grown.value("site:a"), BenchmarkSplit::Test);
        QCOMPARE(grown.value("site:b"), BenchmarkSplit::Train);
        // Four sources: two for test, one for validation.
        QCOMPARE(int(std::count(grown.begin(), grown.end(), BenchmarkSplit::Test)), 2);
        QCOMPARE(int(std::count(grown.begin(), grown.end(), BenchmarkSplit::Val)), 1);
        // A lone earlier training source leaves test to the first new one.
        QCOMPARE(SourceSplit::extend({{"site:x", BenchmarkSplit::Train}}, {"site:y"}).value("site:y"), BenchmarkSplit::Test);
        QCOMPARE(SourceSplit::extend({}, {"p:1", "p:2", "p:3"}), SourceSplit::assign({"p:3", "p:2", "p:1"}));
    }

    // A source (a file: the slices of a volume, the crops of a slide) serves one split only,
    // in the benchmark and the pool alike, and the pool renders on training's sources only.
    void noSourceServesTwoSplits() {
        const QString dir = fresh();
        BenchmarkOptions o;
        o.perModality = 30;
        o.realBaseFraction = 0.6;
        BenchmarkBuildJob bench(dir, o);
        const auto out = run(bench);
        QVERIFY2(out.ok(), qPrintable(out.message));
        QVERIFY2(out.message.contains("training never sees"), qPrintable(out.message));
        PoolOptions po;
        po.size = 2000;
        PoolBuildJob pool(dir, po);
        QVERIFY(run(pool).ok());
        auto ws = store::Workspace::open(dir).take();
        QMap<QString, QSet<QString>> splitsOf;  // source -> splits of its items
        int real = 0, augmented = 0, variedPhantoms = 0, firstPhantoms = 0;
        for (const auto& image : ws->images().list(0, 1000)) {
            const auto recipe = SynthRecipe::fromText(image.metadata.value("recipe").toString());
            QVERIFY(recipe);
            variedPhantoms += recipe->base == SynthRecipe::kVariedPhantom;
            firstPhantoms += recipe->base == SynthRecipe::kPhantom;
            QVERIFY(!recipe->augmented || recipe->base >= 0);
            if (recipe->base < 0) continue;
            ++real;
            augmented += recipe->augmented;
            const QString source = BaseLibrary::instance().sourceOf(recipe->modality, recipe->base);
            QVERIFY(!source.isEmpty());
            for (const auto& t : ws->tasks().forImage(image.id)) splitsOf[source].insert(t.split);
        }
        QVERIFY(real > 10);
        // About half of each: augmented real bases, varied phantoms.
        QVERIFY2(augmented > real / 4 && augmented < 3 * real / 4, qPrintable(QString::number(augmented)));
        QVERIFY2(variedPhantoms > 5 && firstPhantoms > 5, qPrintable(QStringLiteral("%1 %2").arg(variedPhantoms).arg(firstPhantoms)));
        for (auto it = splitsOf.cbegin(); it != splitsOf.cend(); ++it)
            QVERIFY2(it.value().size() == 1, qPrintable(it.key() + " serves " + QStringList(it.value().values()).join(",")));
        // Every modality with a real source tests on one.
        for (Modality m : kClinicalModalities)
            if (!BaseLibrary::instance().installedBases(m).empty()) QVERIFY(!BaseLibrary::instance().basesFor(m, BenchmarkSplit::Test).empty());
        int poolReal = 0;
        for (const auto& item : ws->pool().page(0, 2000)) {
            if (item.base < 0) continue;
            ++poolReal;
            const Modality m = kClinicalModalities[std::size_t(item.modality)];
            QCOMPARE(BaseLibrary::instance().splitOf(m, item.base), std::optional(BenchmarkSplit::Train));
            QVERIFY(splitsOf.value(BaseLibrary::instance().sourceOf(m, item.base)).contains("train") ||
                    !splitsOf.contains(BaseLibrary::instance().sourceOf(m, item.base)));
        }
        QVERIFY(poolReal > 0);  // MRI has a training source
    }

    void benchmarkIsReproducible() {
        BenchmarkOptions o;
        o.perModality = 3;
        const QString a = fresh(), b = fresh();
        BenchmarkBuildJob ja(a, o), jb(b, o);
        QVERIFY(run(ja).ok());
        QVERIFY(run(jb).ok());
        auto wa = store::Workspace::open(a).take(), wb = store::Workspace::open(b).take();
        const auto la = wa->images().list(0, 100), lb = wb->images().list(0, 100);
        QCOMPARE(la.size(), lb.size());
        for (std::size_t i = 0; i < la.size(); ++i) QCOMPARE(la[i].contentHash, lb[i].contentHash);
    }

    void cancelledBenchmarkLeavesWorkspaceUnchanged() {
        const QString dir = fresh();
        BenchmarkOptions o;
        o.perModality = 6;
        std::atomic<bool> cancel{false};
        BenchmarkBuildJob job(dir, o);
        jobs::Progress p(&cancel, [&](double f, const QString&) {
            if (f > 0.3) cancel = true;
        });
        QVERIFY_THROWS_EXCEPTION(jobs::JobCancelled, job.run(p));
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(ws->images().count(), 0);
        QCOMPARE(QDir(ws->thumbnailDir()).entryList(QDir::Files).size(), 0);
    }

    void poolIsUnevenAndGrowsIncrementally() {
        const QString dir = fresh();
        PoolOptions o;
        o.size = 20000;
        PoolBuildJob job(dir, o);
        QVERIFY(run(job).ok());
        o.size = 5000;
        PoolBuildJob more(dir, o);
        QVERIFY(run(more).ok());
        auto ws = store::Workspace::open(dir).take();
        QCOMPARE(ws->pool().count(), 25000);
        const auto perModality = ws->pool().countByModality();
        QVERIFY(perModality.value(0) > 3 * perModality.value(4));  // MRI common, fundus rare
        // Attribute frequencies are skewed: the most common is far more frequent than the rarest.
        QMap<QString, int> freq;
        for (const auto& item : ws->pool().page(0, 25000)) {
            if (item.modality != 0) continue;
            for (const QString& part : item.attributes.split(',', Qt::SkipEmptyParts)) freq[part.section(':', 0, 0)]++;
        }
        QVERIFY(freq.size() >= 5);
        const auto values = freq.values();
        QVERIFY(*std::max_element(values.begin(), values.end()) > 5 * *std::min_element(values.begin(), values.end()));
        // Item k is recipe k of the distribution whether built in one go or in two.
        const QString one = fresh();
        PoolOptions all;
        all.size = 25000;
        PoolBuildJob single(one, all);
        QVERIFY(run(single).ok());
        auto ws1 = store::Workspace::open(one).take();
        QCOMPARE(ws1->pool().get(24000)->seed, ws->pool().get(24000)->seed);
    }
};

QTEST_GUILESS_MAIN(DatasetTest)
#include "tst_dataset.moc"
