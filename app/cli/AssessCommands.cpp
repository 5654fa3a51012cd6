// `medq assess`: the model's verdict on any image files, outside loop rounds; a QC gate for
// imaging pipelines (exit codes below) with JSON Lines, CSV and an HTML group summary.
#include "Commands.h"
#include "ConsoleJobRunner.h"
#include "assess/AssessFilesJob.h"
#include "assess/AssessGate.h"
#include "assess/AssessmentReport.h"
#include "export/Csv.h"
#include "learn/CheckpointRegistry.h"
#include "loop/RoutingCalibrator.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

namespace medq::cli {
namespace {

int fail(const QString& message, int code = UserError) {
    QTextStream(stderr) << "medq assess: " << message << Qt::endl;
    return code;
}

QStringList csvHeader() {
    return {"path", "modality", "level", "score", "p_good", "p_usable", "p_reject", "worst_attribute", "worst_severity",
            "attributes", "uncertainty", "route", "description", "error"};
}

QStringList csvRow(const assess::Assessment& a) {
    QStringList present;
    for (const auto& attribute : a.attributes)
        if (attribute.severity != Severity::None) present << attribute.key + QLatin1Char('=') + severityKey(attribute.severity);
    const assess::AttributeAssessment* worst = a.worstAttribute();
    return {a.path,
            modalityKey(a.modality),
            qualityLevelKey(a.level),
            QString::number(a.score, 'f', 3),
            QString::number(a.levelProbabilities[0], 'f', 4),
            QString::number(a.levelProbabilities[1], 'f', 4),
            QString::number(a.levelProbabilities[2], 'f', 4),
            worst ? worst->key : QString(),
            worst ? severityKey(worst->severity) : QString(),
            present.join(QLatin1Char(';')),
            QString::number(a.uncertainty, 'f', 4),
            a.route ? key(*a.route) : QString(),
            a.description.value_or(QString()),
            QString()};
}

// Where the model comes from: --checkpoint, or the workspace's current checkpoint (then
// the workspace's routing thresholds, when calibrated for it, fill in the route).
struct ModelSource {
    QString checkpointDir;
    std::optional<loop::RoutingThresholds> route;
};

Result<ModelSource> modelSource(const QCommandLineParser& p, QStringList& positional) {
    ModelSource source;
    if (p.isSet(QStringLiteral("checkpoint"))) {
        source.checkpointDir = p.value(QStringLiteral("checkpoint"));
        if (!QFileInfo::exists(source.checkpointDir + QStringLiteral("/manifest.json")))
            return Error{source.checkpointDir, QStringLiteral("not a checkpoint folder (no manifest.json)")};
        return source;
    }
    if (positional.isEmpty() || !store::Workspace::exists(positional.front()))
        return Error{QString(), QStringLiteral("expected a WORKSPACE (with a trained model) or --checkpoint DIR first")};
    auto opened = store::Workspace::open(positional.takeFirst());
    if (!opened) return opened.error();
    learn::CheckpointRegistry registry(*opened.value());
    const QString current = registry.current();
    if (current.isEmpty())
        return Error{opened.value()->dir().absolutePath(),
                     QStringLiteral("this workspace has no model yet (medq model train, or pass --checkpoint DIR)")};
    source.checkpointDir = registry.resolve(current);
    if (auto stored = loop::RoutingCalibrator(*opened.value()).stored(); stored && stored->checkpoint == current)
        source.route = stored;
    return source;
}

struct Outputs {
    QFile jsonl, csv;
    QTextStream jsonlOut, csvOut;
};

Status openOutput(QFile& file, QTextStream& stream, const QString& path) {
    if (path == QLatin1String("-")) {
        if (!file.open(stdout, QIODevice::WriteOnly)) return Error{path, QStringLiteral("cannot write to standard output")};
    } else {
        file.setFileName(path);
        QFileInfo(path).dir().mkpath(QStringLiteral("."));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return Error{path, QStringLiteral("cannot write: %1").arg(file.errorString())};
    }
    stream.setDevice(&file);
    return {};
}

}  // namespace

int cmdAssess(const QStringList& args, const GlobalOptions& g) {
    QCommandLineParser p;
    p.addHelpOption();
    p.setApplicationDescription(QStringLiteral(
        "The model's verdict on image files: modality, overall quality level (good, usable, reject) with its\n"
        "probabilities, a 1-5 score, every attribute of the modality with severity probabilities, a description\n"
        "and the routing uncertainty. One JSON line per file as it finishes (standard output, or --jsonl),\n"
        "progress on standard error, an HTML group summary next to the JSON Lines.\n"
        "\n"
        "Exit codes: 0 every file assessed and none at the --fail-at level; 1 usage error or no image found;\n"
        "2 internal error; 3 at least one image at the --fail-at level or worse; 4 no image at that level, but\n"
        "some files could not be assessed (files inside folders that are not images at all do not count)."));
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("A workspace whose current model assesses (or use --checkpoint)."));
    p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Image files and folders."), QStringLiteral("PATH..."));
    p.addOption({QStringLiteral("checkpoint"), QStringLiteral("A checkpoint folder to assess with, no workspace needed."), QStringLiteral("DIR")});
    p.addOption({{QStringLiteral("r"), QStringLiteral("recursive")}, QStringLiteral("Descend into sub-folders.")});
    p.addOption({{QStringLiteral("m"), QStringLiteral("modality")},
                 QStringLiteral("Assess every file as this modality: mri, ct, endoscopy, histopathology or fundus "
                                "(default: the DICOM Modality tag, NIfTI intensities or words in the path)."),
                 QStringLiteral("M")});
    p.addOption({QStringLiteral("jsonl"), QStringLiteral("Write the JSON Lines here (default: standard output)."), QStringLiteral("OUT")});
    p.addOption({QStringLiteral("csv"), QStringLiteral("Also write one CSV row per file."), QStringLiteral("OUT")});
    p.addOption({QStringLiteral("html"), QStringLiteral("The group summary (default: the --jsonl path with .html)."), QStringLiteral("OUT")});
    p.addOption({QStringLiteral("fail-at"), QStringLiteral("Exit 3 when any image is rated at this level or worse: usable or reject."),
                 QStringLiteral("LEVEL")});
    p.addOption({QStringLiteral("no-description"), QStringLiteral("Skip writing descriptions (much faster).")});
    if (!p.parse(QStringList{QStringLiteral("medq assess")} + args)) return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    QStringList positional = p.positionalArguments();
    auto source = modelSource(p, positional);
    if (!source) return fail(source.error().message());
    if (positional.isEmpty()) return fail(QStringLiteral("expected at least one PATH to assess"));

