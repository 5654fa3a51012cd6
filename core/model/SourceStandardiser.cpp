#include "model/SourceStandardiser.h"

#include <algorithm>

namespace medq::model {

namespace {

float quantile(std::vector<float> values, double q) {
    const auto k = std::size_t(q * double(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
    return values[k];
}

}  // namespace

void SourceStandardiser::add(const QString& source, const std::vector<float>& measures) {
    if (!measures.empty()) m_samples[source].push_back(measures);
}

void SourceStandardiser::fit() {
    m_fits.clear();
    for (auto it = m_samples.cbegin(); it != m_samples.cend(); ++it) {
        const auto& rows = it.value();
        if (int(rows.size()) < kMinImages) continue;
        const std::size_t width = rows.front().size();
        MeasureReference::Level fit;
        for (std::size_t k = 0; k < width; ++k) {
            std::vector<float> column;
            for (const auto& row : rows)
                if (row.size() == width) column.push_back(row[k]);
            fit.median.push_back(quantile(column, 0.5));
            // IQR / 1.349 is sigma for a normal distribution; the floor keeps a measure that
            // is constant within the source (saturation of grey images) finite.
            fit.spread.push_back(std::max(1e-3f, (quantile(column, 0.75) - quantile(column, 0.25)) / 1.349f));
        }
        m_fits.insert(it.key(), fit);
    }
}

std::vector<float> SourceStandardiser::standardise(const QString& source, const std::vector<float>& measures) const {
    std::vector<float> out(measures.size(), 0.0f);
    const auto it = m_fits.constFind(source);
    if (it == m_fits.cend() || it->median.size() != measures.size()) return out;
    for (std::size_t k = 0; k < measures.size(); ++k)
        out[k] = std::clamp((measures[k] - it->median[k]) / it->spread[k], -kClip, kClip);
    return out;
}

}  // namespace medq::model

namespace medq::model {

const MeasureReference::Level* SourceStandardiser::fitOf(const QString& source) const {
    const auto it = m_fits.constFind(source);
    return it == m_fits.cend() ? nullptr : &it.value();
}

}  // namespace medq::model
