#include "model/StructureMeasures.h"

#include "model/internal/MeasurePlane.h"

#include <algorithm>
#include <cmath>

namespace medq::model {

using namespace internal;

namespace {

// The structure measures read a view of at most this many pixels a side: periodic and radial
// structure spans the image, so a coarser view loses nothing and keeps them cheap.
constexpr int kStructureSide = 256;

Plane highPass(const Plane& p, double sigma) {
    Plane out = p;
    const Plane smooth = blur(p, sigma);
    for (std::size_t i = 0; i < out.v.size(); ++i) out.v[i] -= smooth.v[i];
    return out;
}

// Mean chromaticity (red and blue shares of r + g + b), their spread, and the share of pixels
// far from the image's median chromaticity (ink, spots). Grey images read a neutral 1/3.
void colour(const std::vector<std::vector<float>>& rgb, std::vector<float>& out) {
    std::vector<float> red, blue;
    if (rgb.size() == 3)
        for (std::size_t i = 0; i < rgb[0].size(); ++i) {
            const float sum = rgb[0][i] + rgb[1][i] + rgb[2][i];
            if (sum < 0.05f) continue;  // near black: chromaticity is noise
            red.push_back(rgb[0][i] / sum);
            blue.push_back(rgb[2][i] / sum);
        }
    if (red.empty()) {
        out.insert(out.end(), {1.0f / 3, 1.0f / 3, 0.0f, 0.0f});
        return;
    }
    const double mr = mean(red), mb = mean(blue);
    double var = 0;
    for (std::size_t i = 0; i < red.size(); ++i) var += (red[i] - mr) * (red[i] - mr) + (blue[i] - mb) * (blue[i] - mb);
    const double medR = percentile(red, 0.5), medB = percentile(blue, 0.5);
    std::size_t far = 0;
    for (std::size_t i = 0; i < red.size(); ++i) far += std::abs(red[i] - medR) + std::abs(blue[i] - medB) > 0.1;
    out.push_back(float(mr));
    out.push_back(float(mb));
    out.push_back(float(std::sqrt(var / double(red.size()))));
    out.push_back(float(double(far) / double(red.size())));
}

// |log| of horizontal over vertical gradient energy: motion smears one direction.
float gradientAnisotropy(const Plane& p) {
    double ex = 0, ey = 0;
    for (int y = 0; y + 1 < p.h; ++y)
        for (int x = 0; x + 1 < p.w; ++x) {
            const double dx = p.at(x + 1, y) - p.at(x, y), dy = p.at(x, y + 1) - p.at(x, y);
            ex += dx * dx;
            ey += dy * dy;
        }
    return float(std::abs(std::log((ex + 1e-8) / (ey + 1e-8))));
}

// The largest circular autocorrelation of the edges at a shift of 1/2 to 1/8 of the image
// along either axis: aliasing folds a copy at half the field of view, interleaved motion
// ghosts every N/shots pixels.
float periodicReplication(const Plane& p) {
    const Plane e = highPass(p, 1.5);
    double energy = 0;
    for (float x : e.v) energy += double(x) * x;
    if (energy <= 1e-12) return 0;
    double best = 0;
    for (int k : {2, 3, 4, 6, 8}) {
        const int sy = e.h / k, sx = e.w / k;
        double cy = 0, cx = 0;
        for (int y = 0; y < e.h; ++y)
            for (int x = 0; x < e.w; ++x) {
                cy += double(e.at(x, y)) * e.at(x, (y + sy) % e.h);
                cx += double(e.at(x, y)) * e.at((x + sx) % e.w, y);
            }
        best = std::max({best, cy / energy, cx / energy});
    }
    return float(best);
}

// Fine concentric structure about the centre (CT rings): energy of the high-passed radial
// mean profile against the image's variance.
float ringEnergy(const Plane& p) {
    const int radius = std::min(p.w, p.h) / 2;
    if (radius < 12) return 0;
    std::vector<double> sum(std::size_t(radius), 0.0), count(std::size_t(radius), 0.0);
    const double cx = 0.5 * (p.w - 1), cy = 0.5 * (p.h - 1);
    for (int y = 0; y < p.h; ++y)
        for (int x = 0; x < p.w; ++x) {
            const int r = int(std::lround(std::hypot(x - cx, y - cy)));
            if (r < radius) sum[std::size_t(r)] += p.at(x, y), count[std::size_t(r)] += 1;
        }
    std::vector<double> profile(sum.size());
    for (std::size_t r = 0; r < sum.size(); ++r) profile[r] = sum[r] / std::max(1.0, count[r]);
    double ringSq = 0;
    int n = 0;
    for (int r = 3; r + 3 < radius; ++r) {
        double local = 0;
        for (int d = -2; d <= 2; ++d) local += profile[std::size_t(r + d)];
        const double hp = profile[std::size_t(r)] - local / 5;
        ringSq += hp * hp;
        ++n;
    }
    const double m = mean(p.v);
    double var = 0;
    for (float x : p.v) var += (x - m) * (x - m);
    var /= double(std::max<std::size_t>(1, p.v.size()));
    return float(logOf(ringSq / std::max(1, n) / (var + 1e-6), 1e-6));
}

// Slope of a plane fitted to a 16-cell view of the bright part, over its mean: a smooth
// intensity tilt across the field (bias field, uneven illumination).
float illuminationTilt(const Plane& p) {
    const Plane coarse = boxDown(p, std::max(1, std::max(p.w, p.h) / 16));
    const double m = mean(coarse.v);
    double sxx = 0, syy = 0, sxv = 0, syv = 0, sv = 0, n = 0;
    for (int y = 0; y < coarse.h; ++y)
        for (int x = 0; x < coarse.w; ++x) {
            const double v = coarse.at(x, y);
            if (v < 0.5 * m) continue;
            const double u = coarse.w > 1 ? 2.0 * x / (coarse.w - 1) - 1 : 0, w = coarse.h > 1 ? 2.0 * y / (coarse.h - 1) - 1 : 0;
            sxx += u * u, syy += w * w, sxv += u * v, syv += w * v, sv += v, n += 1;
        }
    if (n < 3 || sv <= 0) return 0;
    const double bx = sxx > 0 ? sxv / sxx : 0, by = syy > 0 ? syv / syy : 0;  // near-orthogonal coordinates
    return float(std::hypot(bx, by) / (sv / n));
}

// Share of pixels where a difference of Gaussians stands out of its own robust spread: spots,
// bubbles, dust.
float blobShare(const Plane& p) {
    const Plane fine = blur(p, 1.5), coarse = blur(p, 3.0);
    std::vector<float> dog(p.v.size()), absDog(p.v.size());
    for (std::size_t i = 0; i < dog.size(); ++i) dog[i] = fine.v[i] - coarse.v[i], absDog[i] = std::abs(dog[i]);
    const double sigma = percentile(absDog, 0.5) / 0.6745;
    if (sigma <= 1e-7) return 0;
    const auto outliers = std::count_if(absDog.begin(), absDog.end(), [sigma](float x) { return x > 5 * sigma; });
    return float(double(outliers) / double(std::max<std::size_t>(1, dog.size())));
}

// Spread of log gradient energy over the bright cells of an 8x8 grid: a part out of focus,
// a local smear.
float sharpnessSpread(const Plane& p) {
    constexpr int kGrid = 8;
    const double m = mean(p.v);
    std::vector<float> cells;
    for (int gy = 0; gy < kGrid; ++gy)
        for (int gx = 0; gx < kGrid; ++gx) {
            const int x0 = gx * p.w / kGrid, x1 = (gx + 1) * p.w / kGrid, y0 = gy * p.h / kGrid, y1 = (gy + 1) * p.h / kGrid;
            double e = 0, s = 0, n = 0;
            for (int y = y0; y + 1 < y1; ++y)
                for (int x = x0; x + 1 < x1; ++x) {
                    const double dx = p.at(x + 1, y) - p.at(x, y), dy = p.at(x, y + 1) - p.at(x, y);
                    e += dx * dx + dy * dy, s += p.at(x, y), n += 1;
                }
            if (n > 0 && s / n >= 0.5 * m) cells.push_back(float(logOf(e / n, 1e-8)));
        }
    if (cells.size() < 2) return 0;
    const double cm = mean(cells);
    double var = 0;
    for (float c : cells) var += (c - cm) * (c - cm);
    return float(std::sqrt(var / double(cells.size())));
}

// Laplacian activity next to strong edges against flat regions: ringing and overshoot
// (Gibbs, sharpening halos) sit beside edges.
float edgeRinging(const Plane& p) {
    const int w = p.w, h = p.h;
    if (w < 8 || h < 8) return 0;
    std::vector<float> grad(p.v.size(), 0.0f), lap(p.v.size(), 0.0f);
    for (int y = 1; y + 1 < h; ++y)
        for (int x = 1; x + 1 < w; ++x) {
            const std::size_t i = std::size_t(y) * std::size_t(w) + std::size_t(x);
            grad[i] = std::hypot(p.at(x + 1, y) - p.at(x - 1, y), p.at(x, y + 1) - p.at(x, y - 1));
            lap[i] = std::abs(p.at(x - 1, y) + p.at(x + 1, y) + p.at(x, y - 1) + p.at(x, y + 1) - 4 * p.at(x, y));
        }
    const double strong = percentile(grad, 0.97), calm = percentile(grad, 0.5), weak = percentile(grad, 0.8);
    if (strong <= 1e-6) return 0;
    std::vector<char> nearEdge(p.v.size(), 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (grad[std::size_t(y) * std::size_t(w) + std::size_t(x)] < strong) continue;
            for (int dy = -3; dy <= 3; ++dy)
                for (int dx = -3; dx <= 3; ++dx) {
                    const int xx = std::clamp(x + dx, 0, w - 1), yy = std::clamp(y + dy, 0, h - 1);
                    nearEdge[std::size_t(yy) * std::size_t(w) + std::size_t(xx)] = 1;
                }
        }
    double nearSum = 0, nearN = 0, flatSum = 0, flatN = 0;
    for (std::size_t i = 0; i < p.v.size(); ++i) {
        if (nearEdge[i] && grad[i] < weak) nearSum += lap[i], nearN += 1;
        else if (!nearEdge[i] && grad[i] <= calm) flatSum += lap[i], flatN += 1;
    }
    if (nearN < 1 || flatN < 1) return 0;
    return float(std::log((nearSum / nearN + 1e-6) / (flatSum / flatN + 1e-6)));
}

}  // namespace

const QStringList& StructureMeasures::names() {
    static const QStringList list = {
        QStringLiteral("chroma_red"),           QStringLiteral("chroma_blue"),          QStringLiteral("chroma_spread"),
        QStringLiteral("chroma_outliers"),      QStringLiteral("gradient_anisotropy"),  QStringLiteral("periodic_replication"),
        QStringLiteral("ring_energy"),          QStringLiteral("illumination_tilt"),    QStringLiteral("blob_share"),
        QStringLiteral("sharpness_spread"),     QStringLiteral("edge_ringing"),
    };
    return list;
}

void StructureMeasures::append(const std::vector<float>& grey, int width, int height,
                               const std::vector<std::vector<float>>& rgb, std::vector<float>& out) {
    colour(rgb, out);
    const Plane full{grey, width, height};
    const Plane view = boxDown(full, (std::max(width, height) + kStructureSide - 1) / kStructureSide);
    out.push_back(gradientAnisotropy(view));
    out.push_back(periodicReplication(view));
    out.push_back(ringEnergy(view));
    out.push_back(illuminationTilt(view));
    out.push_back(blobShare(view));
    out.push_back(sharpnessSpread(view));
    out.push_back(edgeRinging(view));
}

}  // namespace medq::model
