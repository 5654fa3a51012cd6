#include "model/QualityMeasures.h"

#include "model/ImagePreprocessor.h"
#include "model/internal/MeasurePlane.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace medq::model {

using namespace internal;

namespace {

// Mean-subtracted contrast-normalised coefficients (BRISQUE, Mittal et al. 2012) and the
// moments of them and of their horizontal, vertical and diagonal neighbour products.
void mscnMoments(const Plane& p, std::vector<float>& out, bool withProducts) {
    const Plane mu = blur(p, 7.0 / 6.0);
    Plane sq = p;
    for (float& x : sq.v) x *= x;
    const Plane mu2 = blur(sq, 7.0 / 6.0);
    Plane m{std::vector<float>(p.v.size()), p.w, p.h};
    constexpr float kC = 1.0f / 255.0f;
    for (std::size_t i = 0; i < p.v.size(); ++i)
        m.v[i] = (p.v[i] - mu.v[i]) / (std::sqrt(std::abs(mu2.v[i] - mu.v[i] * mu.v[i])) + kC);
    double s1 = 0, s2 = 0, s3 = 0, s4 = 0, sa = 0;
    for (float x : m.v) {
        s1 += x;
        s2 += double(x) * x;
        s3 += double(x) * x * x;
        s4 += double(x) * x * x * x;
        sa += std::abs(x);
    }
    const double n = std::max<double>(1, double(m.v.size()));
    const double mean1 = s1 / n, var = std::max(1e-12, s2 / n - mean1 * mean1);
    out.push_back(float(logOf(var, 1e-4)));
    out.push_back(float(sa / n));
    out.push_back(float(std::log(std::max(1e-6, s4 / n / (var * var)))));  // kurtosis, log
    out.push_back(float(std::clamp(s3 / n / std::pow(var, 1.5), -10.0, 10.0)));
    if (!withProducts) return;
    const int offsets[3][2] = {{1, 0}, {0, 1}, {1, 1}};
    for (const auto& o : offsets) {
        double sum = 0, sumSq = 0, count = 0;
        for (int y = 0; y + o[1] < m.h; ++y)
            for (int x = 0; x + o[0] < m.w; ++x) {
                const double v = double(m.at(x, y)) * m.at(x + o[0], y + o[1]);
                sum += v;
                sumSq += v * v;
                ++count;
            }
        count = std::max(1.0, count);
        out.push_back(float(sum / count));
        if (o[0] == 1 && o[1] == 0) out.push_back(float(logOf(sumSq / count - (sum / count) * (sum / count), 1e-4)));
    }
}

// Otsu's threshold over a 64-bin histogram of [0, 1].
double otsu(const std::vector<float>& v) {
    std::array<double, 64> hist{};
    for (float x : v) hist[std::size_t(std::clamp(int(x * 64), 0, 63))] += 1;
    const double total = double(v.size());
    double sumAll = 0;
    for (int i = 0; i < 64; ++i) sumAll += i * hist[std::size_t(i)];
    double wB = 0, sumB = 0, best = -1;
    int bestT = 32;
    for (int t = 0; t < 64; ++t) {
        wB += hist[std::size_t(t)];
        if (wB == 0) continue;
        const double wF = total - wB;
        if (wF == 0) break;
        sumB += t * hist[std::size_t(t)];
        const double mB = sumB / wB, mF = (sumAll - sumB) / wF;
        const double between = wB * wF * (mB - mF) * (mB - mF);
        if (between > best) {
            best = between;
            bestT = t;
        }
    }
    return (bestT + 1) / 64.0;
}

}  // namespace

const QStringList& QualityMeasures::names() {
    static const QStringList list = QStringList{
        QStringLiteral("noise_haar_mad"),     QStringLiteral("laplacian_variance"), QStringLiteral("gradient_p50"),
        QStringLiteral("gradient_p90"),       QStringLiteral("gradient_p99"),       QStringLiteral("mscn_variance"),
        QStringLiteral("mscn_mean_abs"),      QStringLiteral("mscn_kurtosis"),      QStringLiteral("mscn_skew"),
        QStringLiteral("mscn_h_product"),     QStringLiteral("mscn_h_product_var"), QStringLiteral("mscn_v_product"),
        QStringLiteral("mscn_d_product"),     QStringLiteral("mscn2_variance"),     QStringLiteral("mscn2_mean_abs"),
        QStringLiteral("mscn2_kurtosis"),     QStringLiteral("mscn2_skew"),         QStringLiteral("blockiness_8x8"),
        QStringLiteral("histogram_entropy"),  QStringLiteral("saturated_high"),     QStringLiteral("saturated_low"),
        QStringLiteral("entropy_focus"),      QStringLiteral("foreground_cnr"),     QStringLiteral("foreground_snr"),
        QStringLiteral("low_frequency_cv"),   QStringLiteral("band_energy_1"),      QStringLiteral("band_energy_2"),
        QStringLiteral("band_energy_4"),      QStringLiteral("band_energy_8"),      QStringLiteral("colour_saturation"),
    } + StructureMeasures::names();
    return list;
}

