// Model throughput on this machine: BLAS GEMM rate, training samples/s, perception and
// description inference items/s, embedding images/s and peak RSS, for one model preset.
// Usage: bench_model [preset=default] [trainSteps=30] [threads=preset's]
#include "model/ComputeDevice.h"
#include "model/ImagePreprocessor.h"
#include "model/QualityModel.h"
#include "train/Trainer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <cstdio>
#include <random>

using namespace medq;
using namespace medq::model;
using namespace medq::train;

namespace {

// Peak resident set size in MiB (VmHWM of /proc/self/status).
double peakRssMiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return -1;
    const QRegularExpression hwm(QStringLiteral("VmHWM:\\s+(\\d+) kB"));
    const auto match = hwm.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toDouble() / 1024.0 : -1;
}

// A textured grey image of the preset's size: noise over a gradient, varied by seed.
std::vector<float> benchImage(int size, std::mt19937& rng) {
    Image image(size + 17, size);  // not square: exercises the letterbox path
    image.windows.push_back({QStringLiteral("unit"), 0.5, 1.0});
    std::uniform_real_distribution<float> noise(0.0f, 0.3f);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) image.at(x, y) = float(x) / image.width * 0.7f + noise(rng);
    return ImagePreprocessor(size).process(image).take();
}

// Made-up findings vocabulary so the tokenizer reaches a realistic size (~2000 pieces).
QString pseudoWord(std::mt19937& rng) {
    static const QStringList syllables{"ar", "te", "fa", "ct", "no", "is", "ble", "ur", "mo", "tion", "ri",
                                       "ng", "ghost", "spi", "ke", "blur", "con", "tra", "st", "haze"};
    QString word;
    const int n = 2 + int(rng() % 3);
    for (int i = 0; i < n; ++i) word += syllables[int(rng() % syllables.size())];
    return word;
}

std::vector<TrainingExample> benchExamples(int count, int size, std::mt19937& rng) {
    std::vector<TrainingExample> examples;
    for (int i = 0; i < count; ++i) {
        VisualInput image{benchImage(size, rng), {}};
        if (i % 4 == 3) {  // a quarter descriptions of ~40 words
            QStringList words;
            for (int w = 0; w < 36; ++w) words << pseudoWord(rng);
            examples.push_back(TrainingExample::description(
                image, words.join(' ') + QStringLiteral(". Overall, the quality of this image is usable.")));
        } else {
            examples.push_back(TrainingExample::perception(
                image, QStringLiteral("Is there %1 in this image?").arg(pseudoWord(rng)),
                {QStringLiteral("Yes"), QStringLiteral("No")}, int(rng() % 2)));
        }
    }
    return examples;
}

}  // namespace

int main(int argc, char** argv) {
    const QString preset = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("default");
    const int trainSteps = argc > 2 ? std::max(2, atoi(argv[2])) : 30;
    auto config = ModelConfig::fromPreset(preset);
    if (!config) {
        std::fprintf(stderr, "%s\n", qPrintable(config.error().message()));
        return 1;
    }
    if (argc > 3) config.value().threads = std::max(1, atoi(argv[3]));
    setComputeThreads(config.value().threads);
    const double gflops = measureMatmulGflops(1024, 5);
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    const QString load = loadavg.open(QIODevice::ReadOnly) ? QString::fromLatin1(loadavg.readLine()).section(' ', 0, 2) : QString();
    // Other processes on the same cores make OpenMP threads spin at barriers: with 2 threads
    // on 2 busy cores throughput can fall ~10x, so the load is part of every figure.
    std::printf("device: %s, load average %s\n", qPrintable(computeDeviceName()), qPrintable(load));
    std::printf("BLAS: torch::mm 1024^2 fp32 = %.1f GFLOP/s%s\n", gflops,
                gflops < 50 ? "  WARNING: reference BLAS? install libopenblas0-openmp" : "");

    std::mt19937 rng(1234);
    const int size = config.value().imageSize;
    const auto examples = benchExamples(256, size, rng);
    QStringList corpus = tokenizerCorpus(examples);
    for (int i = 0; i < 3000; ++i) corpus << pseudoWord(rng) + QLatin1Char(' ') + pseudoWord(rng);
    auto tokenizer = Tokenizer::train(corpus, config.value().vocabSize);
    if (!tokenizer) {
        std::fprintf(stderr, "%s\n", qPrintable(tokenizer.error().message()));
        return 1;
    }
    auto created = QualityModel::create(config.value(), tokenizer.value());
    if (!created) {
        std::fprintf(stderr, "%s\n", qPrintable(created.error().message()));
        return 1;
    }
    QualityModel model = created.take();
    std::printf("model: preset %s, %s, %.2f M parameters\n", qPrintable(preset), qPrintable(model.config().summary()),
                double(model.parameterCount()) / 1e6);

    // Training: batches of 16, a quarter of the items descriptions (teacher-forced).
    TrainConfig train;
    train.maxSteps = trainSteps;
    train.batchSize = 16;
    train.warmupSteps = 5;
    train.threads = model.config().threads;
    const jobs::Progress quiet(nullptr, nullptr);
    auto report = Trainer(model, train).train(examples, {}, QString(), quiet);
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error().message()));
        return 1;
    }
    std::printf("train: %.1f samples/s (batch 16, %d steps, 3/4 perception + 1/4 description, loss %.2f -> %.2f)\n",
                report.value().samplesPerSecond, trainSteps, report.value().losses.front(), report.value().losses.back());

    std::vector<PerceptionQuery> queries;
    std::vector<VisualInput> images;
    std::vector<std::vector<float>> pixels;
    for (const TrainingExample& e : examples) {
        queries.push_back({e.image, QStringLiteral("Is there noise in this image?"), {QStringLiteral("Yes"), QStringLiteral("No")}});
        pixels.push_back(e.image.first);
        if (images.size() < 32) images.push_back(e.image);
    }
    QElapsedTimer clock;
    clock.start();
    if (!model.answer(queries)) return 1;
    std::printf("perception: %.1f items/s (%zu items, batch 32)\n", queries.size() / (clock.nsecsElapsed() / 1e9), queries.size());

    GenerationOptions generation;
    generation.mode = GenerationOptions::Mode::Sample;
    generation.maxTokens = 48;
    generation.seed = 3;
    clock.restart();
    auto described = model.describe(images, generation);
    if (!described) return 1;
    std::size_t tokens = 0;
    for (const auto& d : described.value()) tokens += d.tokens.size() + (d.stoppedAtEos ? 1 : 0);
    const double seconds = clock.nsecsElapsed() / 1e9;
    std::printf("description: %.1f items/s, %.0f tokens/s (%zu images, up to %d tokens, KV cache)\n",
                images.size() / seconds, tokens / seconds, images.size(), generation.maxTokens);

    clock.restart();
    if (!model.embed(pixels)) return 1;
    std::printf("embedding: %.1f images/s (dimension %d)\n", pixels.size() / (clock.nsecsElapsed() / 1e9),
                model.embeddingDimension());
    std::printf("peak RSS: %.0f MiB\n", peakRssMiB());
    return 0;
}
