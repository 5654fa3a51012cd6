#pragma once
// The per-modality guard of quality-assured fine-tuning: did the candidate checkpoint do a
// modality's validation items worse than the base did? Both answered the same questions and
// described the same images, so the comparison is paired: only the items that changed carry
// information. Answers: right -> wrong (lost) against wrong -> right (gained). Descriptions:
// rubric total fell (worse) against rose (better). A modality counts as dropped when its
// accuracy, or its mean rubric total / 8, fell by more than the tolerance AND the drop is
// unlikely to be chance (exact one-sided sign test, McNemar's for answers: P(at least that
// many of the changes go the wrong way | no real change) below `alpha`). With ~200
// questions a modality, a 3-point drop is within sampling noise, and rolling back on it
// discards good checkpoints at random.
#include "loop/ItemDrafter.h"

#include <QJsonObject>
#include <QString>
#include <algorithm>
#include <map>
#include <vector>

namespace medq::loop {

// P(X >= against), X ~ Binomial(against + forIt, 1/2): the one-sided exact sign test.
double signTestP(int against, int forIt);

// A drop counts when it is beyond the tolerance and a paired test cannot put it down to
// chance (p below alpha): the one rule for answers, descriptions and drafts.
inline bool beyondToleranceAndChance(double drop, double p, double tolerance, double alpha) {
    return drop > tolerance && p < alpha;
}

struct ModalityChange {
    int questions = 0;  // perception questions both checkpoints answered with a known truth
    int lost = 0;       // right before, wrong after
    int gained = 0;     // wrong before, right after
    int descriptions = 0;  // descriptions both checkpoints wrote with a reference to score against
    int worse = 0;         // rubric total lower after
    int better = 0;        // rubric total higher after
    int rubricLoss = 0;    // sum over descriptions of (total before - total after)
    // Drafts, whether or not a reference exists: a degenerate text (DegenerateDraft.h) is no
    // draft at all for a person, whatever the rubric makes of its words.
    int drafted = 0;       // descriptions both checkpoints wrote
    int draftsLost = 0;    // a usable draft before, a degenerate one after
    int draftsGained = 0;  // the other way round

    double drop() const { return questions > 0 ? double(lost - gained) / double(questions) : 0.0; }
    double pValue() const { return signTestP(lost, gained); }  // exact McNemar
    double descriptionDrop() const { return descriptions > 0 ? double(rubricLoss) / (8.0 * descriptions) : 0.0; }
    double descriptionPValue() const { return signTestP(worse, better); }

    struct Drop {
        double amount = 0;  // 0: nothing dropped beyond tolerance and chance
        double p = 1;
        QString what;       // "answers" or "descriptions"
    };
    // The larger of the answer and description drops that exceed the tolerance and chance.
    Drop significantDrop(double tolerance, double alpha) const;
    bool dropped(double tolerance, double alpha) const { return significantDrop(tolerance, alpha).amount > 0; }
    double largestDrop() const { return std::max(drop(), descriptionDrop()); }  // significant or not
};

// Per modality, paired by task over the items both draft sets hold.
std::map<QString, ModalityChange> compareByModality(const std::vector<ItemDraft>& before, const std::vector<ItemDraft>& after);

// Drafts lost against gained over all modalities together: a generator that stops writing
// usable text does so across modalities, and pooling gives the sign test its power.
struct DraftChange {
    int drafted = 0, lost = 0, gained = 0;
    double drop() const { return drafted > 0 ? double(lost - gained) / double(drafted) : 0.0; }
    double pValue() const { return signTestP(lost, gained); }
    bool dropped(double tolerance, double alpha) const { return beyondToleranceAndChance(drop(), pValue(), tolerance, alpha); }
};
DraftChange pooledDrafts(const std::map<QString, ModalityChange>& changes);

// {modality: {questions, lost, gained, drop, p, descriptions, worse, better, descriptionDrop,
// descriptionP, drafted, draftsLost, draftsGained}} for the round's record.
QJsonObject toJson(const std::map<QString, ModalityChange>& changes);

}  // namespace medq::loop
