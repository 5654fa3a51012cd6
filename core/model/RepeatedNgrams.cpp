#include "model/RepeatedNgrams.h"

#include <algorithm>

namespace medq::model {

std::vector<int> repeatingNgramTokens(const std::vector<int>& generated, int n) {
    std::vector<int> out;
    const int size = int(generated.size());
    if (n < 2 || size == 0) return out;
    out.push_back(generated.back());
    const int prefix = n - 1;
    if (size < prefix) return out;
    const auto tail = generated.end() - prefix;
    for (int start = 0; start + prefix < size; ++start)
        if (std::equal(tail, generated.end(), generated.begin() + start))
            out.push_back(generated[std::size_t(start + prefix)]);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace medq::model
