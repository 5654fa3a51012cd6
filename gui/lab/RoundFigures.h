#pragma once
// The figures of one loop round that the lab views plot and tabulate, read from the round's
// `metrics` JSON (see core/loop/RoundRunner.cpp for the keys) so the widgets never parse it.
#include "store/Records.h"

#include <QMap>
#include <QString>
#include <vector>

namespace medq::gui {

struct RoundFigures {
    int number = 0;  // 0: the starting model (the first round's evaluation)
    QString strategy, status, checkpoint;
    int budget = 0;
    double accuracy = 0, rubric = 0, score = 0;  // test perception accuracy, rubric (of 8), combined score
    QMap<QString, double> accuracyByModality, rubricByModality;
    bool assessed = false;                       // false while the round is still running
    int selected = 0;
    QMap<QString, int> routed;                   // auto_accept | verify | expert -> items
    QMap<QString, double> secondsByQueue;        // human-seconds per queue
    double humanSeconds = 0;
    int acceptedLabels = 0;
    QString decision, reason;                    // accepted | rolled back | skipped
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
