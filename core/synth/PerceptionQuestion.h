#pragma once
// One multiple-choice perception question (at most four options, A-D) with its correct answer.
#include "synth/GroundTruth.h"
#include "taxonomy/QuestionTemplates.h"

#include <QStringList>

namespace medq::synth {

// A generated question. `optionKeys` are machine-readable option meanings: "yes"/"no", severity
// keys, attribute keys or "none" (what), level keys (overall how), "first"/"second"/"similar".
struct PerceptionQuestion {
    QuestionType type = QuestionType::YesNo;
    QString text;
    QStringList options;
    QStringList optionKeys;
    int correct = 0;
    QString attributeKey;  // the attribute asked about (yes/no, how); empty otherwise
    bool general = false;  // general vs modality-specific question (MedQ-Bench's split)
    Severity imageLevel = Severity::None;  // the image's worst severity, for per-level accuracy

    QChar correctLabel() const { return QuestionTemplates::optionLabel(correct); }
    // The option that is right for `truth`, or -1 (comparison questions, or a "what" question
    // whose truth has no single dominant attribute among the options).
    int answerFor(const GroundTruth& truth) const;
    // The option of a comparison question that is right for the pair.
    int answerFor(const GroundTruth& first, const GroundTruth& second) const;
};

}  // namespace medq::synth
