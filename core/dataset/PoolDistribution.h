#pragma once
// The deliberately uneven distribution of the retrieval pool, as real archives are: some
// modalities and attribute/modality combinations are common, others rare, so random
// sampling spends most of a budget on what the model already knows.
#include "dataset/SynthRecipe.h"

#include <array>
#include <vector>

namespace medq::dataset {

class PoolDistribution {
public:
    // Per clinical modality (kClinicalModalities order), the real bases items may render on.
    using RealBases = std::array<std::vector<int>, 5>;

    explicit PoolDistribution(std::uint64_t seed);
    // Recipe number `index` of the pool (deterministic in seed, index and the bases given):
    // about 30% render on one of `realBases` of their modality, the rest on phantoms.
    SynthRecipe sample(std::uint64_t index, const RealBases& realBases) const;
    // Relative frequency of each attribute of a modality (sums to 1), for reports and tests.
    const std::vector<double>& attributeWeights(Modality m) const { return m_attributeWeights[std::size_t(modalityIndex(m))]; }
    static constexpr std::array<double, 5> kModalityWeights = {0.34, 0.30, 0.16, 0.12, 0.08};

private:
    std::uint64_t m_seed;
    std::array<std::vector<double>, 5> m_attributeWeights;
};

}  // namespace medq::dataset
