#pragma once
// The stored routing calibration curve (RoutingThresholds::curve: for growing uncertainty
// thresholds, the share of validation drafts at or under it and their error rate), read as
// a step function: a threshold between two points gets the lower point's figures.
#include <QJsonArray>
#include <optional>
#include <vector>

namespace medq::gui {

class CalibrationCurve {
public:
    struct Point {
        double threshold = 0, share = 0, error = 0;
    };

    explicit CalibrationCurve(const QJsonArray& curve = {});

    bool isEmpty() const { return m_points.empty(); }
    const std::vector<Point>& points() const { return m_points; }
    // Validation drafts auto-accepted at `threshold`: their share and error rate; nullopt when
    // none would be (threshold below every point).
    std::optional<Point> at(double threshold) const;

private:
    std::vector<Point> m_points;  // by threshold, then share
};

}  // namespace medq::gui
