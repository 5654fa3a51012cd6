#pragma once
// Where a fine-tuned checkpoint is accepted or rolled back (step 8 of a round): the candidate
// becomes current only if its validation score beats the base's (or, with a non-inferiority
// margin, falls short of it by less than the margin) and no modality got worse beyond the
// tolerance AND beyond chance (answers: exact McNemar; descriptions: sign test on rubric
// totals; ModalityRegression.h), and the share of validation descriptions it writes as a
// usable draft did not fall beyond the tolerance and chance (sign test over all modalities:
// a degenerate text can still score on the rubric, but a person gets nothing from it). A
// round without new annotations, or with fine-tuning off, trains nothing and the decision is
// Skipped.
//
// Why a margin: the base was itself accepted for beating its predecessor on these same
// validation images, so its score there carries the luck that got it accepted; a candidate
// trained on more annotations must beat that luck too (docs/loop.md §8).
#include "common/Vocabulary.h"
#include "loop/ModalityRegression.h"

#include <QString>
#include <map>

namespace medq::loop {

struct CheckpointVerdict {
    CheckpointDecision decision = CheckpointDecision::Skipped;
    QString reason;        // one sentence for the round record, the audit log and the dashboard
    double gain = 0;       // validation score after - before
    QString worst;         // "<modality> answers|descriptions" that dropped most significantly, if any
    double worstDrop = 0;  // its drop (0: none beyond tolerance and chance)
    double worstP = 1;     // its paired test's p
    DraftChange drafts;    // validation descriptions that lost or gained a usable draft

    bool accepted() const { return decision == CheckpointDecision::Accepted; }
};

class CheckpointGate {
public:
    // tolerance: the largest drop a modality may show; alpha: below this p a drop is not chance;
    // margin: how far the candidate's score may fall below the base's (0: it must be higher).
    CheckpointGate(double tolerance, double alpha, double margin = 0)
        : m_tolerance(tolerance), m_alpha(alpha), m_margin(margin) {}

    // The decision on a trained candidate, from the validation scores of base and candidate
    // and their paired per-modality changes (drafts lost and gained are pooled from these).
    CheckpointVerdict decide(double scoreBefore, double scoreAfter,
                             const std::map<QString, ModalityChange>& changes) const;
    // No candidate was trained: no accepted annotations, or fine-tuning is off.
    static CheckpointVerdict skipped(int newExamples);

private:
    double m_tolerance, m_alpha, m_margin;
};

}  // namespace medq::loop
