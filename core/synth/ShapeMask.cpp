#include "synth/ShapeMask.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

namespace {
// Coverage from a signed distance to the edge (negative inside): a linear ramp `softness` wide.
float coverage(double signedDistance, double softness) {
    return float(std::clamp(0.5 - signedDistance / std::max(softness, 1e-3), 0.0, 1.0));
}
}  // namespace

void ShapeMask::put(int x, int y, float c) {
    float& v = m_values[std::size_t(y) * m_width + x];
    v = std::max(v, c);
}

void ShapeMask::addEllipse(double cx, double cy, double rx, double ry, double angle, double softness) {
    const double r = std::max(rx, ry) + softness + 1;
    const int x0 = std::max(0, int(cx - r)), x1 = std::min(m_width - 1, int(cx + r) + 1);
    const int y0 = std::max(0, int(cy - r)), y1 = std::min(m_height - 1, int(cy + r) + 1);
    const double c = std::cos(angle), s = std::sin(angle);
    const double minAxis = std::max(std::min(rx, ry), 1e-3);
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            const double dx = x - cx, dy = y - cy;
            const double u = (dx * c + dy * s) / rx, v = (-dx * s + dy * c) / ry;
            // Approximate signed distance: (normalised radius - 1) times the smaller semi-axis.
            const double d = (std::sqrt(u * u + v * v) - 1.0) * minAxis;
            const float cov = coverage(d, softness);
            if (cov > 0) put(x, y, cov);
        }
    }
}

void ShapeMask::addPolyline(const std::vector<QPointF>& points, double halfWidth, double softness) {
    addTaperedPolyline(points, halfWidth, halfWidth, softness);
}

void ShapeMask::addTaperedPolyline(const std::vector<QPointF>& points, double startHalfWidth,
                                   double endHalfWidth, double softness) {
    if (points.size() < 2) return;
    const std::size_t segments = points.size() - 1;
    for (std::size_t i = 0; i < segments; ++i) {
        const QPointF a = points[i], b = points[i + 1];
        const double t0 = double(i) / segments, t1 = double(i + 1) / segments;
        const double wa = startHalfWidth + (endHalfWidth - startHalfWidth) * t0;
        const double wb = startHalfWidth + (endHalfWidth - startHalfWidth) * t1;
        const double pad = std::max(wa, wb) + softness + 1;
        const int x0 = std::max(0, int(std::min(a.x(), b.x()) - pad));
        const int x1 = std::min(m_width - 1, int(std::max(a.x(), b.x()) + pad));
        const int y0 = std::max(0, int(std::min(a.y(), b.y()) - pad));
        const int y1 = std::min(m_height - 1, int(std::max(a.y(), b.y()) + pad));
        const double vx = b.x() - a.x(), vy = b.y() - a.y();
        const double len2 = std::max(vx * vx + vy * vy, 1e-9);
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                const double t = std::clamp(((x - a.x()) * vx + (y - a.y()) * vy) / len2, 0.0, 1.0);
                const double px = a.x() + t * vx - x, py = a.y() + t * vy - y;
                const double half = wa + (wb - wa) * t;
                const float cov = coverage(std::sqrt(px * px + py * py) - half, softness);
                if (cov > 0) put(x, y, cov);
            }
        }
    }
}

std::vector<QPointF> ShapeMask::randomCurve(Random& random, QPointF start, double angle, int steps,
                                            double stepLength, double wiggle) {
    std::vector<QPointF> points{start};
    double turn = 0;
    for (int i = 0; i < steps; ++i) {
        turn = 0.7 * turn + random.normal() * wiggle;  // correlated turning keeps the curve smooth
        angle += turn;
        start += QPointF(std::cos(angle) * stepLength, std::sin(angle) * stepLength);
        points.push_back(start);
    }
    return points;
}

}  // namespace medq::synth
