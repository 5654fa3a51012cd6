#include "synth/ImageFilters.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

namespace {

std::vector<float> gaussianKernel(double sigma) {
    const int radius = std::max(1, int(std::ceil(3.0 * sigma)));
    std::vector<float> k(std::size_t(2 * radius + 1));
    double sum = 0;
    for (int i = -radius; i <= radius; ++i) {
        const double v = std::exp(-0.5 * i * i / (sigma * sigma));
        k[std::size_t(i + radius)] = float(v);
        sum += v;
    }
    for (auto& v : k) v = float(v / sum);
    return k;
}

// Convolves one plane along x (stride 1) or y with a symmetric kernel, edge-clamped.
void convolvePlane(std::vector<float>& p, int w, int h, const std::vector<float>& k, bool alongX) {
    const int r = int(k.size() / 2);
    const int n = alongX ? w : h;
    const int lines = alongX ? h : w;
    std::vector<float> line(std::size_t(n + 2 * r));
    for (int l = 0; l < lines; ++l) {
        auto idx = [&](int i) { return alongX ? std::size_t(l) * w + i : std::size_t(i) * w + l; };
        for (int i = -r; i < n + r; ++i) line[std::size_t(i + r)] = p[idx(std::clamp(i, 0, n - 1))];
        for (int i = 0; i < n; ++i) {
            float acc = 0;
            const float* src = line.data() + i;
            for (std::size_t j = 0; j < k.size(); ++j) acc += k[j] * src[j];
            p[idx(i)] = acc;
        }
    }
}

}  // namespace

std::vector<float> ImageFilters::plane(const Image& image, int channel) {
    const std::size_t n = image.pixelsPerSlice();
    std::vector<float> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = image.voxels[i * image.channels + channel];
    return out;
}

void ImageFilters::setPlane(Image& image, int channel, const std::vector<float>& values) {
    const std::size_t n = image.pixelsPerSlice();
    for (std::size_t i = 0; i < n; ++i) image.voxels[i * image.channels + channel] = values[i];
}

double ImageFilters::mean(const Image& image, int channel) {
    double sum = 0;
    const std::size_t n = image.pixelsPerSlice();
    for (std::size_t i = 0; i < n; ++i) sum += image.voxels[i * image.channels + channel];
    return n ? sum / double(n) : 0.0;
}

void ImageFilters::gaussianBlur(Image& image, double sigma) {
    if (sigma <= 0.05) return;
    const auto k = gaussianKernel(sigma);
    for (int c = 0; c < image.channels; ++c) {
        auto p = plane(image, c);
        convolvePlane(p, image.width, image.height, k, true);
        convolvePlane(p, image.width, image.height, k, false);
        setPlane(image, c, p);
    }
}

void ImageFilters::diskBlur(Image& image, double radius) {
    if (radius < 0.5) return;
    const int w = image.width, h = image.height;
    const int r = int(std::ceil(radius));
    // Half-width of the disk on each kernel row dy.
    std::vector<int> halfWidth(std::size_t(2 * r + 1));
    int taps = 0;
    for (int dy = -r; dy <= r; ++dy) {
        const double s = radius * radius - double(dy) * dy;
        const int hw = s < 0 ? -1 : int(std::floor(std::sqrt(s)));
        halfWidth[std::size_t(dy + r)] = hw;
        taps += hw >= 0 ? 2 * hw + 1 : 0;
    }
    for (int c = 0; c < image.channels; ++c) {
        const auto p = plane(image, c);
        // Row prefix sums over an edge-clamped, r-padded row: sum of [x0, x1] is S[x1+1] - S[x0].
        const int pw = w + 2 * r;
        std::vector<double> prefix(std::size_t(h) * (pw + 1), 0.0);
        for (int y = 0; y < h; ++y) {
            double* s = prefix.data() + std::size_t(y) * (pw + 1);
            for (int i = 0; i < pw; ++i) s[i + 1] = s[i] + p[std::size_t(y) * w + std::clamp(i - r, 0, w - 1)];
        }
        std::vector<float> out(p.size());
        for (int y = 0; y < h; ++y) {
            for (int x = 0; x < w; ++x) {
                double acc = 0;
                for (int dy = -r; dy <= r; ++dy) {
                    const int hw = halfWidth[std::size_t(dy + r)];
                    if (hw < 0) continue;
                    const double* s = prefix.data() + std::size_t(std::clamp(y + dy, 0, h - 1)) * (pw + 1);
                    acc += s[x + r + hw + 1] - s[x + r - hw];
                }
                out[std::size_t(y) * w + x] = float(acc / taps);
            }
        }
        setPlane(image, c, out);
    }
}

float ImageFilters::sample(const Image& image, double x, double y, int channel) {
    x = std::clamp(x, 0.0, double(image.width - 1));
    y = std::clamp(y, 0.0, double(image.height - 1));
    const int x0 = int(x), y0 = int(y);  // x, y >= 0 after clamping, so truncation is floor
    const int x1 = std::min(x0 + 1, image.width - 1);
    const int y1 = std::min(y0 + 1, image.height - 1);
    const double fx = x - x0, fy = y - y0;
    const double top = image.at(x0, y0, 0, channel) * (1 - fx) + image.at(x1, y0, 0, channel) * fx;
    const double bottom = image.at(x0, y1, 0, channel) * (1 - fx) + image.at(x1, y1, 0, channel) * fx;
    return float(top * (1 - fy) + bottom * fy);
}

void ImageFilters::lineBlur(Image& image, double length, double angle) {
    if (length < 1.0) return;
    const int steps = std::max(2, int(std::ceil(length)) + 1);
    const double dx = std::cos(angle), dy = std::sin(angle);
    const Image source = image;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            for (int c = 0; c < image.channels; ++c) {
                double acc = 0;
                for (int s = 0; s < steps; ++s) {
                    const double t = (double(s) / (steps - 1) - 0.5) * length;
                    acc += sample(source, x + t * dx, y + t * dy, c);
                }
                image.at(x, y, 0, c) = float(acc / steps);
            }
        }
    }
}

Image ImageFilters::resampled(const Image& image, int width, int height) {
    Image source = image;
    const double fx = double(image.width) / width, fy = double(image.height) / height;
    const double shrink = std::max(fx, fy);
    if (shrink > 1.0) gaussianBlur(source, 0.5 * shrink);
    Image out(width, height, 1, image.channels);
    out.modality = image.modality;
    out.windows = image.windows;
    out.metadata = image.metadata;
    out.geometry = image.geometry;
    out.geometry.spacing[0] *= fx;
    out.geometry.spacing[1] *= fy;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < image.channels; ++c)  // pixel centres map onto pixel centres
                out.at(x, y, 0, c) = sample(source, (x + 0.5) * fx - 0.5, (y + 0.5) * fy - 0.5, c);
    return out;
}

void ImageFilters::clamp(Image& image, float lo, float hi) {
    for (auto& v : image.voxels) v = std::clamp(v, lo, hi);
}

}  // namespace medq::synth
