#pragma once
// HTML for the model draft: option probabilities as bars, and the description with
// uncertain words highlighted (per-token entropy above a threshold).
#include "store/Records.h"

#include <QString>

namespace medq::gui {

// Entropy (nats) above which a draft word is marked uncertain.
constexpr double kUncertainTokenEntropy = 1.5;

QString renderDraftHtml(const store::TaskRecord& task, const store::ModelOutputRecord& draft);

}  // namespace medq::gui
