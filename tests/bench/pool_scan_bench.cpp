// Registering a pool of files by reference at scale (medq pool add): a generated tree of
// small real-format files (DICOM CT slices, one series per folder, and PNG photographs)
// registered into a fresh workspace. Prints the time as a ratio to `find TREE -type f | wc -l`
// on the same tree in the same run, files/s, peak RSS at a quarter and at the whole tree (flat
// means the walk streams), a rescan of the unchanged tree, and the extrapolation to 1,000,000.
// Usage: bench_pool_scan [N=200000] [--tree DIR] [--reuse]   (--reuse keeps a built tree)
#include "ingest/PoolAddJob.h"
#include "store/Workspace.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <fstream>

using namespace medq;

namespace {

constexpr int kFilesPerFolder = 200;
constexpr int kParts = 4;
const QByteArray kSopMark = "111111111111";
const QByteArray kSeriesMark = "222222222222";

// A 32x32 CT slice whose SOP instance and series UIDs end in marks patched per file.
QByteArray dicomTemplate(const QString& dir) {
    DcmFileFormat ff;
    DcmDataset* ds = ff.getDataset();
    ds->putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
    ds->putAndInsertString(DCM_SOPInstanceUID, ("1.2.826.0.1.3680043.9.7777.5." + kSopMark).constData());
    ds->putAndInsertString(DCM_SeriesInstanceUID, ("1.2.826.0.1.3680043.9.7777.6." + kSeriesMark).constData());
    ds->putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.9.7777.7.1");
    ds->putAndInsertString(DCM_Modality, "CT");
    ds->putAndInsertUint16(DCM_Rows, 32);
    ds->putAndInsertUint16(DCM_Columns, 32);
    ds->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    ds->putAndInsertUint16(DCM_BitsAllocated, 16);
    ds->putAndInsertUint16(DCM_BitsStored, 12);
    ds->putAndInsertUint16(DCM_HighBit, 11);
    ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
    std::vector<Uint16> pixels(32 * 32);
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = Uint16((i * 37) % 4096);
    ds->putAndInsertUint16Array(DCM_PixelData, pixels.data(), pixels.size());
    const QString path = dir + "/template.dcm";
    ff.saveFile(QFile::encodeName(path).constData(), EXS_LittleEndianExplicit);
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

QByteArray pngTemplate() {
    QImage img(16, 16, QImage::Format_RGB888);
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 16; ++x) img.setPixel(x, y, qRgb(150 + x, 40 + y * 3, 30));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    return bytes;
}

void patch(QByteArray& bytes, const QByteArray& mark, qint64 value) {
    const QByteArray digits = QByteArray::number(value).rightJustified(mark.size(), '0');
    for (int at = bytes.indexOf(mark); at >= 0; at = bytes.indexOf(mark, at + 1))
        bytes.replace(at, mark.size(), digits);
}

// TREE/part-P/{ct-series-S,fundus-S}/file: half DICOM folders, half PNG folders.
void buildTree(const QString& tree, int n) {
    const QByteArray dicom = dicomTemplate(tree);
    const QByteArray png = pngTemplate();
    const int folders = (n + kFilesPerFolder - 1) / kFilesPerFolder;
    int written = 0;
    for (int f = 0; f < folders; ++f) {
        const bool isDicom = f % 2 == 0;
        const QString folder = QStringLiteral("%1/part-%2/%3-%4")
                                   .arg(tree)
                                   .arg(f * kParts / folders)
                                   .arg(isDicom ? "ct-series" : "fundus")
                                   .arg(f, 5, 10, QLatin1Char('0'));
        QDir().mkpath(folder);
        for (int i = 0; i < kFilesPerFolder && written < n; ++i, ++written) {
            QByteArray bytes = isDicom ? dicom : png;
            if (isDicom) {
                patch(bytes, kSopMark, written);
                patch(bytes, kSeriesMark, f);
            }
            std::ofstream(QFile::encodeName(QStringLiteral("%1/%2%3")
                                                .arg(folder)
                                                .arg(i, 4, 10, QLatin1Char('0'))
                                                .arg(isDicom ? ".dcm" : ".png"))
                              .constData(),
                          std::ios::binary)
                .write(bytes.constData(), bytes.size());
        }
    }
    QFile::remove(tree + "/template.dcm");
    std::ofstream(QFile::encodeName(tree + "/.complete").constData()) << n;
}

double findSeconds(const QString& tree) {
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        QProcess p;
        p.start("/bin/sh", {"-c", QStringLiteral("find '%1' -type f | wc -l").arg(tree)});
        p.waitForFinished(-1);
        best = std::min(best, t.elapsed() / 1000.0);
    }
    return best;
}

