// Pool scale: builds a pool of N recipe items (default 1,000,000) in a fresh workspace and
// prints seconds and database size; then renders 1,000 pool items to pixels (the on-demand
// path) and prints items/s per modality.
// Usage: bench_pool [N=1000000] [RENDER=1000]
#include "dataset/PoolBuildJob.h"
#include "dataset/SynthRecipe.h"
#include "dataset/SynthRenderer.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstdio>

using namespace medq;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const long long n = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const int renders = argc > 2 ? std::atoi(argv[2]) : 1000;
    QTemporaryDir tmp;
    const QString dir = tmp.filePath("ws");
    store::Workspace::create(dir);
    const qint64 before = QFileInfo(dir + "/workspace.sqlite").size();
    dataset::PoolOptions options;
    options.size = n;
    std::atomic<bool> never{false};
    QElapsedTimer t;
    t.start();
    const auto out = dataset::PoolBuildJob(dir, options).run(jobs::Progress(&never, {}));
    const double seconds = t.elapsed() / 1000.0;
    auto ws = store::Workspace::open(dir).take();
    ws->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const qint64 size = QFileInfo(dir + "/workspace.sqlite").size();
    std::printf("bench_pool: %lld items in %.2f s (%.0f items/s), database %.1f MB (%.1f bytes/item)  [%s]\n", n, seconds,
                n / seconds, size / 1e6, double(size - before) / double(n), qPrintable(out.message));

    // Render a spread of pool items (every k-th) as the retrieval and annotation paths do.
    const long long step = std::max<long long>(1, n / renders);
    double perModality[5] = {0}, perCount[5] = {0};
    QElapsedTimer all;
    all.start();
    int rendered = 0;
    for (long long id = 1; id <= n && rendered < renders; id += step) {
        const auto item = ws->pool().get(id);
        dataset::SynthRecipe r;
        r.modality = kClinicalModalities[std::size_t(item->modality)];
        r.base = item->base;
        r.seed = std::uint64_t(item->seed);
        r.attributes = *dataset::SynthRecipe::decodeAttributes(r.modality, item->attributes);
        QElapsedTimer one;
        one.start();
        if (!dataset::SynthRenderer::render(r)) return 1;
        perModality[item->modality] += one.nsecsElapsed() / 1e6;
        perCount[item->modality] += 1;
        ++rendered;
    }
    const double total = all.elapsed() / 1000.0;
    std::printf("render %d pool items at 256x256: %.2f s, %.1f items/s\n", rendered, total, rendered / total);
    for (int m = 0; m < 5; ++m)
        if (perCount[m] > 0)
            std::printf("  %-20s %4.0f items, %6.1f ms/item\n", qPrintable(modalityDisplayName(kClinicalModalities[std::size_t(m)])),
                        perCount[m], perModality[m] / perCount[m]);
    return 0;
}
