// `medq model train|eval|calibrate|list|add|use`: the quality model on a workspace's
// benchmark splits, and a site's own TorchScript model beside it.
#include "Commands.h"
#include "ConsoleJobRunner.h"
#include "GroupArguments.h"
#include "TrainArguments.h"
#include "common/Log.h"
#include "ingest/WorkspaceJobs.h"
#include "learn/CalibrateModelJob.h"
#include "learn/AttributeRecallTable.h"
#include "learn/CheckpointRegistry.h"
#include "learn/EvaluateModelJob.h"
#include "learn/OwnModelRegistration.h"
#include "learn/ThreadCount.h"
#include "learn/TrainModelJob.h"
#include "loop/RoutingCalibrator.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

namespace medq::cli {
namespace {

int fail(const QString& message) {
    QTextStream(stderr) << "medq model: " << message << Qt::endl;
    return UserError;
}

void printEvaluation(const QJsonObject& r) {
    QTextStream out(stdout);
    const QJsonObject perception = r.value("perception").toObject();
    const QJsonObject expert = r.value("expert").toObject().value("perception").toObject();
    // Cells the expert line does not cover (comparison pairs) print as n/a, not 0%.
    auto pct = [](const QJsonValue& cell) {
        if (!cell.isObject() || cell.toObject().value("total").toInt() == 0) return QStringLiteral("n/a");
        return QStringLiteral("%1%").arg(100.0 * cell.toObject().value("accuracy").toDouble(), 0, 'f', 1);
    };
    // Chance columns: uniform guessing and the majority answer of each question type and
    // option count on this split (docs/metrics.md); a score beats chance only above both.
    auto chance = [](const QJsonValue& cell, const char* key) {
        if (!cell.isObject() || cell.toObject().value("total").toInt() == 0) return QStringLiteral("n/a");
        return QStringLiteral("%1%").arg(100.0 * cell.toObject().value(QLatin1String(key)).toDouble(), 0, 'f', 1);
    };
    auto row = [&](const QString& label, const QJsonValue& cell, const QJsonValue& expertCell) {
        out << QStringLiteral("%1 %2 %3 %4 %5\n").arg(label, -28).arg(pct(cell), 10).arg(pct(expertCell), 10)
                   .arg(chance(cell, "uniformChance"), 10).arg(chance(cell, "majorityChance"), 10);
    };
    out << QStringLiteral("%1 %2 %3 %4 %5\n").arg("perception accuracy", -28).arg("model", 10).arg("expert", 10)
               .arg("uniform", 10).arg("majority", 10);
    row(QStringLiteral("  overall"), perception, expert);
    const QJsonObject types = perception.value("byType").toObject();
    for (auto it = types.begin(); it != types.end(); ++it)
        row("  " + it.key(), it.value(), expert.value("byType").toObject().value(it.key()));
    const QJsonObject groups = perception.value("byGroup").toObject();
    for (auto it = groups.begin(); it != groups.end(); ++it)
        row("  " + it.key(), it.value(), expert.value("byGroup").toObject().value(it.key()));
    // By source (dataset::SourceKind): unseen real sources are the figure that says what the
    // model does on another patient, scanner or slide.
    const QJsonObject sources = r.value("bySource").toObject();
    const std::pair<const char*, const char*> kinds[] = {
        {"unseen", "  real, unseen sources"}, {"seen", "  real, seen sources"}, {"phantom", "  phantoms"}, {"site", "  site's own images"}};
    const QJsonObject expertSources = r.value("expert").toObject().value("bySource").toObject();
    for (const auto& [key, label] : kinds)
        if (sources.contains(QLatin1String(key)))
            row(QString::fromLatin1(label), sources.value(QLatin1String(key)).toObject().value("perception"),
                expertSources.value(QLatin1String(key)).toObject().value("perception"));
    out << QStringLiteral("%1 %2\n").arg("calibration error (ECE)", -28).arg(perception.value("expectedCalibrationError").toDouble(), 10, 'f', 3);
    for (const auto& [key, label] : kinds) {
        const QJsonObject kind = sources.value(QLatin1String(key)).toObject().value("perception").toObject();
        if (kind.contains("ece")) out << QStringLiteral("%1 %2\n").arg(QString::fromLatin1(label), -28).arg(kind.value("ece").toDouble(), 10, 'f', 3);
    }
    const QJsonObject description = r.value("description").toObject();
    out << QStringLiteral("%1 %2 %3\n").arg("description rubric (of 8)", -28)
               .arg(description.value("meanRubricTotal").toDouble(), 10, 'f', 2)
               .arg(r.value("expert").toObject().value("mean_rubric_total").toDouble(), 10, 'f', 2);
    for (const auto& [key, label] : kinds) {
        const QJsonObject kind = sources.value(QLatin1String(key)).toObject();
        const QJsonObject expertKind = expertSources.value(QLatin1String(key)).toObject();
        if (kind.value("descriptions").toInt() > 0)
            out << QStringLiteral("%1 %2 %3 (%4 items)\n").arg(QString::fromLatin1(label), -28)
                       .arg(kind.value("meanRubricTotal").toDouble(), 10, 'f', 2)
                       .arg(expertKind.value("descriptions").toInt() > 0
                                ? QString::number(expertKind.value("meanRubricTotal").toDouble(), 'f', 2)
                                : QStringLiteral("n/a"), 10)
                       .arg(kind.value("descriptions").toInt());
    }
    out << QStringLiteral("%1 %2\n").arg("description ROUGE-L", -28).arg(description.value("meanRougeL").toDouble(), 10, 'f', 3);
    if (const int total = description.value("total").toInt(); total > 0)
        out << QStringLiteral("%1 %2 (%3 of %4)\n").arg("names another modality", -28)
                   .arg(QStringLiteral("%1%").arg(100.0 * description.value("namesAnotherModality").toInt() / total, 0, 'f', 1), 10)
                   .arg(description.value("namesAnotherModality").toInt()).arg(total);
    if (r.contains("keepToModality"))  // reports written before the guard existed were unguarded
        out << (r.value("keepToModality").toBool() ? QStringLiteral("  (guarded: drafts keep to their image's modality)\n")
                                                   : QStringLiteral("  (unguarded: --unguarded)\n"));
    const QJsonObject head = r.value("attributeHead").toObject();
    if (!head.isEmpty())
        out << QStringLiteral("attribute head on %1 images: presence %2% (all-absent baseline %3%), severity %4%, "
                              "recall of present %5%, precision %6%\n")
                   .arg(head.value("images").toInt())
                   .arg(100 * head.value("presenceAccuracy").toDouble(), 0, 'f', 1).arg(100 * head.value("absentBaseline").toDouble(), 0, 'f', 1)
                   .arg(100 * head.value("severityAccuracy").toDouble(), 0, 'f', 1).arg(100 * head.value("presentRecall").toDouble(), 0, 'f', 1)
                   .arg(100 * head.value("presentPrecision").toDouble(), 0, 'f', 1);
    // The head by source kind, and on unseen sources attribute by attribute (recall at each
    // severity): where it fails on patients, scanners and slides it never saw.
    const QJsonObject headBySource = r.value("attributeHeadBySource").toObject();
    const QJsonObject alignedBySource = r.value("attributeHeadAlignedBySource").toObject();
    const QJsonObject argmaxBySource = r.value("attributeHeadArgmaxBySource").toObject();
    for (const auto& [name, bySource] : {std::pair{"  head, ", headBySource}, std::pair{"  head by argmax, ", argmaxBySource},
                                         std::pair{"  aligned head, ", alignedBySource}})
        for (const auto& [key, label] : kinds) {
            const QJsonObject h = bySource.value(QLatin1String(key)).toObject();
            if (h.isEmpty()) continue;
            out << QStringLiteral("%1 %2 images: recall %3%, precision %4%, presence %5% (all-absent %6%), mean AUC %7\n")
                       .arg(QString::fromLatin1(name) + QString::fromLatin1(label).trimmed(), -30).arg(h.value("images").toInt())
                       .arg(100 * h.value("presentRecall").toDouble(), 0, 'f', 1).arg(100 * h.value("presentPrecision").toDouble(), 0, 'f', 1)
                       .arg(100 * h.value("presenceAccuracy").toDouble(), 0, 'f', 1).arg(100 * h.value("absentBaseline").toDouble(), 0, 'f', 1)
                       .arg(h.value("meanAuc").toDouble(-1), 0, 'f', 3);
        }
    // Attribute questions answered from the head's reading, beside the decoder's answers.
    const QJsonObject headAnswers = r.value("headAnswersBySource").toObject();
    for (const auto& [key, label] : kinds) {
        const QJsonObject types = headAnswers.value(QLatin1String(key)).toObject();
        for (auto it = types.begin(); it != types.end(); ++it) {
            const QJsonObject c = it.value().toObject();
            out << QStringLiteral("%1 %2 questions: head %3%, decoder %4%\n")
                       .arg(QStringLiteral("  head answers, ") + QString::fromLatin1(label).trimmed() + QStringLiteral(", ") + it.key(), -44)
                       .arg(c.value("questions").toInt(), 5)
                       .arg(100 * c.value("head").toDouble(), 0, 'f', 1)
                       .arg(100 * c.value("decoder").toDouble(), 0, 'f', 1);
        }
    }
    const QJsonObject unseenAttributes = headBySource.value("unseen").toObject().value("byAttribute").toObject();
    if (!unseenAttributes.isEmpty()) {
        out << QStringLiteral("%1 %2 %3 %4 %5 %6\n").arg("  unseen: attribute", -36).arg("present", 8).arg("mild", 7)
                   .arg("moderate", 9).arg("severe", 7).arg("precision", 10);
        auto recallAt = [](const QJsonObject& a, const char* severity) {
            const QJsonObject cell = a.value("recallBySeverity").toObject().value(QLatin1String(severity)).toObject();
            return cell.isEmpty() ? QStringLiteral("-") : QStringLiteral("%1%").arg(100 * cell.value("recall").toDouble(), 0, 'f', 0);
        };
        for (auto it = unseenAttributes.begin(); it != unseenAttributes.end(); ++it) {
            const QJsonObject a = it.value().toObject();
            out << QStringLiteral("%1 %2 %3 %4 %5 %6\n").arg("    " + it.key(), -36).arg(a.value("present").toInt(), 8)
                       .arg(recallAt(a, "mild"), 7).arg(recallAt(a, "moderate"), 9).arg(recallAt(a, "severe"), 7)
                       .arg(QStringLiteral("%1%").arg(100 * a.value("precision").toDouble(), 0, 'f', 0), 10);
        }
    }
    const QJsonObject guided = r.value("guidedSlot").toObject();
    if (!guided.isEmpty())
        out << QStringLiteral("question-guided token reads the named attribute's slot on %1% of %2 questions\n")
                   .arg(100 * guided.value("accuracy").toDouble(), 0, 'f', 1).arg(guided.value("total").toInt());
}

}  // namespace

int cmdModel(const QStringList& args, const GlobalOptions& g) {
    const QString sub = args.value(0);
    QCommandLineParser p;
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder."));
    if (sub == QLatin1String("train")) {
        p.setApplicationDescription(QStringLiteral("Train the quality model on a split of the workspace's benchmark."));
        addTrainOptions(p);
        // --threads, and with --world-size N > 1 rank 0 of a data-parallel run (docs/scale-out.md).
        addGroupOptions(p, false, QStringLiteral("1"));
    } else if (sub == QLatin1String("eval")) {
        p.setApplicationDescription(QStringLiteral(
            "Evaluate a checkpoint: perception accuracy by question type and modality, calibration error, the\n"
            "description rubric and ROUGE-L, next to the simulated expert on the same items."));
        p.addOption({QStringLiteral("checkpoint"), QStringLiteral("Checkpoint (default: the current one)."), QStringLiteral("C")});
        p.addOption({QStringLiteral("split"), QStringLiteral("Split to evaluate (default test)."), QStringLiteral("SPLIT"), QStringLiteral("test")});
        p.addOption({QStringLiteral("limit"), QStringLiteral("Only the first N tasks."), QStringLiteral("N")});
        p.addOption({QStringLiteral("json"), QStringLiteral("Write the full report to this file, every description beside its reference included."), QStringLiteral("FILE")});
        p.addOption({QStringLiteral("attribute-table"), QStringLiteral("Write the attribute head's recall at each severity and its precision, attribute by attribute and by source kind, as a Markdown table to this file."), QStringLiteral("FILE")});
        p.addOption({QStringLiteral("from-report"), QStringLiteral("Print (and tabulate) an earlier --json report instead of evaluating."), QStringLiteral("FILE")});
        p.addOption({QStringLiteral("measures-alone"), QStringLiteral("Read every image's quality measures against the checkpoint's reference, as the workstation reads a single opened image, instead of within its source.")});
        p.addOption({QStringLiteral("unguarded"), QStringLiteral("Let descriptions name any modality: turn off the guard that keeps a draft to its image's modality, to see what the decoder writes alone.")});
        p.addOption({QStringLiteral("align-sources"), QStringLiteral("Also score the attribute head with each source's mean reading moved onto the training split's (reads the train split too).")});
    } else if (sub == QLatin1String("calibrate")) {
        p.setApplicationDescription(QStringLiteral(
            "Fit a checkpoint's answer temperature on a split's perception questions (training does this on its\n"
            "validation split) and save the checkpoint with it: confidences change, answers do not."));
        p.addOption({QStringLiteral("checkpoint"), QStringLiteral("Checkpoint (default: the current one)."), QStringLiteral("C")});
        p.addOption({QStringLiteral("split"), QStringLiteral("Held-out split to fit on (default val)."), QStringLiteral("SPLIT"), QStringLiteral("val")});
    } else if (sub == QLatin1String("list")) {
        p.setApplicationDescription(QStringLiteral("List the workspace's checkpoints; * marks the current one."));
    } else if (sub == QLatin1String("add")) {
        p.setApplicationDescription(QStringLiteral(
            "Register a site's own TorchScript quality model as a checkpoint (docs/own-model.md): it is loaded,\n"
            "run on two probe images and checked against the contract; nothing is written when a check fails."));
        p.addOption({QStringLiteral("torchscript"), QStringLiteral("The exported module (torch.jit.script or trace, then save)."), QStringLiteral("FILE")});
        p.addOption({QStringLiteral("name"), QStringLiteral("Checkpoint name (default: the file's base name)."), QStringLiteral("NAME")});
        p.addOption({QStringLiteral("modalities"), QStringLiteral("Comma-separated modalities to use it for (default: those its attributes name)."), QStringLiteral("LIST")});
        p.addOption({QStringLiteral("trainable"), QStringLiteral("Regular expression over parameter names that fine-tuning may change (default: all)."), QStringLiteral("REGEX")});
        p.addOption({QStringLiteral("contract"), QStringLiteral("JSON side file with input_size, channels, mean, std, attributes (default: FILE's base name + .json when present)."), QStringLiteral("JSON")});
        p.addOption({QStringLiteral("current"), QStringLiteral("Make it the current checkpoint.")});
    } else if (sub == QLatin1String("use")) {
        p.setApplicationDescription(QStringLiteral("Make a checkpoint (built-in or TorchScript) the current one."));
        p.addPositionalArgument(QStringLiteral("CHECKPOINT"), QStringLiteral("Checkpoint name (medq model list)."));
    } else {
        QTextStream(sub == QLatin1String("--help") ? stdout : stderr)
            << "Usage: medq model train WORKSPACE [--from-scratch|--from CHECKPOINT] [--data SPLIT] [--preset P] ...\n"
               "       medq model eval WORKSPACE [--checkpoint C] [--split test] [--json FILE]\n"
               "       medq model calibrate WORKSPACE [--checkpoint C] [--split val]\n"
               "       medq model list WORKSPACE\n"
               "       medq model add WORKSPACE --torchscript FILE.pt [--name NAME] [--modalities ct,mri] [--trainable REGEX]\n"
               "       medq model use WORKSPACE CHECKPOINT\n";
        return sub == QLatin1String("--help") ? Ok : UserError;
    }
    if (!p.parse(QStringList{QStringLiteral("medq model ") + sub} + args.mid(1))) return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    if (sub == QLatin1String("use") && p.positionalArguments().size() != 2) return fail(QStringLiteral("expected WORKSPACE CHECKPOINT"));
    if (sub != QLatin1String("use") && p.positionalArguments().size() != 1) return fail(QStringLiteral("expected one WORKSPACE"));
    const QString dir = p.positionalArguments().front();
    if (!store::Workspace::exists(dir)) return fail(QStringLiteral("%1: no workspace here (run `medq init` first)").arg(dir));
    log::attachWorkspace(dir);

    if (sub == QLatin1String("list")) {
        auto ws = store::Workspace::open(dir);
        if (!ws) return fail(ws.error().message());
        learn::CheckpointRegistry registry(*ws.value());
        for (const QString& name : registry.names())
            QTextStream(stdout) << (name == registry.current() ? "* " : "  ") << name << "\n";
        return Ok;
    }
    if (sub == QLatin1String("add")) {
        if (!p.isSet(QStringLiteral("torchscript"))) return fail(QStringLiteral("--torchscript FILE is required"));
        auto ws = store::Workspace::open(dir);
        if (!ws) return fail(ws.error().message());
        learn::OwnModelRequest r;
        r.import.file = p.value(QStringLiteral("torchscript"));
        r.import.trainable = p.value(QStringLiteral("trainable"));
        for (const QString& m : p.value(QStringLiteral("modalities")).split(QLatin1Char(','), Qt::SkipEmptyParts)) r.import.modalities << m.trimmed();
        r.contractFile = p.value(QStringLiteral("contract"));
        r.name = p.value(QStringLiteral("name"));
        r.makeCurrent = p.isSet(QStringLiteral("current"));
        auto added = learn::registerOwnModel(*ws.value(), r);
        if (!added) return fail(added.error().message());
        QTextStream(stdout) << "added checkpoint " << added.value() << (r.makeCurrent ? " (current)" : "") << Qt::endl;
        return Ok;
    }
    if (sub == QLatin1String("use")) {
        auto ws = store::Workspace::open(dir);
        if (!ws) return fail(ws.error().message());
        learn::CheckpointRegistry registry(*ws.value());
        const QString name = p.positionalArguments().at(1);
        if (!registry.names().contains(name))
            return fail(QStringLiteral("%1: no such checkpoint (known: %2)").arg(name, registry.names().join(", ")));
        registry.setCurrent(name, QStringLiteral("cli"));
        QTextStream(stdout) << name << " is now the current checkpoint" << Qt::endl;
        return Ok;
    }
    if (sub == QLatin1String("train")) {
        learn::TrainOptions o;
        if (auto problem = trainOptions(p, o)) return fail(*problem);
        dist::GroupOptions groupSettings;
        if (auto problem = groupOptions(p, groupSettings)) return fail(*problem);
        if (groupSettings.worldSize > 1 && groupSettings.master.isEmpty())
            return fail(QStringLiteral("--master HOST:PORT is needed for a group of more than one process"));
        o.config.threads = groupSettings.threads;
        if (Status valid = o.config.validate(); !valid) return fail(valid.error().message());
        std::optional<LeadGroup> lead;
        if (groupSettings.worldSize > 1) {
            auto joined = leadGroup(groupSettings);
            if (!joined) return fail(joined.error().message());
            lead = joined.take();
            o.group = lead->group.get();
            o.channel = lead->channel.get();
            o.groupTimeout = groupSettings.timeout;
        }
        const auto outcome = runJobInConsole(ingest::recordedInWorkspace(dir, std::make_unique<learn::TrainModelJob>(dir, o)), g.quiet);
        if (lead)
            if (Status ended = lead->end(outcome.ok(), groupSettings.timeout); !ended) return fail(ended.error().message());
        if (outcome.status == jobs::JobOutcome::Status::Cancelled) return fail(QStringLiteral("cancelled; no checkpoint was written (progress is kept for resuming)"));
        if (!outcome.ok()) return fail(outcome.message);
        QTextStream(stdout) << outcome.message << Qt::endl;
        return Ok;
    }
    if (sub == QLatin1String("calibrate")) {
        learn::CalibrateOptions o;
        o.checkpoint = p.value(QStringLiteral("checkpoint"));
        o.split = p.value(QStringLiteral("split"));
        if (o.split == QLatin1String("test")) return fail(QStringLiteral("--split test: calibrate on a held-out split other than the one scores are reported on"));
        const auto outcome = runJobInConsole(ingest::recordedInWorkspace(dir, std::make_unique<learn::CalibrateModelJob>(dir, o)), g.quiet);
        if (outcome.status == jobs::JobOutcome::Status::Cancelled) return fail(QStringLiteral("cancelled; the checkpoint is unchanged"));
        if (!outcome.ok()) return fail(outcome.message);
        // Its answer entropies moved: routing thresholds derived from the old ones are dropped.
        if (auto ws = store::Workspace::open(dir))
            loop::RoutingCalibrator(*ws.value()).forgetDerived(outcome.result.value(QStringLiteral("checkpoint")).toString());
        QTextStream(stdout) << outcome.message << Qt::endl;
        return Ok;
    }
    learn::EvaluateOptions o;
    o.checkpoint = p.value(QStringLiteral("checkpoint"));
    o.split = p.value(QStringLiteral("split"));
    int limit = 0;
    if (!intOption(p, "limit", 1, limit)) return fail(QStringLiteral("--limit takes a positive integer"));
    o.limit = limit;
    o.alignHeadBySource = p.isSet(QStringLiteral("align-sources"));
    o.measuresAlone = p.isSet(QStringLiteral("measures-alone"));
    o.keepToModality = !p.isSet(QStringLiteral("unguarded"));
    o.listDescriptions = p.isSet(QStringLiteral("json"));  // the report file lists every description
    QJsonObject result;
    if (p.isSet(QStringLiteral("from-report"))) {
        QFile f(p.value(QStringLiteral("from-report")));
        if (!f.open(QIODevice::ReadOnly)) return fail(QStringLiteral("%1: %2").arg(f.fileName(), f.errorString()));
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
        if (!doc.isObject() || !doc.object().contains(QStringLiteral("perception")))
            return fail(QStringLiteral("%1: not a report of medq model eval --json").arg(f.fileName()));
        result = doc.object();
    } else {
        const auto outcome = runJobInConsole(ingest::recordedInWorkspace(dir, std::make_unique<learn::EvaluateModelJob>(dir, o)), g.quiet);
        if (outcome.status == jobs::JobOutcome::Status::Cancelled) return fail(QStringLiteral("cancelled"));
        if (!outcome.ok()) return fail(outcome.message);
        QTextStream(stdout) << outcome.message << Qt::endl;
        result = outcome.result;
    }
    printEvaluation(result);
    if (p.isSet(QStringLiteral("json"))) {
        QFile f(p.value(QStringLiteral("json")));
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(result).toJson()) < 0)
            return fail(QStringLiteral("%1: cannot write the report").arg(f.fileName()));
    }
    if (p.isSet(QStringLiteral("attribute-table"))) {
        const QString table = learn::AttributeRecallTable::markdown(result);
        if (table.isEmpty()) return fail(QStringLiteral("the report has no attribute head by source to tabulate"));
        QFile f(p.value(QStringLiteral("attribute-table")));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Text) || f.write(table.toUtf8()) < 0)
            return fail(QStringLiteral("%1: cannot write the table").arg(f.fileName()));
    }
    return Ok;
}

}  // namespace medq::cli
