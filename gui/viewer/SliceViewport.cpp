#include "viewer/SliceViewport.h"

#include <algorithm>

namespace medq::gui {

SliceViewport::SliceViewport(int columns, int rows, double columnSpacing, double rowSpacing,
                             const QSize& deviceSize, const ViewState& state)
    : m_columns(std::max(1, columns)),
      m_rows(std::max(1, rows)),
      m_columnSpacing(columnSpacing > 0 ? columnSpacing : 1.0),
      m_rowSpacing(rowSpacing > 0 ? rowSpacing : 1.0),
      m_deviceSize(std::max(1, deviceSize.width()), std::max(1, deviceSize.height())),
      m_state(state) {
    m_state.zoom = std::clamp(m_state.zoom, kMinZoom, kMaxZoom);
}

double SliceViewport::parallelScale() const {
    // Fit: the slice's height fills the view, unless its width would overflow.
    const double aspect = double(m_deviceSize.width()) / m_deviceSize.height();
    const double fit = std::max(worldHeight() / 2.0, worldWidth() / 2.0 / aspect);
    return fit / m_state.zoom;
}

QPointF SliceViewport::worldCentre() const {
    // Pixel centres sit on integer multiples of the spacing, so the picture spans
    // [-spacing/2, (n - 1/2) * spacing].
    return {(m_columns - 1) * m_columnSpacing / 2.0, (m_rows - 1) * m_rowSpacing / 2.0};
}

QPointF SliceViewport::focalPoint() const {
    const QPointF centre = worldCentre();
    return {centre.x() + m_state.panX * worldWidth(), centre.y() + m_state.panY * worldHeight()};
}

double SliceViewport::worldPerDevicePixel() const {
    return 2.0 * parallelScale() / m_deviceSize.height();
}

QPointF SliceViewport::toSlice(const QPointF& devicePoint) const {
    const double s = worldPerDevicePixel();
    const QPointF focal = focalPoint();
    const double wx = focal.x() + (devicePoint.x() - m_deviceSize.width() / 2.0) * s;
    const double wy = focal.y() + (devicePoint.y() - m_deviceSize.height() / 2.0) * s;
    return {wx / m_columnSpacing, wy / m_rowSpacing};
}

QPointF SliceViewport::toDevice(const QPointF& slicePoint) const {
    const double s = worldPerDevicePixel();
    const QPointF focal = focalPoint();
    const double wx = slicePoint.x() * m_columnSpacing;
    const double wy = slicePoint.y() * m_rowSpacing;
    return {(wx - focal.x()) / s + m_deviceSize.width() / 2.0,
            (wy - focal.y()) / s + m_deviceSize.height() / 2.0};
}

ViewState SliceViewport::panned(const QPointF& deviceDelta) const {
    // The picture follows the mouse, so the view centre moves the other way.
    const double s = worldPerDevicePixel();
    ViewState next = m_state;
    next.panX -= deviceDelta.x() * s / worldWidth();
    next.panY -= deviceDelta.y() * s / worldHeight();
    return next;
}

ViewState SliceViewport::zoomedAbout(double factor, const QPointF& devicePoint) const {
    ViewState next = m_state;
    next.zoom = std::clamp(m_state.zoom * factor, kMinZoom, kMaxZoom);
    const double applied = next.zoom / m_state.zoom;
    // Keep the world point under the cursor still: the centre moves toward it by
    // (1 - 1/applied) of its distance.
    const double s = worldPerDevicePixel();
    const double dx = (devicePoint.x() - m_deviceSize.width() / 2.0) * s;
    const double dy = (devicePoint.y() - m_deviceSize.height() / 2.0) * s;
    next.panX += dx * (1.0 - 1.0 / applied) / worldWidth();
    next.panY += dy * (1.0 - 1.0 / applied) / worldHeight();
    return next;
}

}  // namespace medq::gui
