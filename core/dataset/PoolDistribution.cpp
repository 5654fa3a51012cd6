#include "dataset/PoolDistribution.h"

#include "common/Random.h"
#include "taxonomy/Taxonomy.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace medq::dataset {

PoolDistribution::PoolDistribution(std::uint64_t seed) : m_seed(seed) {
    // Zipf-like prevalence (weight 1/rank^1.3) over a seeded random ranking of each
    // modality's attributes: the rarest is ~10x less frequent than the most common.
    for (std::size_t m = 0; m < kClinicalModalities.size(); ++m) {
        const auto& attrs = Taxonomy::instance().attributes(kClinicalModalities[m]);
        std::vector<int> rank(attrs.size());
        std::iota(rank.begin(), rank.end(), 1);
        Random rng(Random::derive(seed, 1000 + m));
        rng.shuffle(rank);
        std::vector<double> w(attrs.size());
        for (std::size_t i = 0; i < attrs.size(); ++i) w[i] = 1.0 / std::pow(double(rank[i]), 1.3);
        const double sum = std::accumulate(w.begin(), w.end(), 0.0);
        for (double& x : w) x /= sum;
        m_attributeWeights[m] = w;
    }
}

SynthRecipe PoolDistribution::sample(std::uint64_t index, const RealBases& realBases) const {
    Random rng(Random::derive(m_seed, index));
    SynthRecipe r;
    double u = rng.uniform(), acc = 0;
    std::size_t m = 0;
    for (; m + 1 < kModalityWeights.size(); ++m) {
        acc += kModalityWeights[m];
        if (u < acc) break;
    }
    r.modality = kClinicalModalities[m];
    r.seed = rng.next();
    const std::vector<int>& bases = realBases[m];
    r.base = (!bases.empty() && rng.bernoulli(0.3)) ? bases[std::size_t(rng.uniformInt(0, int(bases.size()) - 1))] : -1;
    // Half the phantom items on the varied generation, decided by the item's seed so the
    // draws that follow stay as they were.
    if (r.base < 0 && (r.seed >> 11) % 2 == 1) r.base = SynthRecipe::kVariedPhantom;
    if (rng.bernoulli(0.25)) return r;  // clean item
    const auto& attrs = Taxonomy::instance().attributes(r.modality);
    std::vector<double> w = m_attributeWeights[m];
    const double c = rng.uniform();
    const int count = c < 0.6 ? 1 : c < 0.9 ? 2 : 3;
    for (int k = 0; k < count; ++k) {
        const double total = std::accumulate(w.begin(), w.end(), 0.0);
        if (total <= 0) break;
        double pick = rng.uniform() * total;
        std::size_t i = 0;
        for (; i + 1 < w.size(); ++i) {
            pick -= w[i];
            if (pick < 0) break;
        }
        w[i] = 0;  // without replacement
        const double s = rng.uniform();
        AttributeSeverity a{attrs[i].key, s < 0.5 ? Severity::Mild : s < 0.8 ? Severity::Moderate : Severity::Severe};
        r.attributes.push_back(a);
        if (!Taxonomy::instance().validate(r.modality, r.attributes)) r.attributes.pop_back();  // mutually exclusive
    }
    return r;
}

}  // namespace medq::dataset
