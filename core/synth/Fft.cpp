#include "synth/Fft.h"

#include <cmath>

namespace medq::synth {

namespace {
constexpr double kPi = 3.14159265358979323846;
bool isPowerOfTwo(int n) { return n > 0 && (n & (n - 1)) == 0; }
}  // namespace

FftPlan::FftPlan(int n) : m_n(n), m_powerOfTwo(isPowerOfTwo(n)) {
    if (n <= 1) return;
    if (m_powerOfTwo) {
        m_twiddles.resize(std::size_t(n / 2));
        for (int k = 0; k < n / 2; ++k) m_twiddles[std::size_t(k)] = std::polar(1.0, -2.0 * kPi * k / n);
        m_bitReverse.resize(std::size_t(n));
        int bits = 0;
        while ((1 << bits) < n) ++bits;
        for (int i = 0; i < n; ++i) {
            int r = 0;
            for (int b = 0; b < bits; ++b)
                if (i & (1 << b)) r |= 1 << (bits - 1 - b);
            m_bitReverse[std::size_t(i)] = r;
        }
        return;
    }
    // Bluestein: jk = (j^2 + k^2 - (k-j)^2)/2 turns the DFT into a convolution with a chirp.
    int m = 1;
    while (m < 2 * n - 1) m <<= 1;
    m_inner = std::make_shared<const FftPlan>(m);
    m_chirp.resize(std::size_t(n));
    for (int k = 0; k < n; ++k) {
        // k^2 mod 2n keeps the angle small and exact for large k.
        const long long k2 = (static_cast<long long>(k) * k) % (2LL * n);
        m_chirp[std::size_t(k)] = std::polar(1.0, -kPi * double(k2) / n);
    }
    m_chirpSpectrum.assign(std::size_t(m), Complex(0, 0));
    m_chirpSpectrum[0] = std::conj(m_chirp[0]);
    for (int k = 1; k < n; ++k)
        m_chirpSpectrum[std::size_t(k)] = m_chirpSpectrum[std::size_t(m - k)] = std::conj(m_chirp[std::size_t(k)]);
    m_inner->forward(m_chirpSpectrum.data());
}

void FftPlan::forward(Complex* data) const {
    if (m_n <= 1) return;
    if (m_powerOfTwo) radix2(data, false);
    else bluestein(data, false);
}

void FftPlan::inverse(Complex* data) const {
    if (m_n <= 1) return;
    if (m_powerOfTwo) radix2(data, true);
    else bluestein(data, true);
    const double scale = 1.0 / m_n;
    for (int i = 0; i < m_n; ++i) data[i] *= scale;
}

void FftPlan::radix2(Complex* data, bool inverse) const {
    const int n = m_n;
    for (int i = 0; i < n; ++i) {
        const int r = m_bitReverse[std::size_t(i)];
        if (r > i) std::swap(data[i], data[r]);
    }
    for (int len = 2; len <= n; len <<= 1) {
        const int half = len / 2;
        const int step = n / len;
        for (int start = 0; start < n; start += len) {
            for (int k = 0; k < half; ++k) {
                Complex w = m_twiddles[std::size_t(k * step)];
                if (inverse) w = std::conj(w);
                const Complex u = data[start + k];
                const Complex v = data[start + k + half] * w;
                data[start + k] = u + v;
                data[start + k + half] = u - v;
            }
        }
    }
}

void FftPlan::bluestein(Complex* data, bool inverse) const {
    // An inverse DFT is the conjugate of the forward DFT of the conjugate (unscaled here).
    const int n = m_n;
    const int m = m_inner->size();
    std::vector<Complex> a(std::size_t(m), Complex(0, 0));
    for (int k = 0; k < n; ++k) {
        const Complex x = inverse ? std::conj(data[k]) : data[k];
        a[std::size_t(k)] = x * m_chirp[std::size_t(k)];
    }
    m_inner->forward(a.data());
    for (int k = 0; k < m; ++k) a[std::size_t(k)] *= m_chirpSpectrum[std::size_t(k)];
    m_inner->inverse(a.data());
    for (int k = 0; k < n; ++k) {
        const Complex y = a[std::size_t(k)] * m_chirp[std::size_t(k)];
        data[k] = inverse ? std::conj(y) : y;
    }
}

KSpace KSpace::fromPlane(const float* plane, int width, int height) {
    KSpace k;
    k.m_width = width;
    k.m_height = height;
    k.m_data.resize(std::size_t(width) * height);
    for (std::size_t i = 0; i < k.m_data.size(); ++i) k.m_data[i] = Complex(plane[i], 0.0);
    k.transform(k.m_data, false);
    return k;
}

std::vector<Complex> KSpace::inverse() const {
    std::vector<Complex> values = m_data;
    transform(values, true);
    return values;
}

std::vector<float> KSpace::magnitude() const {
    const std::vector<Complex> values = inverse();
    std::vector<float> out(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) out[i] = float(std::abs(values[i]));
    return out;
}

void KSpace::transform(std::vector<Complex>& values, bool inverse) const {
    // Separable 2D transform: rows, then columns through a gathered scratch line.
    const FftPlan rowPlan(m_width);
    for (int y = 0; y < m_height; ++y) {
        Complex* row = values.data() + std::size_t(y) * m_width;
        if (inverse) rowPlan.inverse(row);
        else rowPlan.forward(row);
    }
    const FftPlan columnPlan(m_height);
    std::vector<Complex> column(static_cast<std::size_t>(m_height));
    for (int x = 0; x < m_width; ++x) {
        for (int y = 0; y < m_height; ++y) column[std::size_t(y)] = values[std::size_t(y) * m_width + x];
        if (inverse) columnPlan.inverse(column.data());
        else columnPlan.forward(column.data());
        for (int y = 0; y < m_height; ++y) values[std::size_t(y) * m_width + x] = column[std::size_t(y)];
    }
}

}  // namespace medq::synth
