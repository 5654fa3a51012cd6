#pragma once
// Perception answers and descriptions derived from an attribute head's readings, for a
// model with no text decoder (a site's TorchScript model, docs/own-model.md). The question's
// form is told by its options (taxonomy/QuestionTemplates.h):
//   yes/no:      P(yes) = P(present) = 1 - P(none) of the attribute the question names;
//   how severe:  the head's severity probabilities of that attribute;
//   overall:     QualityRule::levelDistribution over the modality's attributes;
//   what:        each offered attribute weighs P(present) x E[severity | present] / 3, and
//                "No obvious artefact" P(nothing present) (an approximation of "dominates");
//   comparison:  P(first better) = P(level(first) > level(second)), similar when equal.
// A question about an attribute the model does not read, or in a form it cannot tell, gets
// uniform probabilities: maximal entropy, so routing sends it to the expert.
#include "io/Modality.h"
#include "model/QualityQueries.h"

#include <array>
#include <cstdint>
#include <vector>

namespace medq::model {

// One image's head reading: per taxonomy slot, P(none, mild, moderate, severe).
using SlotReading = std::vector<std::array<double, 4>>;

class ReadingAnswers {
public:
    // covered[slot]: the model reads that slot. thresholds: per slot, where it calls an
    // attribute present (model/PresenceCall.h), for descriptions; empty: the most probable.
    ReadingAnswers(std::vector<bool> covered, std::vector<double> thresholds = {})
        : m_covered(std::move(covered)), m_thresholds(std::move(thresholds)) {}

    // Option probabilities (summing to 1) for `q` about images of `modality`; `second` is
    // the second image's reading of a pair (else null).
    std::vector<double> probabilities(const PerceptionQuery& q, Modality modality, const SlotReading& first,
                                      const SlotReading* second) const;
    // A MedQ-Bench style description written from the called severities (synth::
    // DescriptionWriter); its uncertainty is the mean entropy of the modality's read slots,
    // one "token entropy" per slot.
    GeneratedDescription describe(Modality modality, const SlotReading& first, const SlotReading* second,
                                  std::uint64_t seed) const;
    // P(reject, usable, good) of one image over the modality's read slots.
    std::array<double, 3> levels(Modality modality, const SlotReading& reading) const;

private:
    bool reads(int slot) const { return slot >= 0 && std::size_t(slot) < m_covered.size() && m_covered[std::size_t(slot)]; }
    std::vector<int> modalitySlots(Modality modality) const;

    std::vector<bool> m_covered;
    std::vector<double> m_thresholds;
};

}  // namespace medq::model
