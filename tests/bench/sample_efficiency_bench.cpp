// Sample efficiency of the loop: from the same base workspace (benchmark, pool, base
// checkpoint), run the engine strategy, random sampling and uncertainty sampling with the
// same annotation budget per round, over several seeds, each on its own copy. Prints the
// test score after every round, the annotations each strategy needs to reach a target
// score (linear interpolation between rounds), and the ratio random / engine. With
// `heldOutLimit` in the options it does all of that twice: on the evaluation sample (whose
// failures the engine mines) and on held-out test images no strategy ever looked at.
//
//   bench_sample_efficiency --workspace BASE [--rounds 3] [--budget 60] [--seeds 2]
//       [--strategies engine,random,uncertainty] [--options round.json] [--target S] [--out DIR [--reuse]]
#include "learn/CheckpointRegistry.h"
#include "loop/PoolEmbedder.h"
#include "loop/RoundMetrics.h"
#include "loop/RoundRunner.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <atomic>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>

using namespace medq;

namespace {

bool copyTree(const QString& from, const QString& to) {
    if (!QDir().mkpath(to)) return false;
    for (const QFileInfo& e : QDir(from).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = to + QLatin1Char('/') + e.fileName();
        if (e.isDir() ? !copyTree(e.filePath(), target) : !QFile::copy(e.filePath(), target)) return false;
    }
    return true;
}

// The metrics of rounds 1..rounds of a complete run in `dir` made from the base checkpoint
// with these very settings; nothing when the run is missing, unfinished or made otherwise.
std::optional<std::vector<loop::RoundMetrics>> completedRun(const QString& dir, const QString& baseCheckpoint,
                                                            const loop::RoundOptions& options, int rounds) {
    if (!store::Workspace::exists(dir)) return std::nullopt;
    auto ws = store::Workspace::open(dir);
    if (!ws) return std::nullopt;
    std::vector<loop::RoundMetrics> metrics;
    for (int r = 1; r <= rounds; ++r) {
        const auto round = ws.value()->rounds().byNumber(r);
        if (!round || round->status != RunStatus::Done) return std::nullopt;
        metrics.push_back(loop::RoundMetrics::fromJson(round->metrics));
        if (metrics.back().options != options.toJson()) return std::nullopt;
    }
    if (metrics.empty() || metrics.front().checkpointBefore != baseCheckpoint) return std::nullopt;
    return metrics;
}

using Curve = std::vector<std::pair<double, double>>;  // (annotations, score)
using Curves = std::map<QString, std::vector<Curve>>;   // strategy -> one curve per seed

// Annotations needed to reach `target` on the curve; -1 if never.
double annotationsToReach(const Curve& curve, double target) {
    for (std::size_t i = 0; i < curve.size(); ++i) {
        if (curve[i].second < target) continue;
        if (i == 0) return curve[0].first;
        const auto [x0, y0] = curve[i - 1];
        const auto [x1, y1] = curve[i];
        return x0 + (x1 - x0) * (target - y0) / std::max(1e-12, y1 - y0);
    }
    return -1;
}

// Mean curves, annotations to reach the target (default: random's mean final score) and
// the ratio random / engine.
void report(const char* title, const Curves& curves, const std::map<QString, std::vector<double>>& seconds,
            int rounds, int budget, int seeds, double target) {
    std::map<QString, Curve> mean;
    for (const auto& [strategy, runs] : curves) {
        Curve m(runs.front().size(), {0.0, 0.0});
        for (const auto& run : runs)
            for (std::size_t i = 0; i < run.size(); ++i) m[i] = {run[i].first, m[i].second + run[i].second / double(runs.size())};
        mean[strategy] = m;
    }
    if (target < 0) target = mean.count("random") ? mean["random"].back().second : mean.begin()->second.back().second;

    std::printf("\n== %s ==\nmean test score after each round (round 0 = base checkpoint), %d seeds, budget %d per round\n",
                title, seeds, budget);
    for (const auto& [strategy, m] : mean) {
        std::printf("%-12s", qPrintable(strategy));
        for (const auto& [x, y] : m) std::printf(" %.4f", y);
        double s = 0;
        for (double v : seconds.at(strategy)) s += v / double(seconds.at(strategy).size());
        std::printf("   human-s per run %.0f\n", s);
    }
    std::printf("annotations to reach score %.4f:\n", target);
    std::map<QString, double> needed;
    for (const auto& [strategy, m] : mean) {
        needed[strategy] = annotationsToReach(m, target);
        if (needed[strategy] < 0) std::printf("%-12s not reached within %d\n", qPrintable(strategy), rounds * budget);
        else std::printf("%-12s %.0f\n", qPrintable(strategy), needed[strategy]);
    }
    if (needed.count("engine") && needed.count("random")) {
        const double base = mean.begin()->second.front().second;  // round 0: the same checkpoint for all
        if (needed["engine"] > 0 && needed["random"] > 0)
            std::printf("ratio random / engine: %.2f\n", needed["random"] / needed["engine"]);
        else if (target <= base)
            std::printf("ratio random / engine: undefined (the target %.4f is not above the base score %.4f: "
                        "no annotation was needed)\n", target, base);
        else
            std::printf("ratio random / engine: undefined (%s did not reach the target)\n",
                        needed["engine"] < 0 ? "engine" : "random");
    }
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({"workspace", "Base workspace (benchmark, pool, current checkpoint).", "DIR"});
    p.addOption({"rounds", "Rounds per run.", "R", "3"});
    p.addOption({"budget", "Annotations per round.", "B", "60"});
    p.addOption({"seeds", "Seeds per strategy.", "S", "2"});
    p.addOption({"strategies", "Comma-separated strategies.", "LIST", "engine,random,uncertainty"});
    p.addOption({"options", "Round settings JSON applied to every run.", "FILE"});
    p.addOption({"target", "Target test score (default: the mean final score of random sampling).", "S"});
    p.addOption({"out", "Keep the run workspaces here (default: a temporary folder).", "DIR"});
    p.addOption({"reuse", "Read runs already complete in --out with the same settings instead of running them again."});
    p.process(app);
    const QString base = p.value("workspace");
    if (base.isEmpty() || !store::Workspace::exists(base)) {
        std::fprintf(stderr, "bench_sample_efficiency: --workspace must name a workspace with a benchmark, a pool and a checkpoint\n");
        return 1;
    }
    QJsonObject json;
    if (p.isSet("options")) {
        QFile f(p.value("options"));
        if (!f.open(QIODevice::ReadOnly)) return std::fprintf(stderr, "cannot read %s\n", qPrintable(f.fileName())), 1;
        json = QJsonDocument::fromJson(f.readAll()).object();
    }
    // Embed and index the pool once in the base, so every run starts from the same index.
    QString baseCheckpoint;
    {
        auto ws = store::Workspace::open(base);
        if (!ws) return std::fprintf(stderr, "%s\n", qPrintable(ws.error().message())), 1;
        learn::CheckpointRegistry registry(*ws.value());
        baseCheckpoint = registry.current();
        const QString embedder = ws.value()->settings().getOrInsert(QStringLiteral("loop.embedder"), registry.current());
        auto net = model::QualityModel::load(registry.resolve(embedder));
        if (!net) return std::fprintf(stderr, "%s\n", qPrintable(net.error().message())), 1;
        loop::PoolEmbedder pool(*ws.value(), net.value(), embedder);
        std::atomic<bool> never{false};
        QElapsedTimer clock;
        clock.start();
        auto info = pool.update(json.value("poolEmbedLimit").toInt(3000), jobs::Progress(&never, {}));
        if (!info) return std::fprintf(stderr, "%s\n", qPrintable(info.error().message())), 1;
        std::printf("pool index: %s (%.0f s)\n", QJsonDocument(info.value()).toJson(QJsonDocument::Compact).constData(),
                    clock.elapsed() / 1000.0);
    }
    QTemporaryDir tmp;
    const QString out = p.isSet("out") ? p.value("out") : tmp.path();
    const int rounds = p.value("rounds").toInt(), budget = p.value("budget").toInt(), seeds = p.value("seeds").toInt();

    Curves curves, heldOut;
    std::map<QString, std::vector<double>> seconds;
    for (const QString& strategy : p.value("strategies").split(',')) {
        for (int seed = 1; seed <= seeds; ++seed) {
            const QString dir = QStringLiteral("%1/%2-seed%3").arg(out, strategy).arg(seed);
            QJsonObject o = json;
            o.insert("strategy", strategy);
            o.insert("budget", budget);
            o.insert("seed", seed);
            auto options = loop::RoundOptions::fromJson(o);
            if (!options) return std::fprintf(stderr, "%s\n", qPrintable(options.error().message())), 1;
            const auto reused = p.isSet("reuse") ? completedRun(dir, baseCheckpoint, options.value(), rounds) : std::nullopt;
            if (!reused) {
                QDir(dir).removeRecursively();
                if (!copyTree(base, dir)) return std::fprintf(stderr, "cannot copy %s\n", qPrintable(base)), 1;
            }
            Curve curve, heldOutCurve;
            double humanSeconds = 0;
            QElapsedTimer clock;
            clock.start();
            for (int r = 1; r <= rounds; ++r) {
                loop::RoundMetrics m;
                if (reused) {
                    m = (*reused)[std::size_t(r - 1)];
                } else {
                    std::atomic<bool> never{false};
                    loop::LoopRoundJob job(dir, options.value());
                    const auto outcome = job.run(jobs::Progress(&never, {}));
                    if (!outcome.ok()) return std::fprintf(stderr, "%s seed %d round %d: %s\n", qPrintable(strategy), seed, r, qPrintable(outcome.message)), 1;
                    m = loop::RoundMetrics::fromJson(outcome.result.value("metrics").toObject());
                }
                const loop::EvaluationSummary& before = m.evaluation;
                const loop::EvaluationSummary& after = m.assessment;
                if (r == 1) curve.emplace_back(0.0, before.score());
                curve.emplace_back(double(r * budget), after.score());
                if (after.heldOut().present()) {
                    if (r == 1) heldOutCurve.emplace_back(0.0, before.heldOut().score());
                    heldOutCurve.emplace_back(double(r * budget), after.heldOut().score());
                }
                const double roundSeconds = m.annotation ? m.annotation->humanSeconds : 0.0;
                humanSeconds += roundSeconds;
                const QString heldOutText = heldOutCurve.empty() ? QString() : QStringLiteral(", held-out %1").arg(heldOutCurve.back().second, 0, 'f', 4);
                std::printf("%-12s seed %d round %d: score %.4f%s (%s), %.0f human-s, %s\n", qPrintable(strategy), seed,
                            r, curve.back().second, qPrintable(heldOutText),
                            qPrintable(m.finetune ? key(m.finetune->decision) : QString()), roundSeconds,
                            reused ? "reused"
                                   : qPrintable(QStringLiteral("%1 s").arg(clock.elapsed() / 1000.0, 0, 'f', 0)));
                std::fflush(stdout);
            }
            curves[strategy].push_back(curve);
            if (!heldOutCurve.empty()) heldOut[strategy].push_back(heldOutCurve);
            seconds[strategy].push_back(humanSeconds);
        }
    }

    report("evaluation sample (mined for failures by the engine)", curves, seconds, rounds, budget, seeds,
           p.isSet("target") ? p.value("target").toDouble() : -1);
    if (!heldOut.empty())
        report("held-out test images (never mined)", heldOut, seconds, rounds, budget, seeds, -1);
    return 0;
}
