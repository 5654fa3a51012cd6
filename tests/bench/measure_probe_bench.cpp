// Do the per-source standardised measures carry each attribute to sources never seen?
// (issue "A model that reads image quality on sources it has never seen"). A linear probe
// per modality and attribute (MeasureProbe.h) on a benchmark workspace's training split,
// thresholds from its validation split, read on the test split's unseen real sources and
// phantoms: the same recall and precision as `medq model eval`'s attribute head, in seconds
// once the measures are cached, so a change to the measures or their standardisation can be
// ranked before a 25-minute training run.
//
//   bench_measure_probe --workspace W --cache measures.csv [--phantom-sources lumped|generation]
//                       [--jitter N] [--balanced] [--l2 0.001] [--measures N]
#include "MeasureProbe.h"
#include "dataset/ImageSource.h"
#include "dataset/SiteBaseFile.h"
#include "dataset/SynthRecipe.h"
#include "learn/SourceBreakdown.h"
#include "model/MeasureReference.h"
#include "model/QualityMeasures.h"
#include "model/SourceStandardiser.h"
#include "store/Workspace.h"
#include "train/RocAuc.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QSet>
#include <QTextStream>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <cstdio>
#include <random>

using namespace medq;

namespace {

struct ProbeImage {
    store::Id id = 0;
    QString split, modality, source;
    int base = 0;
    QStringList present;  // attribute keys
    std::vector<float> measures;
    bool phantom() const { return base < 0; }
};

QString presentText(const QStringList& keys) { return keys.join(QLatin1Char(';')); }

bool readCache(const QString& path, std::vector<ProbeImage>& out) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return false;
    QTextStream in(&f);
    in.readLine();  // header
    while (!in.atEnd()) {
        const QStringList cells = in.readLine().split(QLatin1Char(','));
        if (cells.size() != 6 + model::QualityMeasures::kCount) {  // another generation of measures: measure again
            out.clear();
            return false;
        }
        ProbeImage im{cells[0].toLongLong(), cells[1], cells[2], cells[3], cells[4].toInt(),
                      cells[5].split(QLatin1Char(';'), Qt::SkipEmptyParts), {}};
        for (int k = 0; k < model::QualityMeasures::kCount; ++k) im.measures.push_back(cells[6 + k].toFloat());
        out.push_back(std::move(im));
    }
    return !out.empty();
}

void writeCache(const QString& path, const std::vector<ProbeImage>& images) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) return;
    QTextStream out(&f);
    out << "id,split,modality,source,base,present," << model::QualityMeasures::names().join(QLatin1Char(',')) << '\n';
    for (const auto& im : images) {
        out << im.id << ',' << im.split << ',' << im.modality << ',' << im.source << ',' << im.base << ','
            << presentText(im.present);
        for (float v : im.measures) out << ',' << v;
        out << '\n';
    }
}

