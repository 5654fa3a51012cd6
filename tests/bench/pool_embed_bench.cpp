// Embedding throughput of a pool of real-format files (medq loop step 3 on the site's own
// images): N 512x512 CT slices as DICOM and N 1024x768 JPEG photographs are registered by
// reference and embedded by PoolEmbedder (read in parallel, scaled once to the model's input,
// embedded in batches). Printed next to the embedding-only rate of the same model on
// already-preprocessed pixels, in the same run, and the read-and-scale rate alone.
// Usage: bench_pool_embed [preset=default] [N=96 per kind] [threads=preset's]
#include "SiteFiles.h"
#include "ingest/PoolAddJob.h"
#include "loop/PoolEmbedder.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <cstdio>

using namespace medq;
using bench::rate;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QString preset = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("default");
    const int n = argc > 2 ? std::max(8, atoi(argv[2])) : 96;
    auto created = bench::untrainedModel(preset, argc > 3 ? std::max(1, atoi(argv[3])) : 0);
    if (!created) return std::fprintf(stderr, "%s\n", qPrintable(created.error().message())), 1;
    const model::QualityModel net = created.take();
    std::printf("model: preset %s, input %d^2, %d threads\n", qPrintable(preset), net.config().imageSize,
                net.config().threads);

    QTemporaryDir tmp;
    std::mt19937 rng(5);
    QDir().mkpath(tmp.filePath("site/ct"));
    QDir().mkpath(tmp.filePath("site/fundus"));
    for (int i = 0; i < n; ++i) {
        bench::writeCtSlice(tmp.filePath(QStringLiteral("site/ct/slice%1.dcm").arg(i, 4, 10, QLatin1Char('0'))), i, rng);
        bench::writePhoto(tmp.filePath(QStringLiteral("site/fundus/photo%1.jpg").arg(i, 4, 10, QLatin1Char('0'))), i, rng);
    }
    const QString wsDir = tmp.filePath("ws");
    store::Workspace::create(wsDir);
    ingest::PoolAddOptions add;
    add.paths = {tmp.filePath("site")};
    add.recursive = true;
    std::atomic<bool> never{false};
    const jobs::Progress quiet(&never, {});
    ingest::PoolAddJob registration(wsDir, add);
    const auto registered = registration.run(quiet);
    std::printf("%s\n", qPrintable(registered.message));
    auto ws = store::Workspace::open(wsDir).take();

    // Read and scale alone (no model); the model alone on those pixels (after a warm-up
    // batch); then the whole of step 3 on the files.
    std::vector<store::Id> ids;
    for (const auto& item : ws->pool().page(0, 2 * n)) ids.push_back(item.id);
    loop::PoolEmbedder embedder(*ws, net, QStringLiteral("bench"));
    QElapsedTimer clock;
    clock.start();
    auto pixels = embedder.pixels(ids);
    if (!pixels) return std::fprintf(stderr, "%s\n", qPrintable(pixels.error().message())), 1;
    const double readRate = rate(ids.size(), clock);
    const auto batchAt = [&](std::size_t start) {
        return std::vector<std::vector<float>>(pixels.value().begin() + std::ptrdiff_t(start),
                                               pixels.value().begin() +
                                                   std::ptrdiff_t(std::min(pixels.value().size(), start + 64)));
    };
    if (!net.embed(batchAt(0))) return 1;
    clock.restart();
    for (std::size_t start = 0; start < pixels.value().size(); start += 64)
        if (!net.embed(batchAt(start))) return 1;
    const double modelRate = rate(ids.size(), clock);
    auto embedded = embedder.update(0, quiet);
    if (!embedded) return std::fprintf(stderr, "%s\n", qPrintable(embedded.error().message())), 1;
    const double fileRate = double(ids.size()) / embedded.value().value("embedSeconds").toDouble();
    std::printf("read and scale to %d^2 (%d DICOM 512^2 + %d JPEG 1024x768): %.1f images/s\n", net.config().imageSize,
                n, n, readRate);
    std::printf("embedding-only (preprocessed pixels, batches of 64): %.1f images/s\n", modelRate);
    std::printf(
        "pool files embedded (read, scale, embed, append): %.1f images/s = %.0f%% of embedding-only (goal >= 40%%)\n",
        fileRate, 100.0 * fileRate / modelRate);
    return 0;
}
