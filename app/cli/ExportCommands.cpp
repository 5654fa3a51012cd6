// `medq export`: training conversations as JSONL, annotations as CSV, and quality assessments
// as DICOM SR with Key Object Selections (core/export).
#include "Commands.h"
#include "common/Log.h"
#include "export/AnnotationCsvExport.h"
#include "export/DicomSrExport.h"
#include "export/TrainingDataExport.h"
#include "export/TrainingImageWriter.h"
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
        "RFC 4180 CSV. Both files can be read back. Image metadata is not exported. The images go beside the\n"
        "JSONL as PNG (images/<id>.png: the full-resolution middle slice through its window, synthetic items\n"
        "rendered), referenced by that relative path; original files are never copied.\n"
        "--dicom-sr DIR writes, per study, a DICOM Comprehensive SR of the accepted quality assessments of\n"
        "its DICOM images and, when an image was judged reject, a Key Object Selection titled \"Quality Issue\"\n"
        "(113010; never the rejection note 113001). They reference the UIDs the workspace stores: remapped\n"
        "ones for de-identified imports (the originals are not kept). See docs/pacs.md."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace folder."));
    p.addOption({QStringLiteral("jsonl"), QStringLiteral("Write training conversations to FILE, their images as PNG into images/ beside it."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("csv"), QStringLiteral("Write annotations to FILE."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("dicom-sr"),
                 QStringLiteral("Write quality-assessment SRs and Key Object Selections (DICOM) into DIR."),
                 QStringLiteral("DIR")});
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
    const QString dicomSr = p.value(QStringLiteral("dicom-sr"));
    if (pos.size() != 1 || (jsonl.isEmpty() && csv.isEmpty() && dicomSr.isEmpty())) {
        err << "medq: export: expected WORKSPACE and --jsonl FILE, --csv FILE and/or --dicom-sr DIR" << Qt::endl;
        return UserError;
    }
    if (!dicomSr.isEmpty() && p.isSet(QStringLiteral("split"))) {
        err << "medq: export: --split applies to --jsonl and --csv, not --dicom-sr" << Qt::endl;
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
        exports::TrainingImageSummary images;
        auto written = exports::TrainingImageWriter(ws, jsonl)
                           .write(exports::TrainingDataExport::collect(ws, split, &summary), &images);
        if (!written) {
            err << "medq: " << written.error().message() << Qt::endl;
            return UserError;
        }
        const auto& records = written.value();
        if (Status st = exports::TrainingDataExport::writeJsonl(records, jsonl); !st) {
            err << "medq: " << st.error().message() << Qt::endl;
            return UserError;
        }
        out << "wrote " << records.size() << " conversations to " << jsonl << " (" << summary.fromAnnotations
            << " from annotations, " << summary.fromGroundTruth << " from ground truth; skipped "
            << summary.skippedFlagged << " flagged, " << summary.skippedPixelText
            << " with burned-in text found (PHI risk), " << summary.skippedPhi << " with possible PHI in the pixels, "
            << summary.skippedNoAnswer << " without an answer, " << images.skippedUnreadable
            << " with an unreadable image)" << Qt::endl;
        out << "wrote " << images.written << " images as PNG to "
            << QFileInfo(jsonl).absoluteDir().filePath(exports::TrainingImageWriter::folderName()) << " ("
            << images.referencedAgain << " further references to an image already written)" << Qt::endl;
        for (const QString& reason : images.reasons) out << "  skipped " << reason << Qt::endl;
        details.insert(QStringLiteral("jsonl"), QFileInfo(jsonl).absoluteFilePath());
        details.insert(QStringLiteral("conversations"), int(records.size()));
        details.insert(QStringLiteral("images"), images.written);
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
    if (!dicomSr.isEmpty()) {
        auto report = exports::DicomSrExport::run(ws, dicomSr);
        if (!report) {
            err << "medq: " << report.error().message() << Qt::endl;
            return UserError;
        }
        int reports = 0, selections = 0;
        for (const auto& f : report.value().files) {
            (f.keyObjectSelection ? selections : reports) += 1;
            out << "wrote " << f.path << ": "
                << (f.keyObjectSelection ? "Key Object Selection \"Quality Issue\" of " : "quality-assessment SR of ")
                << f.images << (f.keyObjectSelection ? " image(s) judged reject" : " image(s)") << ", study "
                << f.studyUid << Qt::endl;
        }
        const exports::SrCollectSummary& s = report.value().summary;
        out << "DICOM SR: " << s.images << " images in " << reports << " reports, " << selections
            << " key object selections; skipped " << s.skippedNotDicom
            << " not DICOM (no SOP Instance UID in the workspace), " << s.skippedNoStudy
            << " without study or series UID, " << s.skippedNoSopClass << " without SOP Class UID; "
            << s.awaitingGate << " round tasks not yet accepted by the quality gate, " << s.noQualityLevel
            << " images without a quality level, " << s.skippedPhiRisk << " with burned-in text found (PHI risk)";
        if (s.sopClassFromFile > 0) out << "; " << s.sopClassFromFile << " SOP Class UIDs read from the source files";
        if (s.seriesSlices > 0) out << "; " << s.seriesSlices << " further slices of series volumes referenced";
        if (s.seriesUnreadable > 0)
            out << "; " << s.seriesUnreadable << " series with unreadable files referenced by their stored slice only";
        out << Qt::endl;
        details.insert(QStringLiteral("dicom_sr"), QFileInfo(dicomSr).absoluteFilePath());
        details.insert(QStringLiteral("sr_images"), s.images);
        details.insert(QStringLiteral("sr_reports"), reports);
        details.insert(QStringLiteral("sr_key_object_selections"), selections);
    }
    ws.audit().append(p.value(QStringLiteral("annotator")), QStringLiteral("export"), {}, std::nullopt, details);
    spdlog::info("export: {}", QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString());
    return Ok;
}

}  // namespace medq::cli
