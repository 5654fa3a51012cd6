#pragma once
// How long a round's fine-tune runs. A fixed number of steps sees a shrinking share of a set
// that grows every round (120 steps of 16 saw 71% of the first round's 2,700 examples and 19%
// of the sixth's 10,000), so with `epochs` the steps grow with the set instead.
#include <cmath>

namespace medq::loop {

struct FinetuneSchedule {
    int minSteps = 120;  // RoundOptions::fineTuneSteps
    double epochs = 0;   // RoundOptions::fineTuneEpochs; 0: always minSteps
    int batchSize = 16;

    // Steps for a set of `examples` (accepted labels plus replay): at least minSteps, and
    // with epochs > 0 enough to pass over the set that many times. 0 when minSteps is 0
    // (fine-tuning off) or there is nothing to learn from.
    int steps(int examples) const {
        if (minSteps <= 0 || examples <= 0) return 0;
        if (epochs <= 0 || batchSize <= 0) return minSteps;
        const int passes = int(std::ceil(epochs * double(examples) / double(batchSize)));
        return passes > minSteps ? passes : minSteps;
    }
};

}  // namespace medq::loop