std::vector<float> QualityMeasures::ofPlanes(const std::vector<float>& grey, int width, int height,
                                             const std::vector<std::vector<float>>& rgb) {
    std::vector<float> out;
    out.reserve(kCount);
    const Plane g{grey, width, height};
    const std::size_t n = grey.size();

    // Noise: the finest diagonal Haar band is mostly noise in natural and medical images;
    // its median absolute value / 0.6745 estimates sigma (Donoho 1995).
    std::vector<float> diagonal;
    for (int y = 0; y + 1 < g.h; y += 2)
        for (int x = 0; x + 1 < g.w; x += 2)
            diagonal.push_back(std::abs(g.at(x, y) - g.at(x + 1, y) - g.at(x, y + 1) + g.at(x + 1, y + 1)) / 2);
    out.push_back(float(logOf(percentile(diagonal, 0.5) / 0.6745, 1e-4)));

    // Sharpness: Laplacian variance and gradient-magnitude percentiles.
    std::vector<float> laplacian, gradient;
    for (int y = 1; y + 1 < g.h; ++y)
        for (int x = 1; x + 1 < g.w; ++x) {
            laplacian.push_back(g.at(x - 1, y) + g.at(x + 1, y) + g.at(x, y - 1) + g.at(x, y + 1) - 4 * g.at(x, y));
            const float gx = (g.at(x + 1, y - 1) + 2 * g.at(x + 1, y) + g.at(x + 1, y + 1)) -
                             (g.at(x - 1, y - 1) + 2 * g.at(x - 1, y) + g.at(x - 1, y + 1));
            const float gy = (g.at(x - 1, y + 1) + 2 * g.at(x, y + 1) + g.at(x + 1, y + 1)) -
                             (g.at(x - 1, y - 1) + 2 * g.at(x, y - 1) + g.at(x + 1, y - 1));
            gradient.push_back(std::sqrt(gx * gx + gy * gy) / 8);
        }
    const double lapMean = mean(laplacian);
    double lapVar = 0;
    for (float x : laplacian) lapVar += (x - lapMean) * (x - lapMean);
    out.push_back(float(logOf(lapVar / std::max<std::size_t>(1, laplacian.size()), 1e-8)));
    for (double q : {0.5, 0.9, 0.99}) out.push_back(float(logOf(percentile(gradient, q), 1e-4)));

    // Natural-scene statistics at two scales.
    mscnMoments(g, out, true);
    mscnMoments(boxDown(g, 2), out, false);

    // JPEG-like blockiness: steps across 8-pixel block borders against steps elsewhere.
    double border = 0, inside = 0, borderN = 0, insideN = 0;
    for (int y = 0; y < g.h; ++y)
        for (int x = 1; x < g.w; ++x) {
            const double d = std::abs(g.at(x, y) - g.at(x - 1, y));
            (x % 8 == 0 ? border : inside) += d;
            (x % 8 == 0 ? borderN : insideN) += 1;
        }
    for (int y = 1; y < g.h; ++y)
        for (int x = 0; x < g.w; ++x) {
            const double d = std::abs(g.at(x, y) - g.at(x, y - 1));
            (y % 8 == 0 ? border : inside) += d;
            (y % 8 == 0 ? borderN : insideN) += 1;
        }
    out.push_back(float(std::log((border / std::max(1.0, borderN) + 1e-5) / (inside / std::max(1.0, insideN) + 1e-5))));

    // Intensity distribution: entropy, clipped tails (metal, air, saturation).
    std::array<double, 64> hist{};
    for (float x : grey) hist[std::size_t(std::clamp(int(x * 64), 0, 63))] += 1;
    double entropy = 0;
    for (double c : hist)
        if (c > 0) entropy -= c / double(n) * std::log2(c / double(n));
    out.push_back(float(entropy / 6.0));
    out.push_back(float(std::count_if(grey.begin(), grey.end(), [](float x) { return x >= 0.98f; }) / double(std::max<std::size_t>(1, n))));
    out.push_back(float(std::count_if(grey.begin(), grey.end(), [](float x) { return x <= 0.02f; }) / double(std::max<std::size_t>(1, n))));

    // Entropy focus criterion (MRIQC's EFC): ghosting and blur spread energy out.
    double energy = 0;
    for (float x : grey) energy += double(x) * x;
    const double bMax = std::sqrt(std::max(1e-12, energy));
    double efc = 0;
    for (float x : grey)
        if (x > 0) efc -= (x / bMax) * std::log(x / bMax);
    const double efcMax = std::sqrt(double(std::max<std::size_t>(1, n))) * std::log(std::sqrt(double(std::max<std::size_t>(2, n))));
    out.push_back(float(efc / std::max(1e-9, efcMax)));

    // Foreground against background (Otsu): contrast-to-noise and signal-to-noise.
    const double t = otsu(grey);
    double fgS = 0, fgSq = 0, fgN = 0, bgS = 0, bgSq = 0, bgN = 0;
    for (float x : grey) {
        if (x >= t) fgS += x, fgSq += double(x) * x, fgN += 1;
        else bgS += x, bgSq += double(x) * x, bgN += 1;
    }
    const double fgMean = fgS / std::max(1.0, fgN), bgMean = bgS / std::max(1.0, bgN);
    const double fgStd = std::sqrt(std::max(0.0, fgSq / std::max(1.0, fgN) - fgMean * fgMean));
    const double bgStd = std::sqrt(std::max(0.0, bgSq / std::max(1.0, bgN) - bgMean * bgMean));
    out.push_back(float(logOf((fgMean - bgMean) / (bgStd + 1e-3), 1e-3)));
    out.push_back(float(logOf(fgMean / (fgStd + 1e-3), 1e-3)));

    // Low-frequency non-uniformity (bias field, vignetting): spread of a 16-cell coarse view.
    const Plane coarse = boxDown(g, std::max(1, std::max(g.w, g.h) / 16));
    std::vector<float> cells;
    for (float x : coarse.v)
        if (x >= t * 0.5) cells.push_back(x);
    const double cellMean = mean(cells);
    double cellVar = 0;
    for (float x : cells) cellVar += (x - cellMean) * (x - cellMean);
    out.push_back(float(std::sqrt(cellVar / std::max<std::size_t>(1, cells.size())) / std::max(1e-3, cellMean)));

    // Band energies of a Laplacian pyramid (levels 1, 2, 4, 8 px): noise and blur tilt them.
    Plane level = g;
    for (int k = 0; k < 4; ++k) {
        const Plane smooth = blur(level, 1.0);
        double e = 0;
        for (std::size_t i = 0; i < level.v.size(); ++i) e += double(level.v[i] - smooth.v[i]) * (level.v[i] - smooth.v[i]);
        out.push_back(float(logOf(e / std::max<std::size_t>(1, level.v.size()), 1e-10)));
        level = boxDown(level, 2);
    }

    // Colour: mean saturation (0 for grey images).
    double saturation = 0;
    if (rgb.size() == 3) {
        for (std::size_t i = 0; i < n; ++i) {
            const float hi = std::max({rgb[0][i], rgb[1][i], rgb[2][i]}), lo = std::min({rgb[0][i], rgb[1][i], rgb[2][i]});
            saturation += hi > 1e-3f ? (hi - lo) / hi : 0.0f;
        }
        saturation /= double(std::max<std::size_t>(1, n));
    }
    out.push_back(float(saturation));
    StructureMeasures::append(grey, width, height, rgb, out);
    for (float& x : out)
        if (!std::isfinite(x)) x = 0;
    return out;
}

