#pragma once
// The figures of one loop round that the lab views plot and tabulate, taken from the round's
// typed metrics (loop/RoundMetrics.h) so the widgets never parse JSON.
#include "store/Records.h"

#include <QMap>
#include <QString>
#include <map>
#include <optional>
#include <vector>

namespace medq::gui {

struct RoundFigures {
    int number = 0;  // 0: the starting model (the first round's evaluation)
    QString strategy, status, checkpoint;  // stored keys ("start" for the starting model)
    int budget = 0;
    double accuracy = 0, rubric = 0, score = 0;  // test perception accuracy, rubric (of 8), combined score
    QMap<QString, double> accuracyByModality, rubricByModality;
    bool assessed = false;                       // false while the round is still running
    std::optional<double> referenceScore;        // on the real reference test set, when there is one
    int selected = 0;
    std::map<Queue, int> routed;                // items per queue
    std::map<Queue, double> secondsByQueue;     // human-seconds per queue (non-gold items)
    double goldSeconds = 0, doubleSeconds = 0;  // human-seconds on gold items and second readings
    double humanSeconds = 0;
    int acceptedLabels = 0;
    std::optional<CheckpointDecision> decision;  // none until the round fine-tuned
    QString reason;
    double validationBefore = 0, validationAfter = 0;

    // Figures of one round (its assessment, or nothing yet while it runs).
    static RoundFigures fromRound(const store::RoundRecord& round);
    // The model before any round: the first round's evaluation.
    static RoundFigures baseline(const store::RoundRecord& firstRound);
    // Baseline plus every round, oldest first (empty when there are no rounds).
    static std::vector<RoundFigures> series(const std::vector<store::RoundRecord>& rounds);
    // Every modality seen in `figures`, sorted.
    static QStringList modalities(const std::vector<RoundFigures>& figures);
};

}  // namespace medq::gui
