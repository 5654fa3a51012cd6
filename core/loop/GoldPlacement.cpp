#include "loop/GoldPlacement.h"

#include <algorithm>
#include <cmath>

namespace medq::loop {

int GoldPlacement::expertGold(int gold, int reviewed, int written) {
    if (gold <= 0 || written <= 0) return 0;
    if (reviewed <= 0) return gold;
    const double share = double(written) / double(reviewed + written);
    return std::clamp(int(std::lround(share * gold)), 0, gold);
}

Queue GoldPlacement::measuredBy(Queue queue) { return queue == Queue::Expert ? Queue::Expert : Queue::Verify; }

}  // namespace medq::loop
