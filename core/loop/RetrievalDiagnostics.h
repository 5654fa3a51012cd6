#pragma once
// Why the engine strategy helps or does not (issue "Sample efficiency and routing savings"):
// for each kept failure prototype of a round, its purity (the share of its failed members
// that missed its most-missed attribute, its failure mode) and the retrieval precision of
// that failure mode (the share of the pool items it selected whose true degradations include
// the attribute), against chance (the share of the pool's items of its modality that carry
// it, which is what a uniform draw from that modality would find). Only pool items with a
// known truth (synthetic recipes) count; a site's own files carry none.
#include "store/Records.h"

#include <QString>
#include <map>
#include <vector>

namespace medq::store { class Workspace; }

namespace medq::loop {

// A prototype's failure mode: the attribute most of its members missed.
struct FailureMode {
    store::Id prototypeId = 0;
    QString modality;   // modalityKey, e.g. "ct"
    QString attribute;  // taxonomy key without the modality, e.g. "metal_streak"
    int members = 0;
    int membersWithIt = 0;  // members that missed this attribute
};

// A selected pool item with its truth: the prototype that retrieved it and its degradations.
struct RetrievedItem {
    store::Id prototypeId = 0;
    QString modality;
    std::vector<QString> attributes;  // taxonomy keys present in its recipe
};

// Share of the pool's items of a modality that carry each attribute: chance[modality][attribute].
using AttributeShares = std::map<QString, std::map<QString, double>>;

struct PrototypeRetrieval {
    FailureMode mode;
    int retrieved = 0;  // selected items with a truth
    int withMode = 0;   // of those, items that carry the failure mode
    double chance = 0;  // the mode's share in the pool's items of its modality
    double purity() const { return mode.members ? double(mode.membersWithIt) / mode.members : 0.0; }
    double precision() const { return retrieved ? double(withMode) / retrieved : 0.0; }
};

struct RetrievalDiagnosis {
    std::vector<PrototypeRetrieval> prototypes;
    double purity = 0;     // members with their prototype's mode over all members
    int retrieved = 0;     // selected items with a truth and a prototype
    int withMode = 0;
    double precision = 0;  // withMode / retrieved
    double chance = 0;     // expected precision of a same-modality uniform draw of the same items
    // precision / chance (0 when chance is 0): how many times more often retrieval finds
    // the failure mode than a uniform draw from the same modalities.
    double lift() const { return chance > 0 ? precision / chance : 0.0; }
};

RetrievalDiagnosis diagnoseRetrieval(const std::vector<FailureMode>& modes, const std::vector<RetrievedItem>& items,
                                     const AttributeShares& shares);

// The pool's attribute shares per modality over its recipe items.
AttributeShares poolAttributeShares(store::Workspace& ws);
// The kept prototypes' failure modes and their selected items with a truth, of round `roundId`.
RetrievalDiagnosis diagnoseRound(store::Workspace& ws, store::Id roundId, const AttributeShares& shares);

}  // namespace medq::loop
