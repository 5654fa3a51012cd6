#include "export/QualitySrCollector.h"

#include "export/AcceptedAnnotationRule.h"
#include "privacy/DeidentificationKeyStore.h"
#include "privacy/Deidentifier.h"
#include "store/ExportQueries.h"
#include "store/Workspace.h"
#include "taxonomy/Taxonomy.h"

#include "io/DicomReader.h"

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

// Every slice of a series volume, in the workspace's UIDs: the stored instance first, then the
// other files' instances remapped as the import remapped the stored one (or as read, when the
// import kept identifiers). Only the stored instance when a file cannot be read or the study
// does not come out as the one stored.
std::vector<SrInstance> seriesInstances(store::Workspace& ws, const store::ImageRecord& image, const SrInstance& stored,
                                        const QString& studyUid, SrCollectSummary& sum) {
    const std::vector<store::ImageFileRecord> files = ws.images().files(image.id);
    if (files.size() < 2) return {stored};
    std::optional<privacy::Deidentifier> remap;
    if (!image.metadata.value(QStringLiteral("identifiers_kept")).toBool())
        remap.emplace(privacy::DeidentificationKeyStore::forWorkspace(ws));
    auto mapped = [&](const QString& uid) { return remap ? remap->remapUid(uid) : uid; };
    std::vector<SrInstance> out{stored};
    for (const auto& f : files) {
        QString study;
        auto instance = QualitySrCollector::instanceOfFile(f.path, &study);
        if (!instance || mapped(study) != studyUid) {
            ++sum.seriesUnreadable;
            return {stored};
        }
        instance->sopInstanceUid = mapped(instance->sopInstanceUid);
        instance->seriesUid = mapped(instance->seriesUid);
        if (instance->sopInstanceUid != stored.sopInstanceUid) out.push_back(*instance);
    }
    sum.seriesSlices += int(out.size()) - 1;
    return out;
}

}  // namespace

QString QualitySrCollector::sopClassOfFile(const QString& path) {
    // Reads the header only; the element is a standard UID, never an identifier.
    const auto header = DicomReader::readHeader(path);
    return header ? header.value().sopClassUid.trimmed() : QString();
}

std::optional<SrInstance> QualitySrCollector::instanceOfFile(const QString& path, QString* studyUid) {
    const auto header = DicomReader::readHeader(path);
    if (!header) return std::nullopt;
    const DicomHeader& h = header.value();
    SrInstance i{h.sopClassUid.trimmed(), h.sopInstanceUid.trimmed(), h.seriesUid.trimmed()};
    if (studyUid) *studyUid = h.studyUid.trimmed();
    if (i.sopClassUid.isEmpty() || i.sopInstanceUid.isEmpty() || i.seriesUid.isEmpty()) return std::nullopt;
    return i;
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
        if (image->pixelText == PixelTextScan::PhiRisk) {  // kept out of every export (docs/privacy.md)
            ++sum.skippedPhiRisk;
            continue;
        }
        SrImageEntry e;
        e.imageId = imageId;
        e.annotationId = annotation->id;
        e.modality = modalityFromString(image->modality).value_or(Modality::Other);
        SrInstance stored{text(*image, "sop_class_uid"), text(*image, "sop_instance_uid"), text(*image, "series_uid")};
        const QString studyUid = text(*image, "study_uid");
        if (stored.sopInstanceUid.isEmpty()) {
            ++sum.skippedNotDicom;
            continue;
        }
        if (studyUid.isEmpty() || stored.seriesUid.isEmpty()) {
            ++sum.skippedNoStudy;
            continue;
        }
        if (stored.sopClassUid.isEmpty()) {
            stored.sopClassUid = sopClassOfFile(image->path);
            if (stored.sopClassUid.isEmpty()) {
                ++sum.skippedNoSopClass;
                continue;
            }
            ++sum.sopClassFromFile;
        }
        e.instances = seriesInstances(ws, *image, stored, studyUid, sum);
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
