#include "synth/CtProjector.h"

#include "synth/Fft.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

CtProjector::CtProjector(int size, int views)
    : m_size(size), m_views(views), m_bins((int(std::ceil(size * std::sqrt(2.0))) + 3) | 1),  // odd: centre on a bin
      m_centreBin((m_bins - 1) / 2.0), m_cos(std::size_t(views)), m_sin(std::size_t(views)) {
    for (int v = 0; v < views; ++v) {
        const double theta = kPi * v / views;
        m_cos[std::size_t(v)] = std::cos(theta);
        m_sin[std::size_t(v)] = std::sin(theta);
    }
}

std::vector<float> CtProjector::project(const std::vector<float>& image) const {
    std::vector<float> sinogram(std::size_t(m_views) * m_bins, 0.0f);
    const double c0 = (m_size - 1) / 2.0;
    for (int v = 0; v < m_views; ++v) {
        float* row = sinogram.data() + std::size_t(v) * m_bins;
        const double cs = m_cos[std::size_t(v)], sn = m_sin[std::size_t(v)];
        // A pixel's shadow on the detector is about |cos| + |sin| wide; spreading it as a box of
        // that width (area overlap with the unit bins) keeps the effective resolution the same at
        // every angle. Plain linear splatting is sharper at 0 and 90 degrees, which shows up as
        // streaks along those directions when views are dropped.
        const double width = std::fabs(cs) + std::fabs(sn), half = width / 2.0;
        const float inverseWidth = float(1.0 / width);
        for (int y = 0; y < m_size; ++y) {
            // s = (x - c0) cos + (y - c0) sin + centre, advanced incrementally along the row;
            // bin b covers [b - 0.5, b + 0.5), hence the +0.5 shift below.
            double s = -c0 * cs + (y - c0) * sn + m_centreBin + 0.5;
            const float* pixel = image.data() + std::size_t(y) * m_size;
            for (int x = 0; x < m_size; ++x, s += cs) {
                const float value = pixel[x];
                if (value == 0.0f) continue;
                const double left = s - half, right = s + half;  // within [0.5, bins - 0.5] by construction
                const int first = int(left), last = int(right);
                const float scaled = value * inverseWidth;
                if (first == last) {
                    row[first] += value;
                    continue;
                }
                row[first] += scaled * float(first + 1 - left);
                for (int b = first + 1; b < last; ++b) row[b] += scaled;
                row[last] += scaled * float(right - last);
            }
        }
    }
    return sinogram;
}

std::vector<float> CtProjector::rampFiltered(const std::vector<float>& sinogram) const {
    int length = 1;
    while (length < 2 * m_bins) length <<= 1;  // zero padding avoids circular wrap of the filter
    // Spatial Ram-Lak kernel for unit spacing: h(0) = 1/4, h(n odd) = -1/(pi n)^2, h(n even) = 0.
    std::vector<Complex> kernel(std::size_t(length), Complex(0, 0));
    kernel[0] = 0.25;
    for (int n = 1; n < length / 2; n += 2) {
        const double h = -1.0 / (kPi * kPi * double(n) * n);
        kernel[std::size_t(n)] = h;
        kernel[std::size_t(length - n)] = h;
    }
    const FftPlan plan(length);
    plan.forward(kernel.data());
    std::vector<float> out(sinogram.size());
    std::vector<Complex> line(static_cast<std::size_t>(length));
    for (int v = 0; v < m_views; ++v) {
        std::fill(line.begin(), line.end(), Complex(0, 0));
        for (int b = 0; b < m_bins; ++b) line[std::size_t(b)] = sinogram[std::size_t(v) * m_bins + b];
        plan.forward(line.data());
        for (int i = 0; i < length; ++i) line[std::size_t(i)] *= kernel[std::size_t(i)];
        plan.inverse(line.data());
        for (int b = 0; b < m_bins; ++b) out[std::size_t(v) * m_bins + b] = float(line[std::size_t(b)].real());
    }
    return out;
}

double CtProjector::ringPeak(int bin) const {
    // The filtered row of a unit impulse at `bin` is the Ram-Lak kernel centred there.
    auto kernel = [](double lag) {
        auto h = [](int n) { return n == 0 ? 0.25 : (n % 2 ? -1.0 / (kPi * kPi * double(n) * n) : 0.0); };
        const int n0 = int(std::floor(lag));
        const double f = lag - n0;
        return h(n0) * (1 - f) + h(n0 + 1) * f;
    };
    const double radius = std::fabs(binOffset(bin));
    double peak = 0;
    for (double r = std::max(0.0, radius - 2.0); r <= radius + 2.0; r += 0.125) {
        double sum = 0;
        for (int v = 0; v < m_views; ++v) {
            const double s = r * m_cos[std::size_t(v)] + m_centreBin;
            sum += kernel(s - bin) + (mirrorBin(bin) != bin ? kernel(s - mirrorBin(bin)) : 0.0);
        }
        peak = std::max(peak, std::fabs(sum * kPi / m_views));
    }
    return peak;
}

std::vector<float> CtProjector::reconstruct(const std::vector<float>& sinogram, int viewStep) const {
    viewStep = std::max(1, viewStep);
    const std::vector<float> filtered = rampFiltered(sinogram);
    std::vector<float> image(std::size_t(m_size) * m_size, 0.0f);
    const double c0 = (m_size - 1) / 2.0;
    int used = 0;
    for (int v = 0; v < m_views; v += viewStep, ++used) {
        const float* row = filtered.data() + std::size_t(v) * m_bins;
        const double cs = m_cos[std::size_t(v)], sn = m_sin[std::size_t(v)];
        for (int y = 0; y < m_size; ++y) {
            double s = -c0 * cs + (y - c0) * sn + m_centreBin;
            float* pixel = image.data() + std::size_t(y) * m_size;
            for (int x = 0; x < m_size; ++x, s += cs) {
                const int b = int(s);
                const float f = float(s - b);
                pixel[x] += row[b] * (1.0f - f) + row[b + 1] * f;
            }
        }
    }
    const float scale = float(kPi / used);  // integral over 180 degrees of the views used
    for (auto& v : image) v *= scale;
    return image;
}

}  // namespace medq::synth
