#include "learn/SourceBreakdown.h"

#include "dataset/BaseLibrary.h"
#include "dataset/SiteBases.h"
#include "dataset/SynthRecipe.h"
#include "store/Workspace.h"

#include <QFileInfo>
#include <QHash>

namespace medq::learn {

using dataset::SourceKind;

SourceKind SourceBreakdown::kindOfTask(store::Workspace& ws, qint64 taskId) {
    const auto task = ws.tasks().get(taskId);
    if (!task) return SourceKind::Site;
    const auto image = ws.images().get(task->imageId);
    if (!image) return SourceKind::Site;
    const auto recipe = dataset::SynthRecipe::fromText(image->metadata.value(QStringLiteral("recipe")).toString());
    if (!recipe) return SourceKind::Site;
    return dataset::SiteBases::kindOf(ws, recipe->modality, recipe->base);
}

QString SourceBreakdown::sourceOfTask(store::Workspace& ws, qint64 taskId) {
    const auto task = ws.tasks().get(taskId);
    if (!task) return QStringLiteral("unknown");
    const auto image = ws.images().get(task->imageId);
    if (!image) return QStringLiteral("unknown");
    return sourceOfImage(ws, *image);
}

QString SourceBreakdown::sourceOfImage(store::Workspace& ws, const store::ImageRecord& image) {
    const auto recipe = dataset::SynthRecipe::fromText(image.metadata.value(QStringLiteral("recipe")).toString());
    if (!recipe) return image.modality + QLatin1Char('/') + QFileInfo(image.path).path();  // imported: its folder
    const QString modality = modalityKey(recipe->modality) + QLatin1Char('/');
    if (recipe->base < 0) return modality + QStringLiteral("phantom");
    if (!recipe->isSiteBase()) return modality + dataset::BaseLibrary::sourceOf(recipe->modality, recipe->base);
    const auto row = ws.siteBases().get(recipe->siteBaseId());
    return modality + QStringLiteral("site:") + (row ? row->source : QString::number(recipe->siteBaseId()));
}

QHash<QString, SourceKind> SourceBreakdown::kindsOf(store::Workspace& ws, const std::vector<train::TrainingExample>& examples) {
    QHash<QString, SourceKind> out;
    for (const auto& e : examples)
        if (!out.contains(e.id)) out.insert(e.id, kindOfTask(ws, e.id.toLongLong()));
    return out;
}

QJsonObject SourceBreakdown::of(store::Workspace& ws, const train::EvaluationReport& report) {
    QHash<QString, QString> kindOf;  // task id -> kind key
    const auto kind = [&](const QString& id) {
        auto it = kindOf.find(id);
        if (it == kindOf.end()) it = kindOf.insert(id, dataset::sourceKindKey(kindOfTask(ws, id.toLongLong())));
        return *it;
    };
    // The same outcomes grouped by kind: their cells keep the split's chance lines.
    std::vector<train::PerceptionOutcome> byKind = report.perceptionItems;
    for (auto& o : byKind) o.group = kind(o.id);
    const QJsonObject cells = train::summarisePerception(byKind).toJson().value(QStringLiteral("byGroup")).toObject();
    QMap<QString, std::pair<int, double>> rubric;  // kind -> (descriptions, rubric sum)
    for (const auto& d : report.descriptionItems) {
        auto& [n, sum] = rubric[kind(d.id)];
        ++n;
        sum += d.rubric ? d.rubric->total() : 0;
    }
    QJsonObject out;
    for (SourceKind k : {SourceKind::Seen, SourceKind::Unseen, SourceKind::Phantom, SourceKind::Site}) {
        const QString key = dataset::sourceKindKey(k);
        if (!cells.contains(key) && !rubric.contains(key)) continue;
        // Within the kind, by question type: chance lines of the kind's own items.
        std::vector<train::PerceptionOutcome> ofKind;
        for (const auto& o : byKind)
            if (o.group == key) ofKind.push_back(o);
        QJsonObject perception = cells.value(key).toObject();
        if (!ofKind.empty()) {
            perception.insert(QStringLiteral("byType"), train::summarisePerception(ofKind).toJson().value(QStringLiteral("byType")));
            // Calibration where it matters: a model sure of itself on new sources routes
            // their drafts to auto-accept.
            perception.insert(QStringLiteral("ece"), train::expectedCalibrationError(ofKind));
        }
        QJsonObject entry{{"perception", perception}};
        const auto [n, sum] = rubric.value(key);
        entry.insert(QStringLiteral("descriptions"), n);
        if (n > 0) entry.insert(QStringLiteral("meanRubricTotal"), sum / n);
        out.insert(key, entry);
    }
    return out;
}

}  // namespace medq::learn
