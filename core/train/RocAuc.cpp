#include "train/RocAuc.h"

#include <algorithm>
#include <numeric>

namespace medq::train {

double rocAuc(const std::vector<double>& scores, const std::vector<int>& labels) {
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    // Mann-Whitney: the sum of the present labels' ranks, ties given their mean rank.
    double rankSum = 0, present = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
        const double rank = 0.5 * double(i + j + 1);
        for (std::size_t k = i; k < j; ++k)
            if (labels[order[k]]) rankSum += rank, present += 1;
        i = j;
    }
    const double absent = double(scores.size()) - present;
    if (present == 0 || absent == 0) return -1;
    return (rankSum - present * (present + 1) / 2) / (present * absent);
}

}  // namespace medq::train
