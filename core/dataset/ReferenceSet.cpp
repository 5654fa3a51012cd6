#include "dataset/ReferenceSet.h"

#include "dataset/SynthItemWriter.h"
#include "jobs/WorkspaceJobLock.h"
#include "store/LoopRepository.h"
#include "store/Workspace.h"
#include "synth/ItemGenerator.h"
#include "taxonomy/QuestionTemplates.h"
#include "taxonomy/Taxonomy.h"

#include <QJsonArray>
#include <QSet>
#include <map>

namespace medq::dataset {
namespace {

const QString kPrefix = QStringLiteral("reference-");

// What one person said about an image, as far as the reference needs it.
struct Verdict {
    QString quality;
    std::map<QString, Severity> attributes;  // present ones only
    QString text;
    QString createdAt;
    bool operator==(const Verdict& o) const { return quality == o.quality && attributes == o.attributes; }
};

std::optional<Verdict> verdictOf(const store::AnnotationRecord& a) {
    for (const auto& flag : a.labels.value(QStringLiteral("flags")).toArray())
        if (flag.toString() == QLatin1String("unreadable") || flag.toString() == QLatin1String("wrong_modality"))
            return std::nullopt;
    Verdict v;
    v.quality = a.qualityLevel.isEmpty() ? a.labels.value(QStringLiteral("quality")).toString() : a.qualityLevel;
    if (!qualityLevelFromString(v.quality) || a.text.trimmed().isEmpty()) return std::nullopt;
    const QJsonObject attributes = a.labels.value(QStringLiteral("attributes")).toObject();
    for (auto it = attributes.begin(); it != attributes.end(); ++it)
        if (const auto s = severityFromString(it.value().toString()); s && *s != Severity::None)
            v.attributes[it.key()] = *s;
    v.text = a.text;
    v.createdAt = a.createdAt;
    return v;
}

}  // namespace

QString referenceSplit(const QString& which) { return kPrefix + which; }
bool isReferenceSplit(const QString& split) { return split.startsWith(kPrefix); }

QJsonObject ReferenceReport::toJson() const {
    return {{"images", images},
            {"perception", perception},
            {"disagreements", disagreements},
            {"alreadyIn", alreadyIn},
            {"trainedOn", trainedOn}};
}

QString ReferenceReport::summary(const QString& split) const {
    return QStringLiteral(
               "%1: %2 images added (%3 descriptions, %4 perception questions); %5 left out because their "
               "annotators disagree; %6 already in a reference split; %7 of those added were already used "
               "for fine-tuning")
        .arg(split)
        .arg(images)
        .arg(images)
        .arg(perception)
        .arg(disagreements)
        .arg(alreadyIn)
        .arg(trainedOn);
}

Result<ReferenceReport> ReferenceSet::fromAnnotations(store::Workspace& ws, const QString& which, const QString& actor,
                                                      std::uint64_t seed) {
    if (which != QLatin1String("test") && which != QLatin1String("val"))
        return Error{QStringLiteral("--split"), QStringLiteral("'%1' is not test or val").arg(which)};
    const QString split = referenceSplit(which);
    ReferenceReport report;
    QSet<store::Id> trained;
    for (const auto& label : store::LoopRepository(ws.db()).acceptedUpTo(std::numeric_limits<store::Id>::max()))
        if (const auto t = ws.tasks().get(label.taskId)) trained.insert(t->imageId);

    store::Transaction tx(ws.db());
    QSet<store::Id> seen;
    for (const store::TaskRecord& task : ws.tasks().annotatedRealDescriptions(store::kAutoAcceptAnnotator)) {
        if (seen.contains(task.imageId) || isReferenceSplit(task.split)) continue;
        seen.insert(task.imageId);
        const auto tasks = ws.tasks().forImage(task.imageId);
        if (std::any_of(tasks.begin(), tasks.end(), [](const auto& t) { return isReferenceSplit(t.split); })) {
            ++report.alreadyIn;
            continue;
        }
        // The latest revision of each person.
        std::map<QString, store::AnnotationRecord> latest;
        for (const auto& a : ws.annotations().history(task.id))
            if (a.annotator != store::kAutoAcceptAnnotator &&
                (!latest.count(a.annotator) || a.revision > latest[a.annotator].revision))
                latest[a.annotator] = a;
        std::vector<Verdict> verdicts;
        for (const auto& [who, a] : latest)
            if (auto v = verdictOf(a)) verdicts.push_back(*v);
        if (verdicts.empty()) continue;
        if (std::any_of(verdicts.begin(), verdicts.end(), [&](const Verdict& v) { return !(v == verdicts.front()); })) {
            ++report.disagreements;
            continue;
        }
        const auto image = ws.images().get(task.imageId);
        const auto modality = image ? modalityFromString(image->modality) : std::nullopt;
        if (!modality || *modality == Modality::Other) continue;
        const Verdict& agreed = *std::max_element(verdicts.begin(), verdicts.end(),
                                                  [](const Verdict& a, const Verdict& b) {
                                                      return a.createdAt < b.createdAt;
                                                  });
        std::vector<AttributeSeverity> attributes;
        for (const auto& [key, severity] : agreed.attributes)
            if (Taxonomy::instance().find(*modality, key)) attributes.push_back({key, severity});
        synth::BenchmarkItem item = synth::ItemGenerator::generate(*modality, attributes,
                                                                   seed ^ std::uint64_t(task.imageId));
        // The overall question's answer is the people's level, not the rule's.
        const QStringList overall = QuestionTemplates::overallOptions();
        for (auto& q : item.questions)
            if (q.options == overall)
                for (int i = 0; i < overall.size(); ++i)
                    if (overall[i].compare(agreed.quality, Qt::CaseInsensitive) == 0) q.correct = i;

        const auto rows = SynthItemWriter::itemTasks(task.imageId, agreed.text, item.questions, split);
        ws.tasks().insertMany(rows);
        ++report.images;
        report.perception += int(item.questions.size());
        if (trained.contains(task.imageId)) ++report.trainedOn;
    }
    ws.audit().append(actor, QStringLiteral("reference.add"), QStringLiteral("tasks"), std::nullopt,
                      QJsonObject{{"split", split}, {"report", report.toJson()}});
    tx.commit();
    return report;
}

jobs::JobOutcome ReferenceSetJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    auto lock = jobs::WorkspaceJobLock::forJob(m_dir, title(), false, progress);
    if (!lock) return {JobOutcome::Status::Failed, lock.error().message(), {}};
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    progress.report(0.0, QStringLiteral("Reading the annotations of your images"));
    const auto report = ReferenceSet::fromAnnotations(*opened.value(), m_which, m_actor);
    if (!report) return {JobOutcome::Status::Failed, report.error().message(), {}};
    return {JobOutcome::Status::Done, report.value().summary(referenceSplit(m_which)), report.value().toJson()};
}

}  // namespace medq::dataset
