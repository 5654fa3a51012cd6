// Sample efficiency of the loop: from the same base workspace (benchmark, pool, base
// checkpoint), run each arm (a strategy, with the quality gate on or, as "<strategy>-nogate",
// off) over its own seeds, each run on its own copy, with the same annotation budget per
// round. Prints the test score after every round; per arm the mean curve with a 95% band
// over seeds; the annotations each arm needs to reach two targets (random's final mean
// score, and a higher one) and the ratio random / arm with a bootstrap 95% interval over
// seeds (loop/SampleEfficiency.h). With `heldOutLimit` in the options it does all of that
// twice: on the evaluation sample (whose failures the engine mines) and on held-out test
// images no strategy ever looked at. Every round of every run goes to --csv; --plot draws
// the curves. For engine runs it prints, and writes to --retrieval-csv, each round's
// retrieval diagnosis (loop/RetrievalDiagnostics.h): prototype purity and the retrieval
// precision of their failure modes against chance.
//
// The set is built up over several sittings: --reuse keeps the rounds a run has finished
// (made from the same base checkpoint and settings) and continues it, and refuses a run
// folder made otherwise rather than delete hours of rounds; --stop-after-minutes starts no
// new round after that long and reports what is there. Runs go seed by seed across the
// arms, so a set stopped early stays balanced. Per arm it also prints what the fine-tune
// gate accepted and rolled back, in answers and descriptions (loop/FinetuneAnatomy.h).
//
//   bench_sample_efficiency --workspace BASE [--rounds 6] [--budget 170]
//       [--arms engine:5,random:5,uncertainty:3,coreset:3] [--options round.json]
//       [--target S] [--target2 S] [--out DIR [--reuse]] [--csv FILE] [--plot FILE.png]
//       [--stop-after-minutes M] [--retrieval-csv FILE]
#include "LearningCurvePlot.h"
#include "learn/CheckpointRegistry.h"
#include "loop/FinetuneAnatomy.h"
#include "jobs/WorkspaceJobLock.h"
#include "loop/PoolEmbedder.h"
#include "loop/RetrievalDiagnostics.h"
#include "loop/RoundMetrics.h"
#include "loop/RoundRunner.h"
#include "loop/StrategyComparison.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTextStream>
#include <atomic>
#include <cmath>
#include <cstdio>
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

struct Arm {
    QString name;  // strategy, with "-nogate" when the quality gate is off
    int seeds = 0;
};

std::vector<Arm> parseArms(const QString& text, int defaultSeeds) {
    std::vector<Arm> arms;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        const QStringList bits = part.trimmed().split(':');
        arms.push_back({bits[0], bits.size() > 1 ? bits[1].toInt() : defaultSeeds});
    }
    return arms;
}

// The rounds a run in `dir` has finished, made from the base checkpoint with these very
// settings (stored settings are read with today's defaults for the fields they lack, so a
// new option left at its default does not set a run apart); an error naming what differs
// when the run was made otherwise. A run's rounds follow the base's own `baseRounds`
// finished rounds; no workspace there, no rounds.
Result<std::vector<loop::RoundMetrics>> finishedRounds(const QString& dir, const QString& baseCheckpoint,
                                                       const loop::RoundOptions& options, int baseRounds, int rounds) {
    if (!store::Workspace::exists(dir)) return std::vector<loop::RoundMetrics>{};
    auto ws = store::Workspace::open(dir);
    if (!ws) return ws.error();
    const QJsonObject wanted = options.toJson();
    auto differs = [&](const QJsonObject& stored, int round) -> std::optional<Error> {
        auto read = loop::RoundOptions::fromJson(stored);
        if (!read) return Error{dir, QStringLiteral("round %1's settings cannot be read: %2").arg(round).arg(read.error().message())};
        const QJsonObject made = read.value().toJson();
        QStringList fields;
        for (auto it = wanted.begin(); it != wanted.end(); ++it)
            if (made.value(it.key()) != it.value()) fields << it.key();
        if (fields.isEmpty()) return std::nullopt;
        return Error{dir, QStringLiteral("round %1 was made with other settings (%2)").arg(round).arg(fields.join(", "))};
    };
    std::vector<loop::RoundMetrics> metrics;
    for (int r = 1; r <= rounds; ++r) {
        const auto round = ws.value()->rounds().byNumber(baseRounds + r);
        if (!round) break;
        const loop::RoundMetrics m = loop::RoundMetrics::fromJson(round->metrics);
        // An interrupted round resumes under its stored settings: they must be these too.
        if (auto e = differs(m.options, r)) return *e;
        if (round->status != RunStatus::Done) break;
        metrics.push_back(m);
    }
    if (!metrics.empty() && metrics.front().checkpointBefore != baseCheckpoint)
        return Error{dir, QStringLiteral("its first round started from %1, not %2").arg(metrics.front().checkpointBefore, baseCheckpoint)};
    return metrics;
}

