#include "export/DicomSrExport.h"

#include "export/KeyObjectWriter.h"
#include "export/QualitySrWriter.h"

#include <QDir>

namespace medq::exports {

QString DicomSrExport::srFileName(int study) { return QStringLiteral("study-%1-quality-sr.dcm").arg(study); }
QString DicomSrExport::kosFileName(int study) { return QStringLiteral("study-%1-quality-issue-kos.dcm").arg(study); }

Result<DicomSrExportReport> DicomSrExport::run(store::Workspace& ws, const QString& dir) {
    if (!QDir().mkpath(dir)) return Error{dir, QStringLiteral("cannot create the folder")};
    DicomSrExportReport report;
    const std::vector<SrStudy> studies = QualitySrCollector::collect(ws, &report.summary);
    const QDir out(dir);
    int n = 0;
    for (const SrStudy& study : studies) {
        ++n;
        const QString srPath = out.filePath(srFileName(n));
        auto sr = QualitySrWriter::write(study, srPath);
        if (!sr) return sr.error();
        report.files.push_back({srPath, false, study.studyUid, sr.value(), int(study.images.size())});
        const int flagged = int(KeyObjectWriter::flagged(study).size());
        if (flagged == 0) continue;
        const QString kosPath = out.filePath(kosFileName(n));
        auto kos = KeyObjectWriter::write(study, kosPath);
        if (!kos) return kos.error();
        report.files.push_back({kosPath, true, study.studyUid, kos.value(), flagged});
    }
    return report;
}

}  // namespace medq::exports
