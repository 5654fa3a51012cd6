#pragma once
// The project's one seeded random idiom: xoshiro256** seeded through splitmix64, with
// hand-written uniform, normal and Poisson samplers. std:: distributions are avoided on purpose:
// their output differs between standard-library versions, and a seed must give the same
// pixels, samples and orders everywhere. (Only IEEE sqrt/log/exp/cos from libm are used.)
// Synthesis, sampling, clustering and the loop's draws all use it.
#include <QString>
#include <cstdint>
#include <utility>
#include <vector>

namespace medq {

// Seedable pseudo-random generator (xoshiro256**, Blackman & Vigna 2018).
class Random {
public:
    explicit Random(std::uint64_t seed);

    // One splitmix64 step (Steele et al. 2014): advances `state` and returns a well-mixed value.
    static std::uint64_t splitmix64(std::uint64_t& state);
    // A seed for an independent sub-stream, e.g. derive(recipeSeed, hashKey("mri.noise")).
    static std::uint64_t derive(std::uint64_t seed, std::uint64_t stream);
    // FNV-1a hash of a string: stable stream ids from attribute keys.
    static std::uint64_t hashKey(const QString& key);

    std::uint64_t next();
    double uniform();                          // [0, 1), 53 random bits
    double uniform(double lo, double hi);      // [lo, hi)
    int uniformInt(int lo, int hiInclusive);   // unbiased (rejection)
    bool bernoulli(double p);
    double sign();                             // -1 or +1
    double normal();                           // standard normal (Marsaglia polar method)
    double normal(double mean, double sd);
    // Poisson(lambda): Knuth's product method below 30, Hoermann's PTRS (1993) above.
    double poisson(double lambda);

    template <typename T>
    void shuffle(std::vector<T>& items) {  // Fisher-Yates
        for (int i = int(items.size()) - 1; i > 0; --i) std::swap(items[i], items[uniformInt(0, i)]);
    }

private:
    std::uint64_t m_s[4];
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

}  // namespace medq
