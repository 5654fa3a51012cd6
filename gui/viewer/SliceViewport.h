#pragma once
// Maps between widget device pixels and slice pixels for a fitted, zoomed, panned view.
#include <QMetaType>
#include <QPointF>
#include <QSize>

namespace medq::gui {

// Zoom and pan independent of image size, so two views of different images can share it.
// zoom 1 fits the whole slice in the widget; pan is the offset of the view centre from the
// slice centre in fractions of the slice's width and height.
struct ViewState {
    double zoom = 1.0;
    double panX = 0.0;
    double panY = 0.0;
    bool operator==(const ViewState& o) const {
        return zoom == o.zoom && panX == o.panX && panY == o.panY;
    }
    bool operator!=(const ViewState& o) const { return !(*this == o); }
};

// The camera of a 2D slice view, as plain arithmetic so it can be tested without OpenGL.
// World coordinates are millimetres with slice pixel (column, row) centred at
// (column * columnSpacing, row * rowSpacing); screen y grows downward like world y.
class SliceViewport {
public:
    static constexpr double kMinZoom = 0.05;
    static constexpr double kMaxZoom = 64.0;

    SliceViewport(int columns, int rows, double columnSpacing, double rowSpacing,
                  const QSize& deviceSize, const ViewState& state);

    // Half the viewport height in world millimetres (VTK's parallel scale).
    double parallelScale() const;
    // World point at the centre of the viewport.
    QPointF focalPoint() const;
    // World millimetres per device pixel.
    double worldPerDevicePixel() const;

    // Slice coordinates (fractional column, row; pixel centres at integers) under a device
    // pixel position measured from the widget's top-left corner.
    QPointF toSlice(const QPointF& devicePoint) const;
    QPointF toDevice(const QPointF& slicePoint) const;

    // The state after dragging the picture by `deviceDelta` pixels.
    ViewState panned(const QPointF& deviceDelta) const;
    // The state after zooming by `factor`, keeping the slice point under `devicePoint` fixed.
    ViewState zoomedAbout(double factor, const QPointF& devicePoint) const;

private:
    double worldWidth() const { return m_columns * m_columnSpacing; }
    double worldHeight() const { return m_rows * m_rowSpacing; }
    QPointF worldCentre() const;

    int m_columns;
    int m_rows;
    double m_columnSpacing;
    double m_rowSpacing;
    QSize m_deviceSize;
    ViewState m_state;
};

}  // namespace medq::gui

Q_DECLARE_METATYPE(medq::gui::ViewState)
