#pragma once
// Anti-aliased coverage masks (0..1 per pixel) of simple shapes, used to paint overlays such as
// highlights, bubbles, pen strokes, folds and eyelashes, and to build phantoms.
#include "common/Random.h"

#include <QPointF>
#include <vector>

namespace medq::synth {

// Rasterises discs, ellipses and thick polylines into float coverage masks.
class ShapeMask {
public:
    ShapeMask(int width, int height) : m_width(width), m_height(height), m_values(std::size_t(width) * height, 0.0f) {}

    int width() const { return m_width; }
    int height() const { return m_height; }
    float at(int x, int y) const { return m_values[std::size_t(y) * m_width + x]; }
    const std::vector<float>& values() const { return m_values; }
    std::vector<float>& values() { return m_values; }

    // Adds a filled ellipse (max-combined). `softness` is the edge ramp width in pixels.
    void addEllipse(double cx, double cy, double rx, double ry, double angle, double softness = 1.0);
    // Adds a thick polyline of the given half-width; `softness` as above.
    void addPolyline(const std::vector<QPointF>& points, double halfWidth, double softness = 1.0);
    // Adds a polyline whose half-width tapers linearly from `startHalfWidth` to `endHalfWidth`.
    void addTaperedPolyline(const std::vector<QPointF>& points, double startHalfWidth, double endHalfWidth,
                            double softness = 1.0);

    // A smooth random curve: `steps` segments of `stepLength` pixels starting at `start` with
    // heading `angle`, turning by a random walk of `wiggle` radians per step.
    static std::vector<QPointF> randomCurve(Random& random, QPointF start, double angle, int steps,
                                            double stepLength, double wiggle);

private:
    void put(int x, int y, float coverage);

    int m_width;
    int m_height;
    std::vector<float> m_values;
};

}  // namespace medq::synth
