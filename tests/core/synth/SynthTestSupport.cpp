#include "SynthTestSupport.h"

#include "synth/Degrader.h"
#include "synth/ImageConversion.h"

#include <QImage>
#include <QtTest>
#include <algorithm>
#include <cmath>

namespace medq::synth::test {

namespace {
QRect wholeOr(const Image& image, QRect region) {
    return region.isNull() ? QRect(0, 0, image.width, image.height) : region;
}
}  // namespace

Image loadSample(const QString& name, Modality modality, bool grey, int size) {
    QImage picture(QStringLiteral(MEDQ_SAMPLE_SKIMAGE "/") + name);
    if (picture.isNull()) return {};
    if (size > 0) picture = picture.scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return ImageConversion::fromQImage(picture, modality, grey);
}

Image degraded(const Image& base, const QString& key, Severity severity, std::uint64_t seed) {
    auto result = Degrader::apply(base, {{key, severity}}, seed);
    if (!result) {
        qWarning("%s", qPrintable(result.error().message()));
        return {};
    }
    return result.take();
}

std::vector<double> luminance(const Image& image) {
    std::vector<double> out(image.pixelsPerSlice());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const float* v = image.voxels.data() + i * std::size_t(image.channels);
        out[i] = image.channels == 3 ? 0.299 * v[0] + 0.587 * v[1] + 0.114 * v[2] : v[0];
    }
    return out;
}

double mean(const Image& image, QRect region) {
    region = wholeOr(image, region);
    const auto lum = luminance(image);
    double sum = 0;
    for (int y = region.top(); y <= region.bottom(); ++y)
        for (int x = region.left(); x <= region.right(); ++x) sum += lum[std::size_t(y) * image.width + x];
    return sum / (double(region.width()) * region.height());
}

double standardDeviation(const Image& image, QRect region) {
    region = wholeOr(image, region);
    const auto lum = luminance(image);
    const double m = mean(image, region);
    double sum = 0;
    for (int y = region.top(); y <= region.bottom(); ++y)
        for (int x = region.left(); x <= region.right(); ++x) sum += std::pow(lum[std::size_t(y) * image.width + x] - m, 2);
    return std::sqrt(sum / (double(region.width()) * region.height()));
}

double laplacianNoise(const Image& image, QRect region) {
    region = wholeOr(image, region).intersected(QRect(1, 1, image.width - 2, image.height - 2));
    const auto lum = luminance(image);
    auto L = [&](int x, int y) { return lum[std::size_t(y) * image.width + x]; };
    std::vector<double> values;
    for (int y = region.top(); y <= region.bottom(); ++y)
        for (int x = region.left(); x <= region.right(); ++x)
            values.push_back(4 * L(x, y) - L(x - 1, y) - L(x + 1, y) - L(x, y - 1) - L(x, y + 1));
    auto median = [](std::vector<double> v) {
        std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    const double m = median(values);
    for (double& v : values) v = std::fabs(v - m);
    return 1.4826 * median(values) / std::sqrt(20.0);  // Laplacian of white noise has variance 20 sigma^2
}

double highFrequencyEnergy(const Image& image, QRect region) {
    region = wholeOr(image, region).intersected(QRect(1, 1, image.width - 2, image.height - 2));
    const auto lum = luminance(image);
    auto L = [&](int x, int y) { return lum[std::size_t(y) * image.width + x]; };
    double sum = 0;
    for (int y = region.top(); y <= region.bottom(); ++y)
        for (int x = region.left(); x <= region.right(); ++x)
            sum += std::pow(4 * L(x, y) - L(x - 1, y) - L(x + 1, y) - L(x, y - 1) - L(x, y + 1), 2);
    return sum / (double(region.width()) * region.height());
}

double meanAbsoluteDifference(const Image& a, const Image& b, QRect region) {
    region = wholeOr(a, region);
    const auto la = luminance(a), lb = luminance(b);
    double sum = 0;
    for (int y = region.top(); y <= region.bottom(); ++y)
        for (int x = region.left(); x <= region.right(); ++x) {
            const std::size_t i = std::size_t(y) * a.width + x;
            sum += std::fabs(la[i] - lb[i]);
        }
    return sum / (double(region.width()) * region.height());
}

double differenceDeviation(const Image& a, const Image& b, QRect region) {
    region = wholeOr(a, region);
    const auto la = luminance(a), lb = luminance(b);
    double sum = 0, sum2 = 0, n = 0;
    for (int y = region.top(); y <= region.bottom(); ++y)
        for (int x = region.left(); x <= region.right(); ++x) {
            const std::size_t i = std::size_t(y) * a.width + x;
            const double d = la[i] - lb[i];
            sum += d, sum2 += d * d, n += 1;
        }
    return std::sqrt(std::max(0.0, sum2 / n - (sum / n) * (sum / n)));
}

std::array<double, 3> meanColour(const Image& image) {
    std::array<double, 3> out{0, 0, 0};
    for (std::size_t i = 0; i < image.pixelsPerSlice(); ++i)
        for (int c = 0; c < 3; ++c) out[std::size_t(c)] += image.voxels[3 * i + std::size_t(c)];
    for (double& v : out) v /= double(image.pixelsPerSlice());
    return out;
}

Image diskPhantom(int size, double cx, double cy, double radius, Modality modality) {
    Image img(size, size);
    img.modality = modality;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const double r = std::hypot(x - cx, y - cy);
            double v = r < radius ? 600.0 : 0.0;
            if (std::hypot(x - cx - radius * 0.35, y - cy) < radius * 0.25) v = 1000.0;
            if (std::hypot(x - cx + radius * 0.3, y - cy + radius * 0.3) < radius * 0.15) v = 250.0;
            img.at(x, y) = float(v);
        }
    addDefaultWindows(img);
    return img;
}

Image waterCylinder(int size, double radiusFraction) {
    Image img(size, size);
    img.modality = Modality::CT;
    img.geometry.spacing = {250.0 / size, 250.0 / size, 1.0};
    const double c = (size - 1) / 2.0, r = radiusFraction * size;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) img.at(x, y) = std::hypot(x - c, y - c) < r ? 0.0f : -1000.0f;
    addDefaultWindows(img);
    return img;
}

}  // namespace medq::synth::test
