#include "lab/CalibrationCurve.h"

#include <QJsonObject>
#include <algorithm>

namespace medq::gui {

CalibrationCurve::CalibrationCurve(const QJsonArray& curve) {
    for (const auto& v : curve) {
        const QJsonObject o = v.toObject();
        m_points.push_back({o.value(QStringLiteral("threshold")).toDouble(), o.value(QStringLiteral("share")).toDouble(),
                            o.value(QStringLiteral("error")).toDouble()});
    }
    std::sort(m_points.begin(), m_points.end(), [](const Point& a, const Point& b) {
        return a.threshold != b.threshold ? a.threshold < b.threshold : a.share < b.share;
    });
}

std::optional<CalibrationCurve::Point> CalibrationCurve::at(double threshold) const {
    // The last point at or under the threshold (the largest share when several tie).
    const auto it = std::upper_bound(m_points.begin(), m_points.end(), threshold,
                                     [](double t, const Point& p) { return t < p.threshold; });
    if (it == m_points.begin()) return std::nullopt;
    return *(it - 1);
}

}  // namespace medq::gui