double machineSeconds(const loop::RoundMetrics& m) {
    double s = 0;
    for (const auto& [step, seconds] : m.stepSeconds) s += seconds;
    return s;
}

QString ratioText(const loop::RatioEstimate& e) {
    auto bound = [](double v) { return std::isinf(v) ? QStringLiteral("inf") : QString::number(v, 'f', 2); };
    QString point = e.ratio ? QString::number(*e.ratio, 'f', 2) : QStringLiteral("undefined");
    if (!e.ratio && !e.referenceNeeds) point += QStringLiteral(" (the reference's mean misses it)");
    if (!e.ratio && !e.strategyNeeds) point += QStringLiteral(" (the arm's mean misses it)");
    return QStringLiteral("%1, 95% [%2, %3] over %4 resamples (reference missed in %5, the arm in %6)")
        .arg(point, bound(e.low), bound(e.high))
        .arg(e.resamples)
        .arg(e.referenceMissed)
        .arg(e.strategyMissed);
}

// Prints one score's comparison and returns its plot panel.
bench::CurvePanel report(const char* title, const loop::StrategyComparison& comparison, loop::StrategyComparison::Score score,
                         std::optional<double> target, std::optional<double> target2) {
    bench::CurvePanel panel;
    panel.title = QString::fromLatin1(title);
    const auto s = comparison.summarise(score, target, target2);
    if (s.empty()) return panel;
    std::printf("\n== %s ==\nmean score after each round (round 0 = base checkpoint) [95%% band], complete runs only\n", title);
    for (const auto& arm : s.arms) {
        panel.curves[arm.name] = arm.mean;
        std::printf("%-20s %d runs, %.0f human-s and %.1f machine-min a run:", qPrintable(arm.name), arm.runs,
                    arm.humanSeconds, arm.machineSeconds / 60.0);
        for (const auto& p : arm.mean) std::printf(" %.4f [%.4f, %.4f]", p.mean, p.low, p.high);
        std::printf("\n");
    }
    for (std::size_t t = 0; t < 2; ++t) {
        const QString name = QStringLiteral("target %1").arg(t + 1);
        panel.targets.emplace_back(name, s.targets[t]);
        std::printf("%s = %.4f (%s; base %.4f): annotations to reach it on the mean curve, ratio reference / arm\n",
                    qPrintable(name), s.targets[t], qPrintable(s.targetBasis[t]), s.baseScore);
        for (const auto& arm : s.arms) {
            std::printf("  %-20s %s", qPrintable(arm.name),
                        arm.needs[t] ? qPrintable(QString::number(*arm.needs[t], 'f', 0)) : "not reached");
            if (arm.ratios[t]) {
                std::printf("   %s / arm %s", qPrintable(arm.reference), qPrintable(ratioText(*arm.ratios[t])));
                if (!arm.ratios[t]->referenceNeeds && arm.needs[t] && *arm.needs[t] > 0)  // censored: at least this
                    std::printf(", at least %.2f", arm.mean.back().annotations / *arm.needs[t]);
            }
            else if (arm.name != arm.reference && s.targets[t] <= s.baseScore) std::printf("   no ratio: the target is not above the base score");
            std::printf("\n");
        }
    }
    return panel;
}

}  // namespace

