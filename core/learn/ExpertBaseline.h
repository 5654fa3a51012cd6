#pragma once
// The "expert" reference line: the simulated annotator answers the same benchmark tasks
// (with its configured misses and wrong severities) and is scored by the same code as the
// model, so the two numbers are directly comparable.
#include "store/Workspace.h"
#include "synth/AnnotatorConfig.h"
#include "train/PerceptionMetrics.h"

#include <map>

namespace medq::learn {

struct BaselineReport {
    train::PerceptionSummary perception;
    double meanRubricTotal = 0;  // of 8
    int descriptions = 0;
    // The same by where the items come from (dataset::sourceKindKey: "unseen", "phantom", ...),
    // so the model's figures on sources it never saw stand beside the expert's on those items.
    struct Part {
        train::PerceptionSummary perception;
        double meanRubricTotal = 0;
        int descriptions = 0;
    };
    std::map<QString, Part> bySource;
    QJsonObject toJson() const;
};

class ExpertBaseline {
public:
    // Scores tasks of `split` on synthetic images (imported images have no ground truth).
    static BaselineReport evaluate(store::Workspace& ws, const QString& split, const synth::AnnotatorConfig& config);
};

}  // namespace medq::learn
