#pragma once
// Which accepted labels a round's fine-tune trains on. All of them by default; at a pool of
// 100,000 and 1,000 items a round that is ~41,000 examples by round 5, of which the 120
// steps read 1,920, so a round's own ~7,500 labels get ~350 reads (docs/scale-out.md). With
// earlierPerNew >= 0 the set is every label of this round and a sample of the earlier
// rounds' labels, that many per label of this round, so the steps go to what is new.
#include <algorithm>
#include <cmath>

namespace medq::loop {

struct FinetuneLabelMix {
    double earlierPerNew = -1;  // RoundOptions::earlierLabelsPerNew; negative: every earlier label

    // How many of `earlier` labels of earlier rounds join `thisRound` labels of this round.
    int earlierCount(int thisRound, int earlier) const {
        if (earlierPerNew < 0) return earlier;
        return std::clamp(int(std::lround(earlierPerNew * double(thisRound))), 0, earlier);
    }
};

}  // namespace medq::loop
