#pragma once
// How a round's failure prototypes relate to the previous round's: prototypes are matched by
// their dominant modality and attribute (the most often missed one), and the failures of
// matched groups compared. A previous group with no match this round is resolved.
#include "store/Records.h"

#include <QHash>
#include <QString>
#include <vector>

namespace medq::gui {

enum class PrototypeTrend { FirstRound, New, Growing, Shrinking, Unchanged, Resolved };

QString trendName(PrototypeTrend trend);  // translated, for badges

struct PrototypeComparison {
    QHash<store::Id, PrototypeTrend> trend;            // per prototype of the current round
    std::vector<store::PrototypeRecord> resolved;      // previous-round prototypes with no match now

    // "mri/motion_artifact"; "mri/-" when no attribute was missed (description failures only).
    static QString matchKey(const store::PrototypeRecord& p);
    // `previous` empty and `hasPrevious` false: every trend is FirstRound.
    static PrototypeComparison compare(const std::vector<store::PrototypeRecord>& current,
                                       const std::vector<store::PrototypeRecord>& previous, bool hasPrevious);
};

}  // namespace medq::gui
