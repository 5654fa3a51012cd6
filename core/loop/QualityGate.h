#pragma once
// Step 7 of a round: checks on human (and simulated) annotations before they become
// training data. Gold items with known answers measure each annotator's accuracy; a
// double-annotated share gives agreement on the quality level (Cohen's kappa); every item
// is checked for consistency between its description and its own perception answers.
#include "store/Records.h"

#include <QString>
#include <vector>

namespace medq::store { class Workspace; }

namespace medq::loop {

// Cohen's kappa (1960) of two raters over the same items; 1 when they agree perfectly and
// chance agreement is 1 as well (one category only); 0 for no pairs.
double cohensKappa(const std::vector<std::pair<QString, QString>>& ratings);

struct GateVerdict {
    bool passed = true;
    QString detail;  // the first contradiction found, or "ok"
    int checked = 0; // statements compared
};

// Description vs perception answers of `annotator` on the item: a yes/no answer about an
// attribute that the description contradicts (present vs not reported), or an overall
// quality answer other than the description's conclusion, fails the item.
GateVerdict checkConsistency(store::Workspace& ws, store::Id imageId, const QString& annotator);

// Share of the annotator's perception answers on the item that match the stored truth:
// (correct, answered).
std::pair<int, int> goldAnswers(store::Workspace& ws, store::Id imageId, const QString& annotator);

}  // namespace medq::loop