// Peak resident memory since the last reset, MB (VmHWM; "5" in clear_refs resets it).
void resetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }
double peakMb() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            double kb = 0;
            status >> kb;
            return kb / 1024.0;
        }
        status.ignore(1 << 12, '\n');
    }
    return 0;
}

struct Run {
    double seconds = 0;
    double peak = 0;
    QJsonObject result;
};

Run registerInto(const QString& ws, const QString& root) {
    ingest::PoolAddOptions o;
    o.paths = {root};
    o.recursive = true;
    std::atomic<bool> never{false};
    ingest::PoolAddJob job(ws, o);
    resetPeak();
    QElapsedTimer t;
    t.start();
    const auto out = job.run(jobs::Progress(&never, {}));
    Run r{t.elapsed() / 1000.0, peakMb(), out.result};
    if (!out.ok()) std::printf("FAILED: %s\n", qPrintable(out.message));
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    int n = 200000;
    QString tree = QDir::tempPath() + "/medq-pool-scan-tree";
    bool reuse = false;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == "--tree" && i + 1 < args.size()) tree = args[++i];
        else if (args[i] == "--reuse") reuse = true;
        else n = args[i].toInt();
    }
    std::ifstream marker(QFile::encodeName(tree + "/.complete").constData());
    int built = 0;
    marker >> built;
    QElapsedTimer t;
    if (!reuse || built != n) {
        QDir(tree).removeRecursively();
        QDir().mkpath(tree);
        t.start();
        buildTree(tree, n);
        std::printf("built %d files in %s (%.1f s)\n", n, qPrintable(tree), t.elapsed() / 1000.0);
    }
    const double find = findSeconds(tree);
    std::printf("find TREE -type f | wc -l: %.3f s (best of 3, warm cache)\n", find);

    QTemporaryDir tmp;
    const QString quarterWs = tmp.filePath("quarter"), wholeWs = tmp.filePath("whole");
    store::Workspace::create(quarterWs);
    store::Workspace::create(wholeWs);
    const Run quarter = registerInto(quarterWs, tree + "/part-0");
    const Run whole = registerInto(wholeWs, tree);
    const Run again = registerInto(wholeWs, tree);
    const auto seen = [](const Run& r) { return r.result.value("seen").toInteger(); };
    std::printf("register %7lld files: %6.2f s  %8.0f files/s  peak RSS %6.1f MB\n", seen(quarter), quarter.seconds,
                seen(quarter) / quarter.seconds, quarter.peak);
    std::printf("register %7lld files: %6.2f s  %8.0f files/s  peak RSS %6.1f MB  (added %lld, not usable %lld)\n",
                seen(whole), whole.seconds, seen(whole) / whole.seconds, whole.peak,
                whole.result.value("added").toInteger(), whole.result.value("problems").toInteger());
    std::printf("rescan   %7lld files: %6.2f s  %8.0f files/s  peak RSS %6.1f MB  (unchanged %lld)\n", seen(again),
                again.seconds, seen(again) / again.seconds, again.peak, again.result.value("unchanged").toInteger());
    std::printf("ratio to find: register %.1fx (goal <= 3x), rescan %.1fx\n", whole.seconds / find,
                again.seconds / find);
    const double dbMb = QFileInfo(wholeWs + "/workspace.sqlite").size() / 1e6 +
                        QFileInfo(wholeWs + "/workspace.sqlite-wal").size() / 1e6;
    std::printf("workspace database: %.1f MB for %lld files (%.0f bytes/file)\n", dbMb, seen(whole),
                dbMb * 1e6 / seen(whole));
    // Nothing held grows with the number of files (the walk streams, writes are batched), so
    // time and database size scale linearly and peak memory stays where it is.
    std::printf("peak RSS: %.1f MB at %lld files, %.1f MB at %lld files\n", quarter.peak, seen(quarter), whole.peak,
                seen(whole));
    std::printf("extrapolated to 1,000,000 files: register %.0f s, rescan %.0f s, database %.0f MB\n",
                whole.seconds * 1e6 / seen(whole), again.seconds * 1e6 / seen(again), dbMb * 1e6 / seen(whole));
    return 0;
}
