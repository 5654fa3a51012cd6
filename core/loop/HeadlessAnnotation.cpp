#include "loop/HeadlessAnnotation.h"

#include "annotate/SubmissionRules.h"
#include "eval/FindingExtractor.h"
#include "loop/ItemTruth.h"
#include "store/LoopRepository.h"
#include "store/Permissions.h"
#include "store/Workspace.h"

#include <QJsonArray>

namespace medq::loop {
namespace {

QJsonObject labelsJson(const synth::GroundTruth& truth) {
    // The workstation's form (AnnotationState): attribute key -> severity.
    QJsonObject attributes;
    for (const auto& a : truth.attributes) attributes.insert(a.key, severityKey(a.severity));
    return {{"attributes", attributes}};
}

// The workstation's submission rules hold for simulated annotations too.
Status complete(const store::TaskRecord& task, const store::AnnotationRecord& a) {
    return annotate::SubmissionRules::check(task, annotate::AnnotationState::fromLabels(a.labels, a.answer, a.text,
                                                                                        a.qualityLevel));
}

}  // namespace

synth::GroundTruth draftLabels(const QString& draftText, Modality modality) {
    const eval::Findings f = eval::FindingExtractor::extract(draftText, modality);
    std::vector<AttributeSeverity> present;
    for (auto it = f.present.begin(); it != f.present.end(); ++it) present.push_back({it.key(), it.value()});
    return synth::GroundTruth::from(modality, present);
}

Status HeadlessAnnotator::requireTruthIn(store::Workspace& ws) {
    std::int64_t files = 0;
    for (const auto& perStatus : ws.poolFiles().countByModality()) files += perStatus.value(PoolFileStatus::Registered);
    if (files == 0) return {};
    return Error{QStringLiteral("simulated annotator"),
                 QStringLiteral("it answers from ground truth, and %1 pool items are your own files, which have none; "
                                "run the round with the human annotator (--annotator human) and annotate them in the "
                                "workstation")
                     .arg(files)};
}

Result<AnnotatedItem> HeadlessAnnotator::annotate(store::Id imageId, bool review, const QString& modelVersion,
                                                  std::uint64_t seed) {
    const auto image = m_ws.images().get(imageId);
    if (!image) return Error{QStringLiteral("image %1").arg(imageId), QStringLiteral("not in the workspace")};
    const auto truth = itemTruth(*image);
    if (!truth) return Error{image->path, QStringLiteral("the simulated annotator needs a synthetic item")};
    const auto tasks = m_ws.tasks().forImage(imageId);
    std::vector<store::Id> taskIds;
    for (const auto& t : tasks) taskIds.push_back(t.id);

    synth::AnnotationResult result;
    if (review) {
        QString draftText;
        std::map<store::Id, int> drafted;  // perception task -> the draft's option
        for (const auto& o : store::LoopRepository(m_ws.db()).outputsFor(taskIds, modelVersion)) {
            if (!o.draftText.isEmpty()) draftText = o.draftText;
            if (o.answer.size() == 1 && o.answer[0] >= QLatin1Char('A')) drafted[o.taskId] = o.answer[0].unicode() - 'A';
        }
        result = m_annotator.review(truth->item.truth, draftLabels(draftText, truth->recipe.modality),
                                    answersByQuestion(*truth, tasks, drafted), truth->item.questions, seed);
    } else {
        result = m_annotator.annotate(truth->item.truth, truth->item.questions, seed);
    }

    m_ws.annotations().ensureAnnotator(m_name, store::roleKey(store::Role::Annotator));
    AnnotatedItem out;
    out.imageId = imageId;
    out.annotator = m_name;
    out.action = result.action;
    out.seconds = result.seconds;
    out.qualityLevel = qualityLevelKey(result.labels.level);
    for (const store::TaskRecord& task : tasks) {
        store::AnnotationRecord a;
        a.taskId = task.id;
        a.annotator = m_name;
        a.action = out.action;
        if (task.kind == TaskKind::Description) {
            if (task.secondImageId) continue;
            a.text = result.description;
            a.labels = labelsJson(result.labels);
            a.qualityLevel = out.qualityLevel;
            a.timeSpentMs = std::int64_t(result.seconds * 1000.0);  // the whole item's time, once
        } else {
            const synth::PerceptionQuestion* q = questionFor(*truth, tasks, task);
            if (!q) continue;
            const std::size_t index = std::size_t(q - truth->item.questions.data());
            if (index >= result.answers.size() || result.answers[index] < 0) continue;
            a.answer = QString(QChar('A' + result.answers[index]));
        }
        if (Status s = complete(task, a); !s) return s.error();
        out.annotations.emplace_back(task.id, m_ws.annotations().submit(a).id);
    }
    return out;
}

Result<AnnotatedItem> HeadlessAnnotator::acceptDraft(store::Workspace& ws, store::Id imageId, const QString& modelVersion) {
    const auto image = ws.images().get(imageId);
    if (!image) return Error{QStringLiteral("image %1").arg(imageId), QStringLiteral("not in the workspace")};
    const Modality modality = modalityFromString(image->modality).value_or(Modality::Other);
    const auto tasks = ws.tasks().forImage(imageId);
    std::vector<store::Id> taskIds;
    for (const auto& t : tasks) taskIds.push_back(t.id);
    ws.annotations().ensureAnnotator(kAutoAcceptAnnotator, store::roleKey(store::Role::Annotator));
    AnnotatedItem out;
    out.imageId = imageId;
    out.annotator = kAutoAcceptAnnotator;
    out.action = AnnotationAction::Accept;
    for (const auto& o : store::LoopRepository(ws.db()).outputsFor(taskIds, modelVersion)) {
        store::AnnotationRecord a;
        a.taskId = o.taskId;
        a.annotator = kAutoAcceptAnnotator;
        a.action = out.action;
        if (!o.draftText.isEmpty()) {
            const synth::GroundTruth labels = draftLabels(o.draftText, modality);
            a.text = o.draftText;
            a.labels = labelsJson(labels);
            a.qualityLevel = out.qualityLevel = qualityLevelKey(labels.level);
        } else {
            a.answer = o.answer;
        }
        for (const store::TaskRecord& task : tasks)
            if (task.id == o.taskId)
                if (Status s = complete(task, a); !s) return s.error();
        out.annotations.emplace_back(o.taskId, ws.annotations().submit(a).id);
    }
    if (out.annotations.empty()) return Error{QStringLiteral("image %1").arg(imageId), QStringLiteral("no draft to accept")};
    return out;
}

}  // namespace medq::loop
