#include "learn/HeadSourceAlignment.h"

#include <algorithm>
#include <cmath>

namespace medq::learn {
namespace {

double logOf(double p) { return std::log(std::max(p, 1e-9)); }

}  // namespace

HeadSourceAlignment::LogMeans HeadSourceAlignment::meanLogProbabilities(const model::AttributeReadings& readings) {
    LogMeans sum;
    for (const auto& image : readings) {
        if (sum.size() < image.size()) sum.resize(image.size(), {0, 0, 0, 0});
        for (std::size_t slot = 0; slot < image.size(); ++slot)
            for (int s = 0; s < 4; ++s) sum[slot][std::size_t(s)] += logOf(image[slot][std::size_t(s)]);
    }
    for (auto& slot : sum)
        for (double& v : slot) v /= double(std::max<std::size_t>(1, readings.size()));
    return sum;
}

model::AttributeReadings HeadSourceAlignment::align(const model::AttributeReadings& readings, const QStringList& sources,
                                                    const QStringList& groups, int minImages) const {
    QHash<QString, model::AttributeReadings> bySource;
    QHash<QString, QString> groupOf;
    for (std::size_t i = 0; i < readings.size() && int(i) < sources.size() && int(i) < groups.size(); ++i) {
        bySource[sources[int(i)]].push_back(readings[i]);
        groupOf.insert(sources[int(i)], groups[int(i)]);
    }
    QHash<QString, LogMeans> shift;  // reference - source mean, per source
    for (auto it = bySource.cbegin(); it != bySource.cend(); ++it) {
        const auto reference = m_reference.constFind(groupOf.value(it.key()));
        if (int(it->size()) < minImages || reference == m_reference.cend()) continue;
        LogMeans mean = meanLogProbabilities(*it);
        for (std::size_t slot = 0; slot < mean.size(); ++slot)
            for (int s = 0; s < 4; ++s)
                mean[slot][std::size_t(s)] = (slot < reference->size() ? (*reference)[slot][std::size_t(s)] : mean[slot][std::size_t(s)]) -
                                             mean[slot][std::size_t(s)];
        shift.insert(it.key(), std::move(mean));
    }
    model::AttributeReadings out = readings;
    for (std::size_t i = 0; i < out.size() && int(i) < sources.size(); ++i) {
        const auto found = shift.constFind(sources[int(i)]);
        if (found == shift.cend()) continue;
        for (std::size_t slot = 0; slot < out[i].size() && slot < found->size(); ++slot) {
            std::array<double, 4> logits{};
            double top = -INFINITY;
            for (int s = 0; s < 4; ++s) {
                logits[std::size_t(s)] = logOf(out[i][slot][std::size_t(s)]) + (*found)[slot][std::size_t(s)];
                top = std::max(top, logits[std::size_t(s)]);
            }
            double total = 0;
            for (double& v : logits) total += (v = std::exp(v - top));
            for (int s = 0; s < 4; ++s) out[i][slot][std::size_t(s)] = logits[std::size_t(s)] / total;
        }
    }
    return out;
}

}  // namespace medq::learn
