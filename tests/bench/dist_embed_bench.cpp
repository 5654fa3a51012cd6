// Distributed pool embedding throughput: the same synthetic pool embedded by `medq pool
// embed` alone (1 process x 1 thread) and as rank 0 with one `medq worker` (2 processes x
// 1 thread each) on 127.0.0.1; prints both rates, the ratio (ideal 2.0 on 2 free cores)
// and whether the two embedding files are byte for byte the same.
// Usage: bench_dist_embed [items=256] [chunk=64]
#include "TwoProcessRun.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <cstdio>

namespace {

QString run(const QStringList& args, int* code = nullptr) {
    QProcess p;
    p.start(QStringLiteral(MEDQ_CLI_PATH), args);
    p.waitForFinished(-1);
    if (code) *code = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

// The images/s that `medq pool embed` printed, or -1.
double rateIn(const QString& out) {
    const auto m = QRegularExpression(QStringLiteral("\\(([0-9.]+) images/s\\)")).match(out);
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

QByteArray contents(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QString items = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("256");
    const QString chunk = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("64");
    QTemporaryDir tmp;
    const QString ws = tmp.filePath(QStringLiteral("ws"));
    int code = 0;
    for (const QStringList& step : {QStringList{"init", ws}, QStringList{"synth", "bench", ws, "--per-modality", "4"},
                                    QStringList{"synth", "pool", ws, "--size", items},
                                    QStringList{"model", "train", ws, "--preset", "tiny", "--steps", "1", "--encoder-epochs", "0",
                                                "--threads", "1"}}) {
        const QString out = run(step, &code);
        if (code != 0) return std::fprintf(stderr, "%s\n", qPrintable(out)), 1;
    }
    const QString emb = ws + QStringLiteral("/blobs/indexes/pool.emb");
    const QString alone = run({"pool", "embed", ws, "--threads", "1", "--chunk", chunk}, &code);
    if (code != 0) return std::fprintf(stderr, "%s\n", qPrintable(alone)), 1;
    const QByteArray reference = contents(emb);
    QFile::remove(emb);
    QFile::remove(ws + QStringLiteral("/blobs/indexes/pool.faiss"));

    const medq::bench::TwoProcessRun group = medq::bench::runWithOneWorker(QStringList{"pool", "embed", ws, "--threads", "1", "--chunk", chunk, "--world-size", "2", "--master", "127.0.0.1:0"});
    if (group.code != 0) return std::fprintf(stderr, "%s\n", qPrintable(group.leadOutput)), 1;
    const QString& leadOut = group.leadOutput;

    const double one = rateIn(alone), two = rateIn(leadOut);
    std::printf("pool of %s synthetic items, tiny preset, chunks of %s\n", qPrintable(items), qPrintable(chunk));
    std::printf("1 process  x 1 thread: %.1f images/s\n", one);
    std::printf("2 processes x 1 thread: %.1f images/s (%.2fx; ideal 2.0 on 2 free cores)\n", two, two / one);
    std::printf("embedding files byte for byte equal: %s\n", contents(emb) == reference ? "yes" : "NO");
    return contents(emb) == reference ? 0 : 1;
}
