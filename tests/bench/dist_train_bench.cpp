// Data-parallel training throughput: the same fine-tuning run by `medq model train` alone
// (1 process x 1 thread) and as rank 0 with one `medq worker` (2 processes x 1 thread) on
// 127.0.0.1. Prints samples/s of both, the ratio (ideal 2.0 on 2 free cores), the share of
// the steps' time spent summing gradients, and a model of N machines built from the
// measured compute per example and the model's gradient bytes.
// Usage: bench_dist_train [steps=40] [preset=default] [batch=32]
#include "model/QualityModel.h"

#include "TwoProcessRun.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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

QJsonObject trainingOf(const QString& ws, const QString& name) {
    QFile f(ws + QStringLiteral("/blobs/checkpoints/") + name + QStringLiteral("/manifest.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object().value("metrics").toObject().value("training").toObject();
}

// Ring all-reduce of `bytes` over n machines: 2(n-1)/n of the bytes cross each link, and
// 2(n-1) message latencies.
double ringSeconds(double bytes, int n, double bytesPerSecond, double latency) {
    return n <= 1 ? 0.0 : 2.0 * (n - 1) / n * bytes / bytesPerSecond + 2.0 * (n - 1) * latency;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QString steps = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("40");
    const QString preset = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("default");
    const QString batch = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral("32");
    QTemporaryDir tmp;
    const QString ws = tmp.filePath(QStringLiteral("ws"));
    int code = 0;
    for (const QStringList& step : {QStringList{"init", ws}, QStringList{"synth", "bench", ws, "--per-modality", "8"},
                                    // The pixel network, whose steps docs/scale-out.md's figures time.
                                    QStringList{"model", "train", ws, "--preset", preset, "--steps", "1", "--encoder-epochs",
                                                "0", "--no-source-measures", "--threads", "1", "--name", "base"}}) {
        const QString out = run(step, &code);
        if (code != 0) return std::fprintf(stderr, "%s\n", qPrintable(out)), 1;
    }
    const QStringList fineTune{"model", "train", ws, "--from", "base", "--steps", steps, "--batch-size", batch, "--threads", "1"};
    const QString alone = run(fineTune + QStringList{"--name", "one"}, &code);
    if (code != 0) return std::fprintf(stderr, "%s\n", qPrintable(alone)), 1;

    const medq::bench::TwoProcessRun group = medq::bench::runWithOneWorker(fineTune + QStringList{"--name", "two", "--world-size", "2", "--master", "127.0.0.1:0"});
    if (group.code != 0) return std::fprintf(stderr, "%s\n", qPrintable(group.leadOutput)), 1;

    const QJsonObject one = trainingOf(ws, QStringLiteral("one")), two = trainingOf(ws, QStringLiteral("two"));
    const auto model = medq::model::QualityModel::load(ws + QStringLiteral("/blobs/checkpoints/one"));
    if (!model) return std::fprintf(stderr, "%s\n", qPrintable(model.error().message())), 1;
    const double gradientBytes = 4.0 * double(model.value().parameterCount());
    const double rateOne = one.value("samplesPerSecond").toDouble(), rateTwo = two.value("samplesPerSecond").toDouble();
    const int stepsDone = one.value("steps").toInt();
    const double stepOne = one.value("trainingSeconds").toDouble() / std::max(1, stepsDone);
    const double sumShare = two.value("gradientSumSeconds").toDouble() / std::max(1e-9, two.value("trainingSeconds").toDouble());
    const double sumPerStep = two.value("gradientSumSeconds").toDouble() / std::max(1, two.value("steps").toInt());

    std::printf("fine-tuning, %s preset (%.1f M parameters, %.1f MB of gradients), %d steps of %s examples\n",
                qPrintable(preset), model.value().parameterCount() / 1e6, gradientBytes / 1e6, stepsDone, qPrintable(batch));
    std::printf("1 process   x 1 thread: %.2f samples/s (%.3f s per step)\n", rateOne, stepOne);
    std::printf("2 processes x 1 thread: %.2f samples/s (%.2fx; ideal 2.0 on 2 free cores)\n", rateTwo, rateTwo / rateOne);
    std::printf("  summing gradients: %.1f%% of the steps' time, %.3f s per step (all-reduce and waiting for the other rank)\n",
                100 * sumShare, sumPerStep);
    // N machines, each with the same share of examples per step as one process has here (the
    // global batch grows with N): step time = compute + ring all-reduce of the gradients.
    std::printf("model of N machines like this one (each %s examples per step, compute %.3f s per step):\n", qPrintable(batch), stepOne);
    for (const auto& [name, bytesPerSecond] : {std::pair{"1 Gbit/s", 125e6}, std::pair{"10 Gbit/s", 1.25e9}}) {
        std::printf("  %-9s", name);
        for (int n : {2, 4, 8}) {
            const double stepN = stepOne + ringSeconds(gradientBytes, n, bytesPerSecond, 50e-6);
            std::printf("  N=%d: %.2fx (%.0f%% in all-reduce)", n, n * stepOne / stepN, 100 * (stepN - stepOne) / stepN);
        }
        std::printf("\n");
    }
    return 0;
}
