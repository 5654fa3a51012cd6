#include "ingest/PixelTextBackfillJob.h"

#include "ingest/PixelTextCheck.h"
#include "io/DicomHeaderParser.h"
#include "io/ImageReader.h"
#include "jobs/WorkspaceJobLock.h"
#include "ocr/PixelTextScanRule.h"
#include "store/PixelTextBacklog.h"
#include "store/Workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

namespace medq::ingest {
namespace {

using jobs::JobOutcome;

// Whether the scan covers this image's kind, from what the workspace recorded of it (the
// de-identified metadata keeps Modality and SOP Class): only those are read again.
bool coveredKind(const store::ImageRecord& image) {
    ocr::PixelTextSubject s;
    s.dicomModality = image.metadata.value(QStringLiteral("dicom_modality")).toString();
    s.sopClassUid = image.metadata.value(QStringLiteral("sop_class_uid")).toString();
    s.modality = modalityFromString(image.modality).value_or(Modality::Other);
    s.channels = image.channels;
    return ocr::PixelTextScanRule::reason(s).has_value();
}

// The DICOM Modality of a file's header, or "" when it is no DICOM file or cannot be read.
QString dicomModalityOf(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray head = f.read(256 * 1024);
    const auto parsed = DicomHeaderParser::parse(reinterpret_cast<const unsigned char*>(head.constData()), std::size_t(head.size()),
                                                 f.atEnd());
    return parsed.status == DicomHeaderParse::Complete ? parsed.fields.modality : QString();
}

}  // namespace

QString PixelTextBackfillReport::summary() const {
    return QStringLiteral("%1 images and %2 pool files without a finding: %3 scanned, %4 flagged as a PHI risk, "
                          "%5 not of a kind that is scanned, %6 unreadable")
        .arg(images).arg(poolFiles).arg(scanned).arg(flagged).arg(notScanned).arg(unreadable);
}

JobOutcome PixelTextBackfillJob::run(const jobs::Progress& progress) {
    auto lock = jobs::WorkspaceJobLock::forJob(m_dir, title(), false, progress);
    if (!lock) return {JobOutcome::Status::Failed, lock.error().message(), {}};
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    store::Workspace& ws = *opened.value();
    store::PixelTextBacklog backlog(ws.db());
    PixelTextBackfillReport r;
    PixelTextCheck check;
    try {
        const std::vector<store::Id> images = backlog.images();
        const std::vector<store::UnscannedPoolFile> files = backlog.poolFiles();
        r.images = int(images.size());
        r.poolFiles = int(files.size());
        const double total = std::max<double>(1, images.size() + files.size());
        auto cancelled = [&] {
            return JobOutcome{JobOutcome::Status::Cancelled,
                              QStringLiteral("cancelled; the findings so far are kept (%1)").arg(r.summary()), {}};
        };
        int done = 0;
        for (const store::Id id : images) {
            if (progress.isCancelled()) return cancelled();
            progress.report(done++ / total, QStringLiteral("Image %1 of %2").arg(done).arg(images.size()));
            const auto record = ws.images().get(id);
            if (!record || !coveredKind(*record)) {
                ++r.notScanned;
                continue;
            }
            const auto image = ImageReader::read(record->path, modalityFromString(record->modality));
            if (!image) {
                ++r.unreadable;
                continue;
            }
            const auto finding = check.check(image.value(), QFileInfo(record->path).fileName());
            if (!finding) {  // no detector (Tesseract's model missing): nothing can be scanned
                if (!check.unavailable().isEmpty()) break;
                ++r.notScanned;
                continue;
            }
            ws.images().setPixelText(id, *finding);
            ++r.scanned;
            if (*finding == PixelTextScan::PhiRisk) ++r.flagged;
        }
        for (const store::UnscannedPoolFile& f : files) {
            if (!check.unavailable().isEmpty()) break;
            if (progress.isCancelled()) return cancelled();
            progress.report(done++ / total, QStringLiteral("Pool file %1 of %2").arg(done - int(images.size())).arg(files.size()));
            if (!QFileInfo::exists(f.path)) {
                ++r.unreadable;
                continue;
            }
            const Modality modality = f.modality >= 0 && f.modality < int(kClinicalModalities.size())
                                          ? kClinicalModalities[std::size_t(f.modality)]
                                          : Modality::Other;
            const auto finding = check.checkFile(f.path, dicomModalityOf(f.path), modality);
            if (!finding) {
                ++r.notScanned;
                continue;
            }
            backlog.setPoolFile(f.poolItemId, *finding);
            ++r.scanned;
            if (*finding == PixelTextScan::PhiRisk) ++r.flagged;
        }
    } catch (const std::exception& e) {
        return {JobOutcome::Status::Failed, QStringLiteral("%1: %2").arg(m_dir, QString::fromUtf8(e.what())), {}};
    }
    const QJsonObject result{{"images", r.images},         {"pool_files", r.poolFiles}, {"scanned", r.scanned},
                             {"phi_risk", r.flagged},      {"not_scanned", r.notScanned}, {"unreadable", r.unreadable}};
    if (!check.unavailable().isEmpty())
        return {JobOutcome::Status::Failed, QStringLiteral("burned-in text cannot be scanned: %1").arg(check.unavailable()), result};
    progress.report(1.0, r.summary());
    return {JobOutcome::Status::Done, r.summary(), result};
}

}  // namespace medq::ingest
