#pragma once
// The image viewer: one 2D image or one plane of a volume, with window/level, zoom and pan.
#include "io/Image.h"
#include "viewer/CursorInfo.h"
#include "viewer/SlicePlane.h"
#include "viewer/SliceViewport.h"
#include "viewer/VtkOpenGLWidget.h"

#include <QPointF>
#include <QStringList>
#include <memory>

namespace medq::gui {

class SliceScene;

// Mouse follows OHIF: left-drag window/level (right = wider, down = higher level),
// middle-drag pan, right-drag zoom (up = in), wheel scrolls slices of a volume and
// zooms a 2D image (Ctrl+wheel always zooms). Shift+left pans and Ctrl+left zooms for
// trackpads. Keys: Up/Down one slice, PageUp/PageDown ten, Home/End first/last,
// `r` resets zoom, pan, window and inversion, `i` inverts. Other keys go to the parent
// so the annotation panel's shortcuts keep working while the viewer has focus.
// Colour photographs are always shown in true colour: window/level does not apply.
class SliceViewer : public VtkOpenGLWidget {
    Q_OBJECT
public:
    explicit SliceViewer(QWidget* parent = nullptr);
    ~SliceViewer() override;

    // Shows `image` at its middle slice, first window preset, fitted, not inverted.
    // The viewer shares the image (no copy of the voxels is kept besides the plane shown).
    void setImage(std::shared_ptr<const Image> image);
    // Takes the image over (move it in; passing an lvalue copies the voxels).
    void setImage(Image image);
    void clearImage();
    const Image* image() const { return m_image.get(); }

    // Short text in the upper-left corner, e.g. "A" and "B" in a comparison.
    void setCaption(const QString& caption);

    SliceOrientation orientation() const { return m_orientation; }
    void setOrientation(SliceOrientation orientation);
    int slice() const { return m_plane.index(); }
    int sliceCount() const;
    void setSlice(int index);

    double windowCenter() const { return m_center; }
    double windowWidth() const { return m_width; }
    void setWindow(double center, double width);
    // Applies the preset of that name from Image::windows; false when there is none.
    bool setWindowPreset(const QString& name);
    QStringList windowPresetNames() const;
    // Name of the preset shown, empty after a manual window change.
    QString windowPresetName() const { return m_windowName; }
    bool isInverted() const { return m_inverted; }
    void setInverted(bool inverted);

    ViewState viewState() const { return m_view; }
    void setViewState(const ViewState& state);
    // What `r` does: fit, default window, not inverted.
    void resetView();

    // The voxel under a widget position (logical pixels, as in mouse events).
    CursorInfo cursorInfoAt(const QPointF& widgetPos) const;

signals:
    void imageChanged();
    void sliceChanged(int index);
    void orientationChanged(medq::gui::SliceOrientation orientation);
    void windowChanged(double center, double width);
    void invertedChanged(bool inverted);
    void viewStateChanged(const medq::gui::ViewState& state);
    void cursorInfoChanged(const medq::gui::CursorInfo& info);

protected:
    void deviceSizeChanged(const QSize& deviceSize) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Drag { None, WindowLevel, Pan, Zoom };

    SliceViewport viewport() const;
    void showCurrentPlane();
    void applyWindow();
    void applyView();
    void updateAnnotations();
    void updateCursorInfo(const QPointF& widgetPos);
    WindowPreset defaultWindow() const;
    QPointF toDevice(const QPointF& widgetPos) const;
    void scrollSlices(int steps);
    void zoomAbout(double factor, const QPointF& widgetPos);

    std::unique_ptr<SliceScene> m_scene;
    std::shared_ptr<const Image> m_image;
    SliceOrientation m_orientation = SliceOrientation::Axial;
    SlicePlane m_plane;
    double m_center = 0.0;
    double m_width = 1.0;
    QString m_windowName;  // preset shown, empty after a manual change
    bool m_inverted = false;
    ViewState m_view;
    QString m_caption;

    Drag m_drag = Drag::None;
    QPointF m_lastMouse;
    QPointF m_dragAnchor;
    int m_wheelRemainder = 0;
    bool m_mouseInside = false;
    QPointF m_mousePos;
    CursorInfo m_cursor;
};

}  // namespace medq::gui