Result<std::vector<float>> QualityMeasures::of(const Image& image) {
    const QString path = image.metadata.value(QStringLiteral("path")).toString();
    if (image.isEmpty() || image.width < 1 || image.height < 1) return Error{path, QStringLiteral("empty image")};
    if (image.channels != 1 && image.channels != 3)
        return Error{path, QStringLiteral("%1 channels (expected 1 or 3)").arg(image.channels)};
    auto planes = ImagePreprocessor::slicePlanes(image, image.depth / 2);
    const int factor = (std::max(image.width, image.height) + kMaxSide - 1) / kMaxSide;
    std::vector<std::vector<float>> rgb;
    Plane grey;
    if (planes.size() == 3) {
        for (auto& p : planes) rgb.push_back(boxDown(Plane{std::move(p), image.width, image.height}, factor).v);
        grey = boxDown(Plane{std::vector<float>(std::size_t(image.width) * std::size_t(image.height)), image.width, image.height}, factor);
        for (std::size_t i = 0; i < grey.v.size(); ++i)
            grey.v[i] = 0.299f * rgb[0][i] + 0.587f * rgb[1][i] + 0.114f * rgb[2][i];  // ITU-R BT.601 luma
    } else {
        grey = boxDown(Plane{std::move(planes.front()), image.width, image.height}, factor);
    }
    return ofPlanes(grey.v, grey.w, grey.h, rgb);
}

}  // namespace medq::model
