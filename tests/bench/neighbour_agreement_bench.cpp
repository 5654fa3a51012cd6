// Retrieval precision of a failure mode on a workspace's pool (issue "Sample efficiency and
// routing savings"): for every embedded synthetic pool item, how many of its k nearest
// neighbours of the same modality share its dominant degradation (the attribute of highest
// severity, or "clean"), and its attribute at that severity, against chance. Reads the pool's
// embedding file (the loop's, or --file), so the same pool can be compared in two spaces.
//
//   bench_neighbour_agreement --workspace W [--file EMB] [--k 10]
#include "dataset/SynthRecipe.h"
#include "index/EmbeddingFile.h"
#include "loop/NeighbourAgreement.h"
#include "loop/PoolEmbedder.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHash>
#include <cstdio>

using namespace medq;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({"workspace", "Workspace whose pool is embedded.", "W"});
    p.addOption({"file", "Embedding file (default: the pool's, blobs/indexes/pool.emb).", "EMB"});
    p.addOption({"k", "Neighbours per item (default 10).", "K", "10"});
    p.process(app);
    auto ws = store::Workspace::open(p.value("workspace"));
    if (!ws) return std::fprintf(stderr, "%s\n", qPrintable(ws.error().message())), 1;
    const QString path = p.isSet("file") ? p.value("file") : loop::PoolIndexPaths::of(*ws.value()).embeddings;
    auto file = index::EmbeddingFile::open(path);
    if (!file) return std::fprintf(stderr, "%s\n", qPrintable(file.error().message())), 1;

    std::vector<float> vectors;
    std::vector<int> dominant, withSeverity, modality;
    QHash<QString, int> names;
    const auto id = [&names](const QString& name) { return names.contains(name) ? names.value(name) : names.insert(name, int(names.size())).value(); };
    const int dim = file.value().dim();
    for (std::int64_t row = 0; row < file.value().count(); ++row) {
        const auto item = ws.value()->pool().get(file.value().ids()[row]);
        if (!item || item->kind != PoolItemKind::Recipe || item->modality < 0 || item->modality >= int(kClinicalModalities.size()))
            continue;
        const Modality m = kClinicalModalities[std::size_t(item->modality)];
        const auto attributes = dataset::SynthRecipe::decodeAttributes(m, item->attributes);
        if (!attributes) continue;
        QString top = QStringLiteral("clean");
        Severity worst = Severity::None;
        for (const auto& a : *attributes)
            if (a.severity > worst) worst = a.severity, top = a.key;
        dominant.push_back(id(top));
        withSeverity.push_back(id(top + QLatin1Char(':') + QString::number(int(worst))));
        modality.push_back(item->modality);
        const float* v = file.value().vectors() + row * dim;
        vectors.insert(vectors.end(), v, v + dim);
    }
    const int k = p.value("k").toInt();
    const auto byAttribute = loop::neighbourAgreement(vectors, dim, dominant, modality, k);
    const auto bySeverity = loop::neighbourAgreement(vectors, dim, withSeverity, modality, k);
    std::printf("file %s (tag %s, %d dimensions): %d synthetic pool items, k = %d\n", qPrintable(path),
                qPrintable(file.value().tag()), dim, byAttribute.items, k);
    std::printf("dominant degradation: %.1f%% of neighbours share it (chance %.1f%%)\n", 100 * byAttribute.agreement,
                100 * byAttribute.chance);
    std::printf("dominant degradation and its severity: %.1f%% (chance %.1f%%)\n", 100 * bySeverity.agreement,
                100 * bySeverity.chance);
    return 0;
}
