#pragma once
// The area under the ROC curve: the chance that a random present label scores above a random
// absent one (ties count half). Threshold-free, so it tells a head whose ranking carries to a
// new source from one whose ranking is right and whose cut is not.

#include <vector>

namespace medq::train {

// -1 when `labels` lacks either class; `labels` are 1 (present) or 0.
double rocAuc(const std::vector<double>& scores, const std::vector<int>& labels);

}  // namespace medq::train