    std::optional<QualityLevel> failAt;
    if (p.isSet(QStringLiteral("fail-at"))) {
        failAt = qualityLevelFromString(p.value(QStringLiteral("fail-at")));
        if (!failAt || *failAt == QualityLevel::Good)
            return fail(QStringLiteral("--fail-at takes usable or reject, not '%1'").arg(p.value(QStringLiteral("fail-at"))));
    }
    assess::AssessFilesOptions options;
    options.checkpointDir = source.value().checkpointDir;
    options.paths = positional;
    options.recursive = p.isSet(QStringLiteral("recursive"));
    options.assessor.describe = !p.isSet(QStringLiteral("no-description"));
    options.assessor.route = source.value().route;
    if (p.isSet(QStringLiteral("modality"))) {
        options.modality = modalityFromString(p.value(QStringLiteral("modality")));
        if (!options.modality || *options.modality == Modality::Other)
            return fail(QStringLiteral("unknown modality '%1' (mri, ct, endoscopy, histopathology or fundus)")
                            .arg(p.value(QStringLiteral("modality"))));
    }

    const QString jsonlPath = p.value(QStringLiteral("jsonl"));
    QString htmlPath = p.value(QStringLiteral("html"));
    if (htmlPath.isEmpty() && !jsonlPath.isEmpty() && jsonlPath != QLatin1String("-")) {
        const QFileInfo info(jsonlPath);
        htmlPath = info.dir().filePath(info.completeBaseName() + QStringLiteral(".html"));
    }
    Outputs out;
    if (Status s = openOutput(out.jsonl, out.jsonlOut, jsonlPath.isEmpty() ? QStringLiteral("-") : jsonlPath); !s)
        return fail(s.error().message());
    const bool csv = p.isSet(QStringLiteral("csv"));
    if (csv) {
        if (Status s = openOutput(out.csv, out.csvOut, p.value(QStringLiteral("csv"))); !s) return fail(s.error().message());
        out.csvOut << exports::Csv::record(csvHeader());
    }

    assess::AssessmentSummary summary;
    QTextStream err(stderr);
    assess::AssessSink sink;
    sink.assessed = [&](const assess::Assessment& a) {
        out.jsonlOut << QJsonDocument(a.toJson()).toJson(QJsonDocument::Compact) << '\n';
        out.jsonlOut.flush();
        if (csv) out.csvOut << exports::Csv::record(csvRow(a));
        summary.add(a);
    };
    sink.problem = [&](const assess::AssessProblem& problem) {
        out.jsonlOut << QJsonDocument(QJsonObject{{"path", problem.path}, {"error", problem.reason},
                                                  {"notAnImage", problem.notAnImage}})
                            .toJson(QJsonDocument::Compact)
                     << '\n';
        out.jsonlOut.flush();
        if (csv) {
            QStringList row(csvHeader().size());
            row.front() = problem.path;
            row.back() = problem.reason;
            out.csvOut << exports::Csv::record(row);
        }
        err << (problem.notAnImage ? "skipped: " : "error: ") << problem.path << ": " << problem.reason << Qt::endl;
        summary.addProblem(problem);
    };
    const auto outcome =
        runJobInConsole(std::make_unique<assess::AssessFilesJob>(options, std::move(sink)), g.quiet);
    out.jsonlOut.flush();
    if (csv) out.csvOut.flush();
    if (outcome.status == jobs::JobOutcome::Status::Cancelled) return fail(QStringLiteral("cancelled"));
    if (!outcome.ok()) return fail(outcome.message, InternalError);
    if (!htmlPath.isEmpty()) {
        assess::ReportContext context{options.checkpointDir, positional, QFileInfo(jsonlPath).fileName(), failAt};
        if (Status s = assess::AssessmentReport::write(htmlPath, summary, context); !s) return fail(s.error().message());
    }
    if (!g.quiet) err << outcome.message << (htmlPath.isEmpty() ? QString() : QStringLiteral("; summary: ") + htmlPath) << Qt::endl;
    const assess::GateResult gate = assess::AssessGate::decide(summary, failAt);
    if (gate == assess::GateResult::NothingFound)
        return fail(QStringLiteral("no image found in %1").arg(positional.join(QStringLiteral(", "))));
    if (gate == assess::GateResult::Failed)
        err << "gate: " << summary.countAtOrWorse(*failAt) << " of " << summary.assessed() << " images rated "
            << qualityLevelKey(*failAt) << " or worse" << Qt::endl;
    return int(gate);
}

}  // namespace medq::cli
