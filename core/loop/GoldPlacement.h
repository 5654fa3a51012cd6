#pragma once
// Which queue a round's gold items join, and which gold measures an item. Reviewing a draft
// (verify, and an auto-accepted item's spot check) is another way of working than writing
// from scratch (expert): a reviewer keeps some of a draft's wrong answers (automation bias,
// resources/annotator.json), a writer has no draft to keep. So trust is measured per way
// of working, and a flag sends back only the items done that way: gold items reviewed in
// the verify queue say nothing of the items the same person wrote from scratch.
// Gold follows the round's human work: the expert queue's share of it, rounded, the rest
// verify (all verify when nobody reviews or writes).
#include "common/Vocabulary.h"

namespace medq::loop {

class GoldPlacement {
public:
    // How many of `gold` items go to the expert queue, given how many items people review
    // (verify and spot checks) and write from scratch (expert) this round.
    static int expertGold(int gold, int reviewed, int written);
    // The queue whose gold measures an item done in `queue`: Expert for expert items,
    // Verify for reviews (verify, spot-checked auto-accept).
    static Queue measuredBy(Queue queue);
};

}  // namespace medq::loop
