#include "synth/RecipeSampler.h"

#include "common/Random.h"
#include "taxonomy/Taxonomy.h"

namespace medq::synth {

namespace {

int weightedIndex(const std::array<double, 3>& weights, Random& random) {
    const double total = weights[0] + weights[1] + weights[2];
    double u = random.uniform() * total;
    for (int i = 0; i < 3; ++i) {
        if (u < weights[std::size_t(i)]) return i;
        u -= weights[std::size_t(i)];
    }
    return 2;
}

}  // namespace

std::vector<AttributeSeverity> RecipeSampler::sample(Modality modality, std::uint64_t seed) {
    return sample(modality, seed, Options{});
}

std::vector<AttributeSeverity> RecipeSampler::sample(Modality modality, std::uint64_t seed, const Options& options) {
    Random random(Random::derive(seed, Random::hashKey(QStringLiteral("recipe:") + modalityKey(modality))));
    std::vector<AttributeSeverity> recipe;
    if (random.bernoulli(options.cleanProbability)) return recipe;
    const auto& attributes = Taxonomy::instance().attributes(modality);
    std::vector<const QualityAttribute*> candidates;
    for (const auto& a : attributes) candidates.push_back(&a);
    random.shuffle(candidates);
    const int count = weightedIndex(options.countWeights, random) + 1;
    for (const QualityAttribute* a : candidates) {
        if (int(recipe.size()) == count) break;
        bool excluded = false;
        for (const auto& chosen : recipe) excluded = excluded || a->excludes.contains(chosen.key);
        if (excluded) continue;
        recipe.push_back({a->key, kPresentSeverities[std::size_t(weightedIndex(options.severityWeights, random))]});
    }
    return recipe;
}

}  // namespace medq::synth
