// `medq export`: training conversations as JSONL and annotations as CSV (core/export).
#include "Commands.h"
#include "common/Log.h"
#include "export/AnnotationCsvExport.h"
#include "export/TrainingDataExport.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

namespace medq::cli {

int cmdExport(const QStringList& args, const GlobalOptions&) {
    QTextStream out(stdout), err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Export training data as JSONL conversations (one line per task: the question as the human turn,\n"
        "the latest annotation or else the ground truth as the gpt turn) and every annotation revision as\n"
        "RFC 4180 CSV. Both files can be read back. Image metadata is not exported."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder."));
    p.addOption({QStringLiteral("jsonl"), QStringLiteral("Write training conversations to FILE."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("csv"), QStringLiteral("Write annotations to FILE."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("split"), QStringLiteral("Only tasks of this split (train, val, test)."), QStringLiteral("S")});
    p.addOption({QStringLiteral("annotator"), QStringLiteral("Who exports (recorded in the audit log)."),
                 QStringLiteral("NAME"), QStringLiteral("system")});
    if (!p.parse(QStringList{QStringLiteral("medq export")} + args)) {
        err << "medq: " << p.errorText() << Qt::endl;
        return UserError;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out << p.helpText();
        return Ok;
    }
    const QStringList pos = p.positionalArguments();
    const QString jsonl = p.value(QStringLiteral("jsonl")), csv = p.value(QStringLiteral("csv"));
    if (pos.size() != 1 || (jsonl.isEmpty() && csv.isEmpty())) {
        err << "medq: export: expected WORKSPACE and --jsonl FILE and/or --csv FILE" << Qt::endl;
        return UserError;
    }
    auto opened = store::Workspace::open(pos.front());
    if (!opened) {
        err << "medq: " << opened.error().message() << Qt::endl;
        return UserError;
    }
    store::Workspace& ws = *opened.value();
    log::attachWorkspace(ws.dir().absolutePath());
    const QString split = p.value(QStringLiteral("split"));
    QJsonObject details{{"split", split}};
    if (!jsonl.isEmpty()) {
        exports::TrainingDataSummary summary;
        const auto records = exports::TrainingDataExport::collect(ws, split, &summary);
        if (Status st = exports::TrainingDataExport::writeJsonl(records, jsonl); !st) {
            err << "medq: " << st.error().message() << Qt::endl;
            return UserError;
        }
        out << "wrote " << records.size() << " conversations to " << jsonl << " (" << summary.fromAnnotations
            << " from annotations, " << summary.fromGroundTruth << " from ground truth; skipped "
            << summary.skippedFlagged << " flagged, " << summary.skippedPhi << " with possible PHI in the pixels, "
            << summary.skippedNoAnswer << " without an answer)" << Qt::endl;
        details.insert(QStringLiteral("jsonl"), QFileInfo(jsonl).absoluteFilePath());
        details.insert(QStringLiteral("conversations"), int(records.size()));
    }
    if (!csv.isEmpty()) {
        const auto rows = exports::AnnotationCsvExport::collect(ws, split);
        if (Status st = exports::AnnotationCsvExport::writeCsv(rows, csv); !st) {
            err << "medq: " << st.error().message() << Qt::endl;
            return UserError;
        }
        out << "wrote " << rows.size() << " annotation revisions to " << csv << Qt::endl;
        details.insert(QStringLiteral("csv"), QFileInfo(csv).absoluteFilePath());
        details.insert(QStringLiteral("annotations"), int(rows.size()));
    }
    ws.audit().append(p.value(QStringLiteral("annotator")), QStringLiteral("export"), {}, std::nullopt, details);
    spdlog::info("export: {}", QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString());
    return Ok;
}

}  // namespace medq::cli
