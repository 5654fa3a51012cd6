// Import throughput: builds folders of unique files (PNG photos, NIfTI volumes and DICOM
// slices derived from real samples) and imports them into fresh workspaces.
// Prints files/s at two sizes, so a quadratic slowdown shows as a falling rate.
// Usage: bench_import [N=1200]
#include "ingest/ImportJob.h"
#include "store/Workspace.h"
#include "../support/NiftiWriter.h"
#include "../support/SampleFiles.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <cstdio>
#include <random>

using namespace medq;

static void makeCorpus(const QString& dir, int n) {
    QDir().mkpath(dir);
    std::mt19937 rng(7);
    const QByteArray ct = test::readFile(test::pydicom("CT_small.dcm"));
    for (int i = 0; i < n; ++i) {
        const int kind = i % 4;
        if (kind < 2) {  // 50% photographs
            QImage img(128, 128, QImage::Format_RGB888);
            for (int y = 0; y < 128; ++y)
                for (int x = 0; x < 128; ++x) img.setPixel(x, y, qRgb(int(rng() % 256), 80 + (x + i) % 100, (y * 2) % 256));
            img.save(QStringLiteral("%1/photo_%2.png").arg(dir).arg(i));
        } else if (kind == 2) {  // 25% NIfTI volumes
            test::NiftiSpec spec;
            spec.dims[0] = 64; spec.dims[1] = 64; spec.dims[2] = 8;
            spec.datatype = 4; spec.bitpix = 16;
            std::vector<double> v(64 * 64 * 8);
            for (auto& x : v) x = double(rng() % 2000);
            test::writeFile(QStringLiteral("%1/vol_%2.nii").arg(dir).arg(i), test::makeNifti(spec, v));
        } else {  // 25% DICOM slices: the real CT with a few pixel bytes changed
            QByteArray bytes = ct;
            for (int k = 0; k < 4; ++k) bytes[bytes.size() - 1 - k * 2] = char(rng() & 0x7f);
            test::writeFile(QStringLiteral("%1/ct_%2.dcm").arg(dir).arg(i), bytes);
        }
    }
}

static double importOnce(const QString& root, int n) {
    const QString corpus = QStringLiteral("%1/corpus%2").arg(root).arg(n);
    makeCorpus(corpus, n);
    const QString wsDir = QStringLiteral("%1/ws%2").arg(root).arg(n);
    if (!store::Workspace::create(wsDir)) return 0;
    ingest::ImportOptions options;
    options.inputs = {corpus};
    ingest::ImportJob job(wsDir, options);
    std::atomic<bool> never{false};
    QElapsedTimer t;
    t.start();
    const auto outcome = job.run(jobs::Progress(&never, {}));
    const double seconds = t.elapsed() / 1000.0;
    std::printf("import %5d files: %6.2f s, %7.1f files/s  (%s)\n", n, seconds, n / seconds,
                qPrintable(outcome.message));
    return n / seconds;
}

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 1200;
    QTemporaryDir tmp;
    std::printf("bench_import: mixed PNG 128x128 RGB / NIfTI 64x64x8 int16 / DICOM CT 128x128\n");
    const double small = importOnce(tmp.path(), n);
    const double large = importOnce(tmp.path(), 2 * n);
    std::printf("rate at %d files / rate at %d files: %.2f (1.0 = linear scaling)\n", 2 * n, n, large / small);
    return 0;
}
