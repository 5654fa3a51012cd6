#include "export/QualitySrCollector.h"

#include "export/AcceptedAnnotationRule.h"
#include "store/ExportQueries.h"
#include "store/Workspace.h"
#include "taxonomy/Taxonomy.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QFile>
#include <QHash>
#include <algorithm>
#include <map>

namespace medq::exports {
namespace {

QString text(const store::ImageRecord& image, const char* key) {
    return image.metadata.value(QLatin1String(key)).toString().trimmed();
}

std::vector<SrAttributeFinding> findings(const store::AnnotationRecord& a, Modality modality) {
    std::vector<SrAttributeFinding> out;
    const QJsonObject attributes = a.labels.value(QStringLiteral("attributes")).toObject();
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        const auto severity = severityFromString(it.value().toString());
        if (severity && *severity != Severity::None) out.push_back({it.key(), *severity});
    }
    const Taxonomy& taxonomy = Taxonomy::instance();
    auto rank = [&](const QString& key) {
        const int i = taxonomy.indexOf(modality, key);
        return i < 0 ? 1 << 20 : i;  // unknown keys after the known ones, by key
    };
    std::sort(out.begin(), out.end(), [&](const SrAttributeFinding& x, const SrAttributeFinding& y) {
        return std::make_pair(rank(x.key), x.key) < std::make_pair(rank(y.key), y.key);
    });
    return out;
}

}  // namespace

QString QualitySrCollector::sopClassOfFile(const QString& path) {
    DcmFileFormat ff;
    // Reads the header only; the element is a standard UID, never an identifier.
    if (ff.loadFileUntilTag(QFile::encodeName(path).constData(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                            ERM_autoDetect, DCM_PixelData)
            .bad())
        return {};
    OFString uid;
    if (ff.getDataset()->findAndGetOFString(DCM_SOPClassUID, uid).bad()) return {};
    return QString::fromLatin1(uid.c_str()).trimmed();
}

std::vector<SrStudy> QualitySrCollector::collect(store::Workspace& ws, SrCollectSummary* summary) {
    SrCollectSummary local;
    SrCollectSummary& sum = summary ? *summary : local;
    store::ExportQueries queries(ws.db());
    QHash<store::Id, std::vector<store::AnnotationRecord>> revisions;  // by task, oldest first
    for (auto& a : queries.annotations()) revisions[a.taskId].push_back(std::move(a));
    const QHash<store::Id, store::Id> gateAccepted = queries.acceptedAnnotationIds();
    const QSet<store::Id> roundTasks = queries.roundQueuedTaskIds();

    std::map<store::Id, std::vector<store::AnnotationRecord>> acceptedByImage;
    for (const store::TaskRecord& t : queries.tasks()) {
        const auto it = revisions.constFind(t.id);
        // A comparison of two images rates the pair, not either image alone.
        if (it == revisions.constEnd() || t.secondImageId) continue;
        const auto gate = gateAccepted.constFind(t.id);
        auto chosen = AcceptedAnnotationRule::forTask(
            *it, gate == gateAccepted.constEnd() ? std::nullopt : std::optional<store::Id>(*gate), roundTasks.contains(t.id));
        if (chosen) acceptedByImage[t.imageId].push_back(std::move(*chosen));
        else if (roundTasks.contains(t.id)) ++sum.awaitingGate;
    }

    std::map<QString, SrStudy> studies;
    for (const auto& [imageId, accepted] : acceptedByImage) {
        const auto annotation = AcceptedAnnotationRule::forImage(accepted);
        if (!annotation) {
            ++sum.noQualityLevel;
            continue;
        }
        const auto image = ws.images().get(imageId);
        if (!image) continue;
        SrImageEntry e;
        e.imageId = imageId;
        e.annotationId = annotation->id;
        e.modality = modalityFromString(image->modality).value_or(Modality::Other);
        e.sopInstanceUid = text(*image, "sop_instance_uid");
        e.seriesUid = text(*image, "series_uid");
        const QString studyUid = text(*image, "study_uid");
        if (e.sopInstanceUid.isEmpty()) {
            ++sum.skippedNotDicom;
            continue;
        }
        if (studyUid.isEmpty() || e.seriesUid.isEmpty()) {
            ++sum.skippedNoStudy;
            continue;
        }
        e.sopClassUid = text(*image, "sop_class_uid");
        if (e.sopClassUid.isEmpty()) {
            e.sopClassUid = sopClassOfFile(image->path);
            if (e.sopClassUid.isEmpty()) {
                ++sum.skippedNoSopClass;
                continue;
            }
            ++sum.sopClassFromFile;
        }
        e.level = *qualityLevelFromString(annotation->qualityLevel);
        e.attributes = findings(*annotation, e.modality);
        e.description = annotation->text.trimmed();
        e.observer = annotation->annotator == store::kAutoAcceptAnnotator ? SrObserver::Device : SrObserver::Person;

        auto [pos, inserted] = studies.try_emplace(studyUid);
        SrStudy& study = pos->second;
        const bool kept = image->metadata.value(QStringLiteral("identifiers_kept")).toBool();
        if (inserted) {
            study.studyUid = studyUid;
            study.studyDate = text(*image, "study_date");
            study.deidentified = !kept;
        } else {
            study.deidentified = study.deidentified || !kept;
        }
        if (study.deidentified) {
            // One de-identified image makes the whole study's document de-identified.
            study.patientName.clear();
            study.patientId.clear();
        } else {
            if (study.patientName.isEmpty()) study.patientName = text(*image, "patient_name");
            if (study.patientId.isEmpty()) study.patientId = text(*image, "patient_id");
        }
        study.images.push_back(std::move(e));
        ++sum.images;
    }
    std::vector<SrStudy> out;
    for (auto& [uid, study] : studies) out.push_back(std::move(study));
    return out;
}

}  // namespace medq::exports
