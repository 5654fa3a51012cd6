#pragma once
// An evaluation's figures by where its items come from (dataset::SourceKind): real sources
// training saw, real sources it never saw, phantoms, and a site's own images. The figures
// that say what the model does on another patient, scanner or slide are the unseen ones.
#include "dataset/SourceSplit.h"
#include "train/Evaluator.h"
#include "train/TrainingExample.h"

#include <QHash>
#include <QJsonObject>
#include <vector>

namespace medq::store { class Workspace; struct ImageRecord; }

namespace medq::learn {

class SourceBreakdown {
public:
    // The kind of task `taskId`'s (first) image: from its synthetic recipe's base, else Site.
    static dataset::SourceKind kindOfTask(store::Workspace& ws, qint64 taskId);
    // Where task `taskId`'s (first) image comes from, as "modality/source": a real base's
    // source, "phantom", "site:<acquisition>" for a site base, an imported image's folder.
    static QString sourceOfTask(store::Workspace& ws, qint64 taskId);
    // The same for one image record.
    static QString sourceOfImage(store::Workspace& ws, const store::ImageRecord& image);
    // {"unseen": {"perception": {accuracy, total, uniformChance, majorityChance, ece, byType: {...}},
    //             "descriptions": n, "meanRubricTotal": x}, ...}: kinds without items are left out.
    static QJsonObject of(store::Workspace& ws, const train::EvaluationReport& report);
    // The kind of each example's task, by TrainingExample::id (the task id).
    static QHash<QString, dataset::SourceKind> kindsOf(store::Workspace& ws, const std::vector<train::TrainingExample>& examples);
};

}  // namespace medq::learn
