#include "common/Random.h"

#include <cmath>

namespace medq {

namespace {
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Random::Random(std::uint64_t seed) {
    std::uint64_t state = seed;
    for (auto& s : m_s) s = splitmix64(state);
}

std::uint64_t Random::splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t Random::derive(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t state = seed ^ (stream * 0xD1342543DE82EF95ULL);
    splitmix64(state);
    return splitmix64(state);
}

std::uint64_t Random::hashKey(const QString& key) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (QChar c : key) {
        h ^= std::uint64_t(c.unicode());
        h *= 0x100000001B3ULL;
    }
    return h;
}

std::uint64_t Random::next() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double Random::uniform() { return double(next() >> 11) * 0x1.0p-53; }

double Random::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

int Random::uniformInt(int lo, int hiInclusive) {
    if (hiInclusive <= lo) return lo;
    const std::uint64_t range = std::uint64_t(std::int64_t(hiInclusive) - lo) + 1;
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % range;  // reject the biased tail
    std::uint64_t v;
    do v = next();
    while (v >= limit);
    return int(std::int64_t(lo) + std::int64_t(v % range));
}

bool Random::bernoulli(double p) { return uniform() < p; }

double Random::sign() { return (next() >> 63) ? 1.0 : -1.0; }

double Random::normal() {
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    double u, v, s;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    m_spare = v * f;
    m_hasSpare = true;
    return u * f;
}

double Random::normal(double mean, double sd) { return mean + sd * normal(); }

double Random::poisson(double lambda) {
    if (lambda <= 0.0) return 0.0;
    if (lambda < 30.0) {
        // Knuth: count uniforms until their product drops below exp(-lambda).
        const double limit = std::exp(-lambda);
        double product = uniform();
        int k = 0;
        while (product > limit) {
            ++k;
            product *= uniform();
        }
        return k;
    }
    // PTRS: transformed rejection with squeeze (W. Hoermann, "The transformed rejection method
    // for generating Poisson random variables", Insurance: Mathematics and Economics 12, 1993).
    const double slam = std::sqrt(lambda);
    const double loglam = std::log(lambda);
    const double b = 0.931 + 2.53 * slam;
    const double a = -0.059 + 0.02483 * b;
    const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const double vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
        const double u = uniform() - 0.5;
        const double v = uniform();
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2 * a / us + b) * u + lambda + 0.43);
        if (us >= 0.07 && v <= vr) return k;
        if (k < 0 || (us < 0.013 && v > us)) continue;
        if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <=
            -lambda + k * loglam - std::lgamma(k + 1))
            return k;
    }
}

}  // namespace medq
