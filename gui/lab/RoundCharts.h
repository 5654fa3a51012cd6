#pragma once
// The dashboard's Qt Charts, built from round figures: x is the round (0 = the starting
// model). Each function returns a new chart the caller's QChartView takes over.
#include "lab/RoundFigures.h"

class QChart;

namespace medq::gui {

// The simulated annotator scored like the model: the "expert" reference line.
struct ExpertReference {
    // Figures of the default simulated annotator on the default benchmark, used until the
    // workspace's own figure is computed (see ExpertReferenceJob).
    double accuracy = 0.911;
    double rubric = 7.64;
    bool measured = false;  // computed on this workspace's test split
};

class RoundCharts {
public:
    // Test perception accuracy per round: overall, per modality, and the expert line.
    static QChart* accuracy(const std::vector<RoundFigures>& figures, const ExpertReference& expert);
    // Mean description rubric total (of 8) per round, per modality, and the expert line.
    static QChart* rubric(const std::vector<RoundFigures>& figures, const ExpertReference& expert);
    // Items routed to each queue per round (what the budget was spent on).
    static QChart* annotations(const std::vector<RoundFigures>& figures);
    // Human-seconds per round by queue (gold and double annotation included).
    static QChart* humanSeconds(const std::vector<RoundFigures>& figures);
    // Validation score before/after fine-tuning; rolled-back rounds drawn red.
    static QChart* checkpoints(const std::vector<RoundFigures>& figures);
};

}  // namespace medq::gui
