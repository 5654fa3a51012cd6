#include "model/Entropy.h"

#include <algorithm>
#include <cmath>

namespace medq::model {

std::vector<double> softmax(const std::vector<double>& logits) {
    if (logits.empty()) return {};
    const double top = *std::max_element(logits.begin(), logits.end());
    std::vector<double> p(logits.size());
    double sum = 0;
    for (std::size_t i = 0; i < logits.size(); ++i) sum += p[i] = std::exp(logits[i] - top);
    for (double& v : p) v /= sum;
    return p;
}

double entropyNats(const std::vector<double>& probabilities) {
    double h = 0;
    for (double p : probabilities)
        if (p > 0) h -= p * std::log(p);
    return h;
}

}  // namespace medq::model