// Every synthetic image of the train, val and test splits, measured as training measures them.
std::vector<ProbeImage> measureWorkspace(store::Workspace& ws) {
    std::vector<ProbeImage> images;
    std::vector<store::ImageRecord> records;
    std::vector<QStringList> files;
    QSet<store::Id> seen;
    for (const QString split : {QStringLiteral("train"), QStringLiteral("val"), QStringLiteral("test")}) {
        for (const auto& task : ws.tasks().inSplit(split)) {
            if (seen.contains(task.imageId)) continue;
            seen.insert(task.imageId);
            const auto record = ws.images().get(task.imageId);
            if (!record) continue;
            const auto recipe = dataset::SynthRecipe::fromText(record->metadata.value(QStringLiteral("recipe")).toString());
            if (!recipe) continue;
            ProbeImage im{record->id, split, record->modality, learn::SourceBreakdown::sourceOfImage(ws, *record),
                          recipe->base, {}, {}};
            for (const auto& a : recipe->attributes)
                if (a.severity != Severity::None) im.present << a.key;
            images.push_back(im);
            records.push_back(*record);
            QStringList paths;
            for (const auto& f : ws.images().files(record->id)) paths << f.path;
            files.push_back(paths);
        }
    }
    const QString siteBases = dataset::SiteBaseFile::folderOf(ws);
    std::vector<std::size_t> order(images.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    constexpr std::size_t kChunk = 64;
    QElapsedTimer clock;
    clock.start();
    for (std::size_t start = 0; start < order.size(); start += kChunk) {
        const std::vector<std::size_t> chunk(order.begin() + std::ptrdiff_t(start),
                                             order.begin() + std::ptrdiff_t(std::min(order.size(), start + kChunk)));
        const auto measured = QtConcurrent::blockingMapped<std::vector<std::vector<float>>>(chunk, [&](std::size_t i) {
            auto image = dataset::ImageSource::load(records[i], files[i], siteBases);
            if (!image) return std::vector<float>{};
            auto m = model::QualityMeasures::of(image.value());
            return m ? m.take() : std::vector<float>{};
        });
        for (std::size_t j = 0; j < chunk.size(); ++j) images[chunk[j]].measures = measured[j];
        std::fprintf(stderr, "\rmeasured %zu of %zu (%.0f s)", start + chunk.size(), images.size(), clock.elapsed() / 1000.0);
    }
    std::fprintf(stderr, "\n");
    images.erase(std::remove_if(images.begin(), images.end(),
                                [](const ProbeImage& im) { return int(im.measures.size()) != model::QualityMeasures::kCount; }),
                 images.end());
    return images;
}

struct Options {
    bool phantomGenerations = false;
    int jitter = 0;
    bool balanced = false;
    double l2 = 1e-3;
};

QString standardisingSource(const ProbeImage& im, const Options& o) {
    if (o.phantomGenerations && im.base == dataset::SynthRecipe::kVariedPhantom) return im.source + QStringLiteral("-varied");
    return im.source;
}

// Each split standardised within its own sources, as training and evaluation do; sources too
// small for a fit against the training sources' reference. With a jitter, each training image
// reads its source's fit from a random subset of that many of the source's images.
std::vector<std::vector<float>> standardise(const std::vector<ProbeImage>& images, const Options& o) {
    QMap<QString, model::SourceStandardiser> perSplit;
    QMap<QString, std::vector<std::size_t>> trainMembers;
    QMap<QString, QString> modalityOfSource;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const QString source = standardisingSource(images[i], o);
        perSplit[images[i].split].add(source, images[i].measures);
        modalityOfSource.insert(source, images[i].modality);
        if (images[i].split == QLatin1String("train")) trainMembers[source].push_back(i);
    }
    for (auto& s : perSplit) s.fit();
    model::MeasureReference reference;
    for (const QString& source : perSplit[QStringLiteral("train")].fittedSources())
        reference.addSource(modalityOfSource.value(source), *perSplit[QStringLiteral("train")].fitOf(source));
    reference.fit();
    std::mt19937 rng(7);
    std::vector<std::vector<float>> out;
    for (const auto& im : images) {
        const QString source = standardisingSource(im, o);
        const auto& s = perSplit[im.split];
        if (s.imagesOf(source) < model::SourceStandardiser::kMinImages) {
            out.push_back(reference.standardise(im.modality, im.measures));
        } else if (o.jitter > 0 && im.split == QLatin1String("train")) {
            std::vector<std::size_t> members = trainMembers.value(source);
            std::shuffle(members.begin(), members.end(), rng);
            model::SourceStandardiser subset;
            const std::size_t n = std::max<std::size_t>(model::SourceStandardiser::kMinImages, std::size_t(o.jitter));
            for (std::size_t k = 0; k < std::min(n, members.size()); ++k) subset.add(source, images[members[k]].measures);
            subset.fit();
            out.push_back(subset.standardise(source, im.measures));
        } else {
            out.push_back(s.standardise(source, im.measures));
        }
    }
    return out;
}

