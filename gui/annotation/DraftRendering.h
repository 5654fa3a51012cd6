#pragma once
// HTML for the model draft: option probabilities as bars, and the description with
// uncertain words highlighted (per-token entropy above a threshold).
#include "assess/Assessment.h"
#include "store/Records.h"

#include <QString>

namespace medq::gui {

// Entropy (nats) above which a draft word is marked uncertain.
constexpr double kUncertainTokenEntropy = 1.5;

QString renderDraftHtml(const store::TaskRecord& task, const store::ModelOutputRecord& draft);
// The model's assessment of an image opened outside a queue: level with its probabilities,
// the 1-5 score, attributes at least mild (most severe first), description, uncertainty.
QString renderAssessmentHtml(const assess::Assessment& assessment, const QString& checkpoint);

}  // namespace medq::gui