int main(int argc, char** argv) {
    // The plot draws text: a GUI application, on the offscreen platform unless one is set.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({"workspace", "Base workspace (benchmark, pool, current checkpoint).", "DIR"});
    p.addOption({"rounds", "Rounds per run.", "R", "6"});
    p.addOption({"budget", "Annotations per round.", "B", "170"});
    p.addOption({"seeds", "Seeds of an arm that names none.", "S", "3"});
    p.addOption({"arms", "Comma-separated arms: a strategy (engine, random, uncertainty, coreset), '-nogate' for the "
                         "quality gate off, ':N' for N seeds.",
                 "LIST", "engine:5,random:5,uncertainty:3,coreset:3"});
    p.addOption({"strategies", "Same as --arms (kept for older scripts).", "LIST"});
    p.addOption({"options", "Round settings JSON applied to every run.", "FILE"});
    p.addOption({"target", "First target score (default: random's mean final score).", "S"});
    p.addOption({"target2", "Second target score (default: the base score plus 1.5 times random's mean gain).", "S"});
    p.addOption({"out", "Keep the run workspaces here (default: a temporary folder).", "DIR"});
    p.addOption({"reuse", "Keep the rounds runs in --out have finished with the same settings and continue them."});
    p.addOption({"csv", "Write every round of every run here.", "FILE"});
    p.addOption({"plot", "Draw the mean curves with their bands into this PNG.", "FILE"});
    p.addOption({"stop-after-minutes", "Start no round after this many minutes; report what is complete.", "M"});
    p.addOption({"retrieval-csv", "Write each engine round's prototype purity and retrieval precision here.", "FILE"});
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
    // Embed and index the pool once in the base, so every run starts from the same index. Under
    // the workspace's job lock, waited for: arms run as separate processes on one base embed
    // and save its index one after the other.
    QString baseCheckpoint;
    int baseRounds = 0;  // finished rounds the base already has
    loop::AttributeShares poolShares;  // what a uniform draw finds, for the retrieval diagnosis
    {
        std::atomic<bool> neverCancelled{false};
        const auto baseLock = jobs::WorkspaceJobLock::acquireWaiting(
            base, QStringLiteral("bench_sample_efficiency: the base's pool index"), jobs::Progress(&neverCancelled, {}));
        if (!baseLock) return std::fprintf(stderr, "%s\n", qPrintable(baseLock.error().message())), 1;
        auto ws = store::Workspace::open(base);
        if (!ws) return std::fprintf(stderr, "%s\n", qPrintable(ws.error().message())), 1;
        learn::CheckpointRegistry registry(*ws.value());
        baseCheckpoint = registry.current();
        for (const auto& round : ws.value()->rounds().all()) {
            if (round.status != RunStatus::Done)
                return std::fprintf(stderr, "bench_sample_efficiency: round %d of %s is not finished; every run would "
                                            "continue it instead of starting its own\n", round.number, qPrintable(base)), 1;
            baseRounds = round.number;
        }
        const QString embedder = ws.value()->settings().getOrInsert(QStringLiteral("loop.embedder"), registry.current());
        auto net = model::QualityModel::load(registry.resolve(embedder));
        if (!net) return std::fprintf(stderr, "%s\n", qPrintable(net.error().message())), 1;
        loop::PoolEmbedder pool(*ws.value(), net.value(), embedder);
        std::atomic<bool> never{false};
        QElapsedTimer clock;
        clock.start();
        auto info = pool.update(json.value("poolEmbedLimit").toInt(3000), jobs::Progress(&never, {}));
        if (!info) return std::fprintf(stderr, "%s\n", qPrintable(info.error().message())), 1;
        poolShares = loop::poolAttributeShares(*ws.value());
        std::printf("pool index: %s (%.0f s)\n", QJsonDocument(info.value()).toJson(QJsonDocument::Compact).constData(),
                    clock.elapsed() / 1000.0);
    }
    QTemporaryDir tmp;
    const QString out = p.isSet("out") ? p.value("out") : tmp.path();
    const int rounds = p.value("rounds").toInt(), budget = p.value("budget").toInt();
    const std::vector<Arm> arms = parseArms(p.isSet("strategies") ? p.value("strategies") : p.value("arms"), p.value("seeds").toInt());
    const double stopAfterMs = p.isSet("stop-after-minutes") ? p.value("stop-after-minutes").toDouble() * 60000.0 : -1;
    QElapsedTimer session;
    session.start();

    QFile csvFile(p.value("csv"));
    QTextStream csv(&csvFile);
    if (p.isSet("csv")) {
        if (!csvFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return std::fprintf(stderr, "cannot write %s\n", qPrintable(csvFile.fileName())), 1;
        csv << loop::comparison_csv::header() << '\n';
    }
    QFile retrievalFile(p.value("retrieval-csv"));
    QTextStream retrievalCsv(&retrievalFile);
    if (p.isSet("retrieval-csv")) {
        if (!retrievalFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return std::fprintf(stderr, "cannot write %s\n", qPrintable(retrievalFile.fileName())), 1;
        retrievalCsv << "arm,seed,round,prototypes,purity,retrieved,precision,chance,lift\n";
    }
    // An engine round's retrieval diagnosis, printed and written to --retrieval-csv.
    auto diagnose = [&](const QString& dir, const QString& arm, int seed, int round, int number) {
        auto ws = store::Workspace::open(dir);
        if (!ws) return;
        const auto record = ws.value()->rounds().byNumber(number);
        if (!record) return;
        const loop::RetrievalDiagnosis d = loop::diagnoseRound(*ws.value(), record->id, poolShares);
        if (d.prototypes.empty()) return;
        std::printf("%-20s seed %d round %d: %zu prototypes, purity %.3f; retrieval precision %.3f of %d items "
                    "against chance %.3f (lift %.2f)\n",
                    qPrintable(arm), seed, round, d.prototypes.size(), d.purity, d.precision, d.retrieved, d.chance, d.lift());
        if (p.isSet("retrieval-csv")) {
            retrievalCsv << QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9\n")
                                .arg(arm)
                                .arg(seed)
                                .arg(round)
                                .arg(d.prototypes.size())
                                .arg(d.purity, 0, 'f', 4)
                                .arg(d.retrieved)
                                .arg(d.precision, 0, 'f', 4)
                                .arg(d.chance, 0, 'f', 4)
                                .arg(d.lift(), 0, 'f', 3);
            retrievalCsv.flush();
        }
    };
    std::vector<loop::ComparisonRound> rows;
    auto record = [&](const loop::ComparisonRound& row) {
        rows.push_back(row);
        if (p.isSet("csv")) {
            csv << loop::comparison_csv::line(row) << '\n';
            csv.flush();
        }
    };

    std::map<QString, loop::FinetuneAnatomy> anatomy;  // by arm, over its seeds
    int maxSeeds = 0;
    for (const Arm& a : arms) maxSeeds = std::max(maxSeeds, a.seeds);
    for (int seed = 1; seed <= maxSeeds; ++seed) {
        for (const Arm& arm : arms) {
            if (seed > arm.seeds) continue;
            const QString dir = QStringLiteral("%1/%2-seed%3").arg(out, arm.name).arg(seed);
            const bool gate = !arm.name.endsWith(QStringLiteral("-nogate"));
            const QString strategy = arm.name.section('-', 0, 0);
            QJsonObject o = json;
            o.insert("strategy", strategy);
            o.insert("budget", budget);
            o.insert("seed", seed);
            o.insert("qualityGate", gate);
            auto options = loop::RoundOptions::fromJson(o);
            if (!options) return std::fprintf(stderr, "%s: %s\n", qPrintable(arm.name), qPrintable(options.error().message())), 1;
            std::vector<loop::RoundMetrics> done;
            // A kept run may have no finished round yet and one under way, which resumes.
            const bool keep = p.isSet("reuse") && store::Workspace::exists(dir);
            if (keep) {
                auto finished = finishedRounds(dir, baseCheckpoint, options.value(), baseRounds, rounds);
                if (!finished)
                    return std::fprintf(stderr, "%s; remove the folder or choose another --out\n",
                                        qPrintable(finished.error().message())),
                           1;
                done = finished.take();
            }
            if (!keep) {
                QDir(dir).removeRecursively();
                if (!copyTree(base, dir)) return std::fprintf(stderr, "cannot copy %s\n", qPrintable(base)), 1;
            }
            int finished = 0;
            double humanSeconds = 0, machineTotal = 0;
            for (int r = 1; r <= rounds; ++r) {
                loop::RoundMetrics m;
                const bool reused = r <= int(done.size());
                if (reused) {
                    m = done[std::size_t(r - 1)];
                } else {
                    if (stopAfterMs >= 0 && session.elapsed() > stopAfterMs) break;
                    std::atomic<bool> never{false};
                    loop::LoopRoundJob job(dir, options.value());
                    const auto outcome = job.run(jobs::Progress(&never, {}));
                    if (!outcome.ok())
                        return std::fprintf(stderr, "%s seed %d round %d: %s\n", qPrintable(arm.name), seed, r, qPrintable(outcome.message)), 1;
                    m = loop::RoundMetrics::fromJson(outcome.result.value("metrics").toObject());
                }
                loop::ComparisonRound row;
                row.arm = arm.name;
                row.strategy = strategy;
                row.qualityGate = gate;
                row.seed = seed;
                if (r == 1) {  // round 0: the base checkpoint's scores, before any annotation
                    row.score = m.evaluation.score();
                    if (m.evaluation.heldOut().present()) row.heldOutScore = m.evaluation.heldOut().score();
                    record(row);
                }
                row.round = r;
                row.annotations = double(r * budget);
                row.score = m.assessment.score();
                row.heldOutScore = m.assessment.heldOut().present() ? std::optional<double>(m.assessment.heldOut().score()) : std::nullopt;
                row.decision = m.finetune ? key(m.finetune->decision) : QString();
                row.humanSeconds = m.annotation ? m.annotation->humanSeconds : 0.0;
                row.machineSeconds = machineSeconds(m);
                if (m.gate) {
                    row.acceptedLabels = m.gate->acceptedLabels;
                    row.returnedByGate = m.gate->returned;
                    row.droppedByGate = m.gate->dropped;
                }
                record(row);
                if (m.finetune) anatomy[arm.name].add(*m.finetune);
                finished = r;
                humanSeconds += row.humanSeconds;
                machineTotal += row.machineSeconds;
                // Where the round's data helped: held-out answers by the images' source kind.
                QStringList byKind;
                for (const auto& [kind, accuracy] : m.assessment.heldOut().accuracyBySourceKind())
                    byKind << QStringLiteral("%1 %2%").arg(kind).arg(100 * accuracy, 0, 'f', 1);
                std::printf("%-20s seed %d round %d: score %.4f%s (%s), %.0f human-s, %.0f machine-s%s%s\n", qPrintable(arm.name),
                            seed, r, row.score,
                            row.heldOutScore ? qPrintable(QStringLiteral(", held-out %1").arg(*row.heldOutScore, 0, 'f', 4)) : "",
                            qPrintable(row.decision), row.humanSeconds, row.machineSeconds, reused ? ", reused" : "",
                            byKind.isEmpty() ? "" : qPrintable(QStringLiteral("; held-out answers: ") + byKind.join(QStringLiteral(", "))));
                if (options.value().strategy == RetrievalStrategy::Engine) diagnose(dir, arm.name, seed, r, baseRounds + r);
                std::fflush(stdout);
            }
            if (finished < rounds)
                std::printf("%-20s seed %d: stopped after %d of %d rounds (--stop-after-minutes); --reuse continues it\n",
                            qPrintable(arm.name), seed, finished, rounds);
            else
                std::printf("%-20s seed %d: %.0f human-s, %.1f machine-min in all\n", qPrintable(arm.name), seed, humanSeconds,
                            machineTotal / 60.0);
        }
    }

    std::printf("\nfine-tune gate, validation change of candidates by decision:\n");
    for (const auto& [arm, a] : anatomy) std::printf("%-20s %s\n", qPrintable(arm), qPrintable(a.text()));

    const auto number = [&](const char* name) {
        return p.isSet(name) ? std::optional<double>(p.value(name).toDouble()) : std::nullopt;
    };
    const loop::StrategyComparison comparison(rows);
    using Score = loop::StrategyComparison::Score;
    std::vector<bench::CurvePanel> panels;
    panels.push_back(report("evaluation sample (mined for failures by the engine)", comparison, Score::Evaluation,
                            number("target"), number("target2")));
    const bench::CurvePanel heldOut = report("held-out test images (never mined)", comparison, Score::HeldOut, std::nullopt, std::nullopt);
    if (!heldOut.curves.empty()) panels.push_back(heldOut);
    if (p.isSet("plot")) {
        const QString caption = QStringLiteral("%1 rounds of %2 annotations; mean over seeds, 95% band; dotted grey: targets; dashed: quality gate off")
                                    .arg(rounds).arg(budget);
        if (!bench::writeLearningCurvePlot(p.value("plot"), panels, caption))
            return std::fprintf(stderr, "cannot write %s\n", qPrintable(p.value("plot"))), 1;
        std::printf("plot: %s\n", qPrintable(p.value("plot")));
    }
    return 0;
}
