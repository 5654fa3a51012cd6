// Embedding throughput of a pool of real-format files (medq loop step 3 on the site's own
// images): N 512x512 CT slices as DICOM and N 1024x768 JPEG photographs are registered by
// reference and embedded by PoolEmbedder (read in parallel, scaled once to the model's input,
// embedded in batches). Printed next to the embedding-only rate of the same model on
// already-preprocessed pixels, in the same run, and the read-and-scale rate alone.
// Usage: bench_pool_embed [preset=default] [N=96 per kind] [threads=preset's]
#include "ingest/PoolAddJob.h"
#include "loop/PoolEmbedder.h"
#include "model/ComputeDevice.h"
#include "model/ImagePreprocessor.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <cmath>
#include <cstdio>
#include <random>

using namespace medq;

namespace {

void writeCtSlice(const QString& path, int index, std::mt19937& rng) {
    DcmFileFormat ff;
    DcmDataset* ds = ff.getDataset();
    char uid[100];
    ds->putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
    ds->putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
    ds->putAndInsertString(DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.9.7777.8.1");
    ds->putAndInsertString(DCM_Modality, "CT");
    ds->putAndInsertUint16(DCM_Rows, 512);
    ds->putAndInsertUint16(DCM_Columns, 512);
    ds->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    ds->putAndInsertUint16(DCM_BitsAllocated, 16);
    ds->putAndInsertUint16(DCM_BitsStored, 12);
    ds->putAndInsertUint16(DCM_HighBit, 11);
    ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
    ds->putAndInsertString(DCM_RescaleIntercept, "-1024");
    ds->putAndInsertString(DCM_RescaleSlope, "1");
    ds->putAndInsertString(DCM_PixelSpacing, "0.7\\0.7");
    std::normal_distribution<float> noise(0.0f, 20.0f);
    std::vector<Uint16> pixels(512 * 512);
    for (int y = 0; y < 512; ++y)
        for (int x = 0; x < 512; ++x) {
            const float r = std::hypot(x - 256.0f, y - 256.0f);
            const float body = r < 200 + index % 20 ? 1064.0f : 24.0f;  // soft tissue in air
            pixels[std::size_t(y * 512 + x)] = Uint16(std::clamp(body + noise(rng), 0.0f, 4095.0f));
        }
    ds->putAndInsertUint16Array(DCM_PixelData, pixels.data(), pixels.size());
    ff.saveFile(QFile::encodeName(path).constData(), EXS_LittleEndianExplicit);
}

void writePhoto(const QString& path, int index, std::mt19937& rng) {
    QImage img(1024, 768, QImage::Format_RGB888);
    std::uniform_int_distribution<int> noise(0, 30);
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            img.setPixel(x, y, qRgb(150 + noise(rng), 60 + (x + index) % 60, 30 + y % 40));
    img.save(path, "JPEG", 90);
}

double rate(std::size_t n, const QElapsedTimer& clock) { return double(n) / (clock.nsecsElapsed() / 1e9); }

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QString preset = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("default");
    const int n = argc > 2 ? std::max(8, atoi(argv[2])) : 96;
    auto config = model::ModelConfig::fromPreset(preset);
    if (!config) return std::fprintf(stderr, "%s\n", qPrintable(config.error().message())), 1;
    if (argc > 3) config.value().threads = std::max(1, atoi(argv[3]));
    model::setComputeThreads(config.value().threads);
    QStringList corpus;
    for (int i = 0; i < 400; ++i)
        corpus << QStringLiteral("mild noise %1 overall the quality of this image is usable").arg(i);
    auto tokenizer = model::Tokenizer::train(corpus, 200);
    if (!tokenizer) return std::fprintf(stderr, "%s\n", qPrintable(tokenizer.error().message())), 1;
    auto created = model::QualityModel::create(config.value(), tokenizer.value());
    if (!created) return std::fprintf(stderr, "%s\n", qPrintable(created.error().message())), 1;
    const model::QualityModel net = created.take();
    std::printf("model: preset %s, input %d^2, %d threads\n", qPrintable(preset), net.config().imageSize,
                net.config().threads);

    QTemporaryDir tmp;
    std::mt19937 rng(5);
    QDir().mkpath(tmp.filePath("site/ct"));
    QDir().mkpath(tmp.filePath("site/fundus"));
    for (int i = 0; i < n; ++i) {
        writeCtSlice(tmp.filePath(QStringLiteral("site/ct/slice%1.dcm").arg(i, 4, 10, QLatin1Char('0'))), i, rng);
        writePhoto(tmp.filePath(QStringLiteral("site/fundus/photo%1.jpg").arg(i, 4, 10, QLatin1Char('0'))), i, rng);
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
