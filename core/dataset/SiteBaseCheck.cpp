#include "dataset/SiteBaseCheck.h"

#include "synth/ImageFilters.h"

#include <QSet>
#include <algorithm>
#include <cmath>

namespace medq::dataset {
namespace {
Image greyAtAnalysisSize(const Image& image) {
    Image grey(image.width, image.height, 1, 1);
    for (std::size_t p = 0; p < image.pixelsPerSlice(); ++p) {
        double sum = 0;
        for (int c = 0; c < image.channels; ++c) sum += image.voxels[p * std::size_t(image.channels) + std::size_t(c)];
        grey.voxels[p] = float(sum / image.channels);
    }
    const int longer = std::max(image.width, image.height);
    if (longer <= SiteBaseCheck::kAnalysisSide) return grey;
    const double scale = double(SiteBaseCheck::kAnalysisSide) / longer;
    return synth::ImageFilters::resampled(grey, std::max(1, int(image.width * scale + 0.5)),
                                          std::max(1, int(image.height * scale + 0.5)));
}

double percentile(std::vector<float> values, double p) {
    if (values.empty()) return 0;
    const auto k = std::size_t(std::clamp(p, 0.0, 1.0) * double(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
    return values[k];
}

double meanAbsoluteResidual(const Image& image, double sigma) {
    Image blurred = image;
    synth::ImageFilters::gaussianBlur(blurred, sigma);
    double sum = 0;
    for (std::size_t i = 0; i < image.voxels.size(); ++i) sum += std::abs(image.voxels[i] - blurred.voxels[i]);
    return sum / double(std::max<std::size_t>(1, image.voxels.size()));
}
}  // namespace

SiteBaseMeasures SiteBaseCheck::measure(const Image& image) {
    SiteBaseMeasures m;
    m.width = image.width;
    m.height = image.height;
    if (image.isEmpty()) return m;
    QSet<float> levels;
    for (std::size_t i = 0; i < image.voxels.size() && levels.size() < SiteBaseCheck::kMinLevels; ++i) levels.insert(image.voxels[i]);
    m.levels = int(levels.size());
    const Image grey = greyAtAnalysisSize(image);
    m.range = percentile(grey.voxels, 0.99) - percentile(grey.voxels, 0.01);
    if (m.range <= 0 || grey.width < 3 || grey.height < 3) return m;
    // Immerkaer's noise estimate, made robust to edges with the median: the 3x3 mask
    // [1 -2 1; -2 4 -2; 1 -2 1] cancels smooth structure; its response to white noise of
    // sigma s has sigma 6s.
    std::vector<float> response;
    response.reserve(std::size_t(grey.width - 2) * std::size_t(grey.height - 2));
    for (int y = 1; y + 1 < grey.height; ++y)
        for (int x = 1; x + 1 < grey.width; ++x) {
            const auto g = [&](int dx, int dy) { return double(grey.at(x + dx, y + dy)); };
            const double r = g(-1, -1) + g(1, -1) + g(-1, 1) + g(1, 1) - 2 * (g(0, -1) + g(0, 1) + g(-1, 0) + g(1, 0)) + 4 * g(0, 0);
            response.push_back(float(std::abs(r)));
        }
    m.noise = 1.4826 * percentile(response, 0.5) / 6.0 / m.range;
    const double coarse = meanAbsoluteResidual(grey, 4.0);
    m.sharpness = coarse > 0 ? meanAbsoluteResidual(grey, 1.0) / coarse : 0;
    return m;
}

std::optional<QString> SiteBaseCheck::refusal(const Image& image) {
    if (image.isVolume()) return QStringLiteral("a volume: take one slice first");
    if (std::min(image.width, image.height) < kMinSide)
        return QStringLiteral("%1x%2 is smaller than %3 pixels on a side").arg(image.width).arg(image.height).arg(kMinSide);
    const SiteBaseMeasures m = measure(image);
    if (m.range <= 0) return QStringLiteral("blank: no contrast between the 1st and 99th percentile");
    if (m.levels < kMinLevels)
        return QStringLiteral("%1 distinct values: a mask, label map or test pattern, not an image").arg(m.levels);
    if (m.noise > kMaxNoise)
        return QStringLiteral("already noisy: noise is %1% of the intensity range (at most %2% for a base)")
            .arg(100 * m.noise, 0, 'f', 1).arg(100 * kMaxNoise, 0, 'f', 1);
    if (m.sharpness < kMinSharpness)
        return QStringLiteral("already blurred: fine detail is %1 of coarse detail (at least %2 for a base)")
            .arg(m.sharpness, 0, 'f', 3).arg(kMinSharpness, 0, 'f', 3);
    return std::nullopt;
}

}  // namespace medq::dataset
