#pragma once
// Which severity the attribute head calls from its {none, mild, moderate, severe}
// probabilities. The most probable one favours "none" on sources the model never saw (most
// attributes are absent in training), so a checkpoint may carry a threshold per slot on
// P(present) = 1 - P(none), fitted on held-out images (train::PresenceThresholds).
#include <algorithm>
#include <array>
#include <vector>

namespace medq::model {

// 0 (none) .. 3 (severe). Without a threshold (< 0 or missing): the most probable severity;
// with one: present when 1 - p[0] reaches it, then the most probable of mild..severe.
inline int calledSeverity(const std::array<double, 4>& p, double threshold = -1.0) {
    if (threshold < 0) return int(std::max_element(p.begin(), p.end()) - p.begin());
    if (1.0 - p[0] < threshold) return 0;
    return 1 + int(std::max_element(p.begin() + 1, p.end()) - (p.begin() + 1));
}

// The threshold of `slot`, or -1 (none) when `thresholds` has no entry for it.
inline double thresholdOf(const std::vector<double>& thresholds, std::size_t slot) {
    return slot < thresholds.size() ? thresholds[slot] : -1.0;
}

}  // namespace medq::model
