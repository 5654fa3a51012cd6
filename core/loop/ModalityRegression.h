#pragma once
// The per-modality guard of quality-assured fine-tuning: did the candidate checkpoint answer
// a modality's validation questions worse than the base did? Both answered the same
// questions, so the comparison is paired: only the questions that changed from right to
// wrong (lost) or wrong to right (gained) carry information. A modality counts as dropped
// when its accuracy fell by more than the tolerance AND the drop is unlikely to be chance
// (exact one-sided McNemar test: P(at least `lost` of the `lost + gained` changes go the
// wrong way | no real change) below `alpha`). With ~200 questions a modality, a 3-point
// drop is within sampling noise, and rolling back on it discards good checkpoints at random.
#include "loop/ItemDrafter.h"

#include <QJsonObject>
#include <QString>
#include <map>
#include <vector>

namespace medq::loop {

struct ModalityChange {
    int questions = 0;  // perception questions both checkpoints answered with a known truth
    int lost = 0;       // right before, wrong after
    int gained = 0;     // wrong before, right after
    double drop() const { return questions > 0 ? double(lost - gained) / double(questions) : 0.0; }
    // One-sided exact McNemar p-value that the candidate is worse on this modality.
    double pValue() const;
    bool dropped(double tolerance, double alpha) const { return drop() > tolerance && pValue() < alpha; }
};

// Per modality, paired by task over the images both draft sets hold.
std::map<QString, ModalityChange> compareByModality(const std::vector<ItemDraft>& before, const std::vector<ItemDraft>& after);

// {modality: {questions, lost, gained, drop, p}} for the round's record.
QJsonObject toJson(const std::map<QString, ModalityChange>& changes);

}  // namespace medq::loop
