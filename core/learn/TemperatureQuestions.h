#pragma once
// Which held-out questions the answer temperature (train::AnswerTemperature) is fitted on.
// A site's own images all come from sources training never saw, and the model is more
// overconfident there than on phantoms (validation split of the default recipe: ECE 0.165 on
// its real sources, 0.037 on its phantoms; docs/experiments.md). So the temperature is fitted
// on the held-out questions about real sources (never trained on, as the split by source
// keeps them) when there are enough of them, else on every held-out question.
#include "dataset/SourceSplit.h"
#include "train/TrainingExample.h"

#include <QHash>
#include <QString>
#include <vector>

namespace medq::learn {

class TemperatureQuestions {
public:
    // Fewer real-source perception questions than this: every held-out question (a fit on a
    // few hundred moves the temperature by a few percent between resamples; on 20 it is noise).
    static constexpr int kMinRealQuestions = 200;

    enum class Basis { RealSources, AllHeldOut };
    static QString key(Basis basis);  // "real sources", "all held-out" (kept in the manifest)

    Basis basis = Basis::AllHeldOut;
    std::vector<train::TrainingExample> examples;  // the questions to fit on (all of heldOut with AllHeldOut)
    int realQuestions = 0;                         // perception questions about real sources in heldOut

    // `kinds`: each example's source kind by its id (SourceBreakdown::kindsOf).
    static TemperatureQuestions choose(const std::vector<train::TrainingExample>& heldOut,
                                       const QHash<QString, dataset::SourceKind>& kinds);
};

}  // namespace medq::learn
