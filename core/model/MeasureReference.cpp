#include "model/MeasureReference.h"

#include "model/SourceStandardiser.h"

#include <QJsonArray>
#include <algorithm>

namespace medq::model {
namespace {

float median(std::vector<float> values) {
    const std::size_t k = (values.size() - 1) / 2;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
    return values[k];
}

QJsonArray toArray(const std::vector<float>& values) {
    QJsonArray out;
    for (float v : values) out.append(double(v));
    return out;
}

std::vector<float> fromArray(const QJsonArray& array) {
    std::vector<float> out;
    for (const QJsonValue& v : array) {
        if (!v.isDouble()) return {};
        out.push_back(float(v.toDouble()));
    }
    return out;
}

}  // namespace

void MeasureReference::addSource(const QString& modality, const Level& source) {
    if (modality.isEmpty() || source.median.empty() || source.median.size() != source.spread.size()) return;
    std::vector<Level>& sources = m_sources[modality];
    if (!sources.empty() && sources.front().median.size() != source.median.size()) return;  // another measure set
    sources.push_back(source);
}

void MeasureReference::fit() {
    for (auto it = m_sources.cbegin(); it != m_sources.cend(); ++it) {
        const std::vector<Level>& sources = it.value();
        const std::size_t width = sources.front().median.size();
        Level level;
        for (std::size_t k = 0; k < width; ++k) {
            std::vector<float> medians, spreads;
            for (const Level& s : sources) {
                medians.push_back(s.median[k]);
                spreads.push_back(s.spread[k]);
            }
            level.median.push_back(median(medians));
            level.spread.push_back(std::max(1e-3f, median(spreads)));
        }
        m_levels.insert(it.key(), level);
        m_sourceCounts.insert(it.key(), int(sources.size()));
    }
}

std::vector<float> MeasureReference::standardise(const QString& modality, const std::vector<float>& measures) const {
    std::vector<float> out(measures.size(), 0.0f);
    const auto it = m_levels.constFind(modality);
    if (it == m_levels.cend() || it->median.size() > measures.size()) return out;
    const float clip = SourceStandardiser::kClip;
    for (std::size_t k = 0; k < it->median.size(); ++k)
        out[k] = std::clamp((measures[k] - it->median[k]) / it->spread[k], -clip, clip);
    return out;
}

QJsonObject MeasureReference::toJson() const {
    QJsonObject out;
    for (auto it = m_levels.cbegin(); it != m_levels.cend(); ++it)
        out.insert(it.key(), QJsonObject{{"median", toArray(it->median)},
                                         {"spread", toArray(it->spread)},
                                         {"sources", m_sourceCounts.value(it.key())}});
    return out;
}

MeasureReference MeasureReference::fromJson(const QJsonObject& json) {
    MeasureReference out;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        Level level{fromArray(entry.value("median").toArray()), fromArray(entry.value("spread").toArray())};
        if (level.median.empty() || level.median.size() != level.spread.size()) continue;
        if (std::any_of(level.spread.begin(), level.spread.end(), [](float s) { return !(s > 0.0f); })) continue;
        out.m_levels.insert(it.key(), level);
        out.m_sourceCounts.insert(it.key(), entry.value("sources").toInt());
    }
    return out;
}

}  // namespace medq::model
