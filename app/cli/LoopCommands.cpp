// `medq loop run|status|report`: the closed loop from the command line.
#include "Commands.h"
#include "ConsoleJobRunner.h"
#include "GroupArguments.h"
#include "common/Log.h"
#include "ingest/WorkspaceJobs.h"
#include "jobs/WorkspaceJobLock.h"
#include "learn/CheckpointRegistry.h"
#include "loop/LoopReport.h"
#include "loop/RoundMetrics.h"
#include "loop/RoundRunner.h"
#include "model/ComputeDevice.h"
#include "store/LoopRepository.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

namespace medq::cli {
namespace {

int fail(const QString& message) {
    QTextStream(stderr) << "medq loop: " << message << Qt::endl;
    return UserError;
}

// Options given on the command line override the JSON file, which overrides the defaults.
Result<loop::RoundOptions> roundOptions(const QCommandLineParser& p) {
    QJsonObject json;
    if (p.isSet(QStringLiteral("options"))) {
        QFile f(p.value(QStringLiteral("options")));
        if (!f.open(QIODevice::ReadOnly)) return Error{f.fileName(), QStringLiteral("cannot read")};
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (!doc.isObject()) return Error{f.fileName(), QStringLiteral("not a JSON object: %1").arg(error.errorString())};
        json = doc.object();
    }
    const std::pair<const char*, const char*> integers[] = {
        {"budget", "budget"}, {"seed", "seed"}, {"eval-limit", "evalLimit"}, {"pool-limit", "poolEmbedLimit"},
        {"finetune-steps", "fineTuneSteps"}, {"threads", "threads"}, {"validation-limit", "validationLimit"}};
    for (const auto& [flag, key] : integers) {
        if (!p.isSet(QLatin1String(flag))) continue;
        bool ok = false;
        const int v = p.value(QLatin1String(flag)).toInt(&ok);
        if (!ok) return Error{QStringLiteral("--%1").arg(QLatin1String(flag)), QStringLiteral("takes an integer")};
        json.insert(QLatin1String(key), v);
    }
    if (p.isSet(QStringLiteral("strategy"))) json.insert(QStringLiteral("strategy"), p.value(QStringLiteral("strategy")));
    if (p.isSet(QStringLiteral("eval-split"))) json.insert(QStringLiteral("evalSplit"), p.value(QStringLiteral("eval-split")));
    if (p.isSet(QStringLiteral("validation-split")))
        json.insert(QStringLiteral("validationSplit"), p.value(QStringLiteral("validation-split")));
    if (p.isSet(QStringLiteral("annotator"))) json.insert(QStringLiteral("annotator"), p.value(QStringLiteral("annotator")));
    if (p.isSet(QStringLiteral("annotator-config"))) json.insert(QStringLiteral("annotatorConfig"), p.value(QStringLiteral("annotator-config")));
    if (p.isSet(QStringLiteral("as"))) json.insert(QStringLiteral("actor"), p.value(QStringLiteral("as")));
    return loop::RoundOptions::fromJson(json);
}

int printStatus(const QString& dir, bool times) {
    auto ws = store::Workspace::open(dir);
    if (!ws) return fail(ws.error().message());
    store::Workspace& w = *ws.value();
    QTextStream out(stdout);
    learn::CheckpointRegistry registry(w);
    out << "current checkpoint: " << (registry.current().isEmpty() ? QStringLiteral("(none)") : registry.current()) << "\n";
    out << "pool: " << w.pool().count() << " items\n";
    const auto rounds = w.rounds().all();
    if (rounds.empty()) {
        out << "no rounds yet (medq loop run WORKSPACE)\n";
        return Ok;
    }
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n").arg("round", 5).arg("strategy", -12).arg("status", -10).arg("last step", -10)
               .arg("test score", 10).arg("reference", 9).arg("annotated", 9).arg("human-s", 8).arg("checkpoint", -24);
    store::LoopRepository loop(w.db());
    for (const auto& r : rounds) {
        const loop::RoundMetrics m = loop::RoundMetrics::fromJson(r.metrics);
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                   .arg(r.number, 5)
                   .arg(key(r.strategy), -12)
                   .arg(key(r.status), -10)
                   .arg(r.step ? key(*r.step) : QString(), -10)
                   .arg(m.assessment.present() ? QString::number(m.assessment.score(), 'f', 4) : QStringLiteral("-"),
                        10)
                   .arg(m.assessment.reference().present() ? QString::number(m.assessment.reference().score(), 'f', 4)
                                                           : QStringLiteral("-"),
                        9)
                   .arg(m.retrieval ? m.retrieval->selected : 0, 9)
                   .arg(m.annotation ? m.annotation->humanSeconds : 0.0, 8, 'f', 0)
                   .arg(m.finetune ? m.finetune->candidate + " " + key(m.finetune->decision) : QStringLiteral(" "),
                        -24);
        if (times && !m.stepSeconds.empty()) {
            QStringList steps;
            double total = 0;
            for (const auto& [step, seconds] : m.stepSeconds) {
                steps << QStringLiteral("%1 %2").arg(key(step)).arg(seconds, 0, 'f', 1);
                total += seconds;
            }
            out << "      machine seconds: " << steps.join(QStringLiteral(", ")) << QStringLiteral(" (%1 in all)\n").arg(total, 0, 'f', 1);
        }
        if (r.status == RunStatus::Running)
            out << "      " << loop.pendingHumanItems(r.id) << " queue items wait for a person\n";
    }
    return Ok;
}

}  // namespace

int cmdLoop(const QStringList& args, const GlobalOptions& g) {
    const QString sub = args.value(0);
    QCommandLineParser p;
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder."));
    if (sub == QLatin1String("run")) {
        p.setApplicationDescription(QStringLiteral(
            "Run loop rounds: evaluate, failure prototypes, pool index, retrieval, routing, annotation,\n"
            "quality gate, fine-tuning with accept/rollback, assessment. An interrupted round resumes\n"
            "from its last completed step."));
        p.addOption({QStringLiteral("rounds"), QStringLiteral("Rounds to run (default 1)."), QStringLiteral("R"), QStringLiteral("1")});
        p.addOption({QStringLiteral("until"), QStringLiteral("Run until round N is done (re-running continues; overrides --rounds)."), QStringLiteral("N")});
        p.addOption({QStringLiteral("budget"), QStringLiteral("Pool items annotated per round (default 100)."), QStringLiteral("B")});
        p.addOption({QStringLiteral("strategy"), QStringLiteral("engine (default), random, uncertainty or coreset."), QStringLiteral("S")});
        p.addOption({QStringLiteral("annotator"), QStringLiteral("simulated (default) or human (waits for the queues)."), QStringLiteral("A")});
        p.addOption({QStringLiteral("eval-split"),
                     QStringLiteral("Evaluate and mine failures on this split: test (default) or reference-test (your "
                                    "labelled images, medq reference add)."),
                     QStringLiteral("S")});
        p.addOption({QStringLiteral("validation-split"),
                     QStringLiteral("Calibrate routing, draw gold items and gate checkpoints on: val (default) or "
                                    "reference-val."),
                     QStringLiteral("S")});
        p.addOption({QStringLiteral("annotator-config"), QStringLiteral("Simulated annotator settings (JSON)."), QStringLiteral("FILE")});
        p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S")});
        p.addOption({QStringLiteral("eval-limit"), QStringLiteral("Evaluate on N test images (default all)."), QStringLiteral("N")});
        p.addOption({QStringLiteral("validation-limit"), QStringLiteral("Validation images for accept/rollback (default 400)."), QStringLiteral("N")});
        p.addOption({QStringLiteral("pool-limit"), QStringLiteral("Embed at most N pool items (default 3000, 0: all)."), QStringLiteral("N")});
        p.addOption({QStringLiteral("finetune-steps"), QStringLiteral("Fine-tuning steps per round (default 120)."), QStringLiteral("N")});
        p.addOption({QStringLiteral("threads"), QStringLiteral("CPU threads for the model: embedding, drafting, fine-tuning (default: by load)."), QStringLiteral("N")});
        p.addOption({QStringLiteral("options"), QStringLiteral("All round settings as JSON (see docs/loop.md)."), QStringLiteral("FILE")});
        p.addOption({QStringLiteral("as"), QStringLiteral("Lead who starts the rounds (recorded in the audit log)."), QStringLiteral("NAME")});
        p.addOption({QStringLiteral("wait"), QStringLiteral("When another job holds the workspace, wait for it instead of refusing (exit 1).")});
        // With --world-size N > 1, rank 0 of a group: pool embedding and fine-tuning on every
        // rank (docs/scale-out.md).
        addGroupOptions(p, false, QStringLiteral("1"), false);
    } else if (sub == QLatin1String("status")) {
        p.setApplicationDescription(QStringLiteral("Rounds with their last step, test score, annotations and checkpoint."));
        p.addOption({QStringLiteral("times"), QStringLiteral("Also the machine seconds each round's steps took.")});
    } else if (sub == QLatin1String("report")) {
        p.setApplicationDescription(QStringLiteral("Write an HTML report with per-round metrics, prototypes, cost and curves."));
        p.addOption({QStringLiteral("out"), QStringLiteral("HTML file to write (default report.html)."), QStringLiteral("FILE"), QStringLiteral("report.html")});
    } else {
        QTextStream(sub == QLatin1String("--help") ? stdout : stderr)
            << "Usage: medq loop run WORKSPACE [--rounds R] [--budget B] [--strategy engine|random|uncertainty|coreset] [--annotator simulated|human]\n"
               "       medq loop status WORKSPACE [--times]\n"
               "       medq loop report WORKSPACE [--out report.html]\n";
        return sub == QLatin1String("--help") ? Ok : UserError;
    }
    if (!p.parse(QStringList{QStringLiteral("medq loop ") + sub} + args.mid(1))) return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    if (p.positionalArguments().size() != 1) return fail(QStringLiteral("expected one WORKSPACE"));
    const QString dir = p.positionalArguments().front();
    if (!store::Workspace::exists(dir)) return fail(QStringLiteral("%1: no workspace here (run `medq init` first)").arg(dir));
    log::attachWorkspace(dir);

    if (sub == QLatin1String("status")) return printStatus(dir, p.isSet(QStringLiteral("times")));
    if (sub == QLatin1String("report")) {
        auto ws = store::Workspace::open(dir);
        if (!ws) return fail(ws.error().message());
        if (Status s = loop::writeLoopReport(*ws.value(), p.value(QStringLiteral("out"))); !s) return fail(s.error().message());
        QTextStream(stdout) << "wrote " << p.value(QStringLiteral("out")) << Qt::endl;
        return Ok;
    }
    auto options = roundOptions(p);
    if (!options) return fail(options.error().message());
    bool ok = false;
    int rounds = p.value(QStringLiteral("rounds")).toInt(&ok);
    if (!ok || rounds < 1) return fail(QStringLiteral("--rounds takes a positive integer"));
    if (p.isSet(QStringLiteral("until"))) {
        const int until = p.value(QStringLiteral("until")).toInt(&ok);
        if (!ok || until < 1) return fail(QStringLiteral("--until takes a positive integer"));
        auto ws = store::Workspace::open(dir);
        if (!ws) return fail(ws.error().message());
        int done = 0;
        for (const auto& r : ws.value()->rounds().all()) done += r.status == RunStatus::Done ? 1 : 0;
        rounds = until - done;
        if (rounds <= 0) {
            QTextStream(stdout) << "round " << until << " is already done" << Qt::endl;
            return Ok;
        }
    }
    // One round at a time per workspace: held across all the rounds of this command.
    static const std::atomic<bool> never{false};
    const jobs::Progress waiting(&never, [quiet = g.quiet](double, const QString& phrase) {
        if (!quiet) QTextStream(stderr) << phrase << Qt::endl;
    });
    auto lock = jobs::WorkspaceJobLock::forJob(dir, QStringLiteral("Run loop rounds"),
                                               p.isSet(QStringLiteral("wait")), waiting);
    if (!lock) return fail(lock.error().message());
    dist::GroupOptions groupSettings;
    if (auto problem = groupOptions(p, groupSettings)) return fail(*problem);
    if (groupSettings.worldSize > 1 && groupSettings.master.isEmpty())
        return fail(QStringLiteral("--master HOST:PORT is needed for a group of more than one process"));
    // The ranks of a group embed with the same thread count, or the same item's vector may
    // differ in its last bits between them.
    if (p.isSet(QStringLiteral("threads")) || groupSettings.worldSize > 1) model::setComputeThreads(groupSettings.threads);
    std::optional<LeadGroup> lead;
    loop::RoundGroup roundGroup;
    if (groupSettings.worldSize > 1) {
        auto joined = leadGroup(groupSettings);
        if (!joined) return fail(joined.error().message());
        lead = joined.take();
        roundGroup = {lead->group.get(), lead->channel.get(), {}, groupSettings.timeout};
    }
    int code = Ok;
    for (int i = 0; i < rounds; ++i) {
        const auto outcome = runJobInConsole(
            ingest::recordedInWorkspace(dir, std::make_unique<loop::LoopRoundJob>(dir, options.value(), lead ? &roundGroup : nullptr)),
            g.quiet);
        if (outcome.status == jobs::JobOutcome::Status::Cancelled) {
            code = fail(QStringLiteral("cancelled; `medq loop run` continues the round from its last completed step"));
            break;
        }
        if (!outcome.ok()) {
            code = fail(outcome.message);
            break;
        }
        QTextStream(stdout) << outcome.message << Qt::endl;
        if (outcome.result.value(QStringLiteral("waiting")).toBool()) break;
    }
    // The workers go once the rounds are over.
    if (lead)
        if (Status ended = lead->end(code == Ok, groupSettings.timeout); !ended) return fail(ended.error().message());
    return code;
}

}  // namespace medq::cli