struct Totals {
    bench::PresenceCounts unseen, phantoms;
    double aucSum = 0;
    int aucCount = 0;
};

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({"workspace", "Benchmark workspace (medq synth bench).", "W"});
    p.addOption({"cache", "Measures as CSV: read when it exists, written after measuring otherwise.", "CSV"});
    p.addOption({"phantom-sources", "lumped (as training does) or generation (each phantom generation a source).", "HOW", "lumped"});
    p.addOption({"jitter", "Training images standardised on a random subset of N of their source's images.", "N", "0"});
    p.addOption({"balanced", "Weigh present and absent labels equally in the probe's fit."});
    p.addOption({"l2", "The probe's l2 penalty (default 0.001).", "L", "0.001"});
    p.addOption({"measures", "Read only the first N measures (30: those before StructureMeasures).", "N"});
    p.process(app);

    std::vector<ProbeImage> images;
    if (!p.isSet("cache") || !readCache(p.value("cache"), images)) {
        auto ws = store::Workspace::open(p.value("workspace"));
        if (!ws) return std::fprintf(stderr, "%s\n", qPrintable(ws.error().message())), 1;
        images = measureWorkspace(*ws.value());
        if (p.isSet("cache")) writeCache(p.value("cache"), images);
    }
    Options o;
    o.phantomGenerations = p.value("phantom-sources") == QLatin1String("generation");
    o.jitter = p.value("jitter").toInt();
    o.balanced = p.isSet("balanced");
    o.l2 = p.value("l2").toDouble();
    if (p.isSet("measures"))
        for (auto& im : images) im.measures.resize(std::size_t(std::clamp(p.value("measures").toInt(), 1, model::QualityMeasures::kCount)));
    const auto x = standardise(images, o);

    QMap<QString, QSet<QString>> attributesOf;  // modality -> keys present in training
    for (const auto& im : images)
        if (im.split == QLatin1String("train"))
            for (const auto& key : im.present) attributesOf[im.modality].insert(key);
    QMap<QString, Totals> byModality;
    Totals all;
    for (auto it = attributesOf.cbegin(); it != attributesOf.cend(); ++it) {
        QStringList keys = it.value().values();
        keys.sort();
        for (const QString& key : keys) {
            bench::ProbeLabels train, val;
            for (std::size_t i = 0; i < images.size(); ++i) {
                if (images[i].modality != it.key()) continue;
                auto& set = images[i].split == QLatin1String("train") ? train : images[i].split == QLatin1String("val") ? val : train;
                if (images[i].split == QLatin1String("test")) continue;
                set.x.push_back(x[i]);
                set.y.push_back(images[i].present.contains(key) ? 1 : 0);
            }
            bench::LogisticProbe probe;
            probe.fit(train, o.l2, o.balanced);
            const double cut = probe.bestThreshold(val.x.empty() ? train : val);
            std::vector<double> scores;
            std::vector<int> labels;
            for (std::size_t i = 0; i < images.size(); ++i) {
                if (images[i].modality != it.key() || images[i].split != QLatin1String("test")) continue;
                const double s = probe.probability(x[i]);
                const bool present = images[i].present.contains(key);
                for (Totals* t : {&byModality[it.key()], &all})
                    (images[i].phantom() ? t->phantoms : t->unseen).add(s >= cut, present);
                if (!images[i].phantom()) scores.push_back(s), labels.push_back(present ? 1 : 0);
            }
            const double auc = train::rocAuc(scores, labels);
            if (auc >= 0)
                for (Totals* t : {&byModality[it.key()], &all}) t->aucSum += auc, ++t->aucCount;
        }
    }
    std::printf("%zu images; phantom sources %s, jitter %d, %s, l2 %g\n", images.size(), qPrintable(p.value("phantom-sources")),
                o.jitter, o.balanced ? "balanced" : "unweighted", o.l2);
    std::printf("| modality | unseen recall | unseen precision | unseen mean AUC | phantom recall | phantom precision |\n|---|---|---|---|---|---|\n");
    const auto row = [](const QString& name, const Totals& t) {
        std::printf("| %s | %.1f%% | %.1f%% | %.3f | %.1f%% | %.1f%% |\n", qPrintable(name), 100 * t.unseen.recall(),
                    100 * t.unseen.precision(), t.aucCount ? t.aucSum / t.aucCount : 0.0, 100 * t.phantoms.recall(),
                    100 * t.phantoms.precision());
    };
    for (auto it = byModality.cbegin(); it != byModality.cend(); ++it) row(it.key(), it.value());
    row(QStringLiteral("**all**"), all);
    return 0;
}
