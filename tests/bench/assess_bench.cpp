// `medq assess` throughput on 2 cores: N 512x512 CT slices as DICOM and N 1024x768 JPEG
// photographs assessed from their files (read, scale, the overall question and the attribute
// head's severities), with and without descriptions, next to the embedding-only rate of
// the same model on already-preprocessed pixels in the same run (bench_model's figure).
// The model is untrained: its descriptions run to the 96-token limit, the worst case.
// Usage: bench_assess [preset=default] [N=48 per kind] [described=8 per kind] [threads=preset's]
#include "SiteFiles.h"
#include "assess/AssessFilesJob.h"
#include "assess/ImageAssessor.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <cstdio>

using namespace medq;
using bench::rate;

namespace {

// Images per second of `medq assess` on these files, or a negative number on failure.
double assessRate(const QString& checkpoint, const QStringList& files, bool describe) {
    assess::AssessFilesOptions options;
    options.checkpointDir = checkpoint;
    options.paths = files;
    options.assessor.describe = describe;
    int assessed = 0;
    assess::AssessSink sink{[&assessed](const assess::Assessment&) { ++assessed; },
                            [](const assess::AssessProblem& p) {
                                std::fprintf(stderr, "%s: %s\n", qPrintable(p.path), qPrintable(p.reason));
                            }};
    assess::AssessFilesJob job(options, sink);
    std::atomic<bool> never{false};
    const auto outcome = job.run(jobs::Progress(&never, {}));
    if (!outcome.ok() || assessed != files.size()) return -1;
    return double(assessed) / outcome.result.value(QStringLiteral("seconds")).toDouble();
}

QStringList filesOf(const QString& dir, int limit) {
    QStringList out;
    for (const QString& name : QDir(dir).entryList(QDir::Files, QDir::Name).mid(0, limit)) out << QDir(dir).filePath(name);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QString preset = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("default");
    const int n = argc > 2 ? std::max(8, atoi(argv[2])) : 48;
    const int described = argc > 3 ? std::clamp(atoi(argv[3]), 1, n) : 8;
    auto created = bench::untrainedModel(preset, argc > 4 ? std::max(1, atoi(argv[4])) : 0);
    if (!created) return std::fprintf(stderr, "%s\n", qPrintable(created.error().message())), 1;
    const model::QualityModel net = created.take();
    std::printf("model: preset %s, input %d^2, %d threads\n", qPrintable(preset), net.config().imageSize,
                net.config().threads);
    QTemporaryDir tmp;
    const QString checkpoint = tmp.filePath("checkpoint");
    if (Status s = net.save(checkpoint); !s) return std::fprintf(stderr, "%s\n", qPrintable(s.error().message())), 1;

    std::mt19937 rng(5);
    QDir().mkpath(tmp.filePath("ct"));
    QDir().mkpath(tmp.filePath("fundus"));
    for (int i = 0; i < n; ++i) {
        bench::writeCtSlice(tmp.filePath(QStringLiteral("ct/slice%1.dcm").arg(i, 4, 10, QLatin1Char('0'))), i, rng);
        bench::writePhoto(tmp.filePath(QStringLiteral("fundus/photo%1.jpg").arg(i, 4, 10, QLatin1Char('0'))), i, rng);
    }
    const QStringList ct = filesOf(tmp.filePath("ct"), n), photos = filesOf(tmp.filePath("fundus"), n);

    // The embedding figure: the model alone on preprocessed pixels, batches of 64, after a warm-up.
    std::vector<std::vector<float>> pixels;
    QElapsedTimer clock;
    clock.start();
    for (const QString& path : ct + photos) {
        auto read = assess::AssessFilesJob::read(path, std::nullopt, net.config().imageSize, true);
        if (auto* problem = std::get_if<assess::AssessProblem>(&read))
            return std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(problem->reason)), 1;
        pixels.push_back(std::move(std::get<assess::AssessInput>(read).pixels));
        if (pixels.size() == std::size_t(n)) {
            std::printf("reading + preprocessing only, one thread: DICOM %.1f images/s", rate(n, clock));
            clock.restart();
        }
    }
    std::printf(", JPEG %.1f images/s\n", rate(n, clock));
    const auto batchAt = [&](std::size_t start) {
        return std::vector<std::vector<float>>(pixels.begin() + std::ptrdiff_t(start),
                                               pixels.begin() + std::ptrdiff_t(std::min(pixels.size(), start + 64)));
    };
    if (!net.embed(batchAt(0))) return 1;
    // The rate counts the vectors the model returned, not the images handed in: until
    // 2026-12-05 a slice of 32 per 64 halved the work and doubled this figure.
    double embedRate = 0;  // the best of three passes: this machine's speed varies from run to run
    for (int pass = 0; pass < 3; ++pass) {
        clock.restart();
        std::size_t embedded = 0;
        for (std::size_t start = 0; start < pixels.size(); start += 64) {
            auto vectors = net.embed(batchAt(start));
            if (!vectors) return 1;
            embedded += vectors.value().size();
        }
        if (embedded != pixels.size()) return std::fprintf(stderr, "embedded %zu of %zu\n", embedded, pixels.size()), 1;
        embedRate = std::max(embedRate, rate(embedded, clock));
    }
    std::printf("embedding-only (preprocessed pixels, 64 a call, the model batches 32, best of 3): %.1f images/s\n", embedRate);

    // The battery alone on those pixels (no reading), chunks of 16 as the job runs it.
    {
        assess::AssessorOptions options;
        options.describe = false;
        const assess::ImageAssessor assessor(net, options);
        const auto& kinds = std::vector<Modality>{Modality::CT, Modality::Fundus};
        double batteryRate = 0;
        for (int pass = 0; pass < 3; ++pass) {
            clock.restart();
            for (std::size_t start = 0; start < pixels.size(); start += 16) {
                std::vector<assess::AssessInput> inputs;
                for (std::size_t i = start; i < std::min(pixels.size(), start + 16); ++i)
                    inputs.push_back({QString(), kinds[i < std::size_t(n) ? 0 : 1], 1, 1, 1, pixels[i]});
                if (!assessor.assess(std::move(inputs))) return 1;
            }
            batteryRate = std::max(batteryRate, rate(pixels.size(), clock));
        }
        std::printf("assessment battery only (preprocessed pixels): %.1f images/s\n", batteryRate);
    }
    clock.restart();
    if (!model::QualityModel::load(checkpoint)) return 1;
    std::printf("loading the checkpoint: %.2f s\n", clock.nsecsElapsed() / 1e9);

    struct Kind {
        const char* name;
        QStringList files;
    };
    for (const Kind& kind : {Kind{"DICOM 512^2 CT slices", ct}, Kind{"JPEG 1024x768 photographs", photos}}) {
        const double plain = std::max(assessRate(checkpoint, kind.files, false), assessRate(checkpoint, kind.files, false));
        const double withText = assessRate(checkpoint, kind.files.mid(0, described), true);
        if (plain < 0 || withText < 0) return std::fprintf(stderr, "assessment failed\n"), 1;
        std::printf("assess %s, %lld files: %.1f images/s without descriptions = %.0f%% of embedding-only "
                    "(goal >= 25%%); %.2f images/s with descriptions (%d files)\n",
                    kind.name, static_cast<long long>(kind.files.size()), plain, 100.0 * plain / embedRate, withText,
                    described);
    }
    return 0;
}
