// SliceViewer's mouse, wheel and keyboard handling (the OHIF / Slicer conventions that
// radiologists bring with them).
#include "viewer/SliceViewer.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace medq::gui {

namespace {
// Window/level drag: 200 logical pixels to the right multiply the width by e (~2.7);
// 200 pixels down raise the level by one window width. Scaling by the current width keeps
// the feel the same for a brain window (80 HU) and a bone window (2500 HU).
constexpr double kWindowDragScale = 1.0 / 200.0;
// Zoom drag: 100 logical pixels up zoom in by e.
constexpr double kZoomDragScale = 1.0 / 100.0;
// One wheel notch (120 eighths of a degree) zooms a 2D image by 10%.
constexpr double kWheelZoomStep = 1.1;
constexpr int kWheelNotch = 120;
constexpr int kPageSlices = 10;
}  // namespace

void SliceViewer::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    switch (event->button()) {
    case Qt::LeftButton:
        m_drag = shift ? Drag::Pan : ctrl ? Drag::Zoom : Drag::WindowLevel;
        break;
    case Qt::MiddleButton: m_drag = Drag::Pan; break;
    case Qt::RightButton: m_drag = Drag::Zoom; break;
    default: m_drag = Drag::None; break;
    }
    m_lastMouse = event->position();
    m_dragAnchor = event->position();
    event->accept();
}

void SliceViewer::mouseMoveEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    const QPointF delta = pos - m_lastMouse;
    m_lastMouse = pos;
    m_mouseInside = true;
    m_mousePos = pos;
    if (m_image && m_drag != Drag::None && !delta.isNull()) {
        switch (m_drag) {
        case Drag::WindowLevel:
            if (!m_image->isRgb()) {
                const double width = m_width * std::exp(delta.x() * kWindowDragScale);
                const double center = m_center + delta.y() * m_width * kWindowDragScale;
                setWindow(center, width);
            }
            break;
        case Drag::Pan:
            setViewState(viewport().panned(delta * devicePixelRatioF()));
            break;
        case Drag::Zoom:
            zoomAbout(std::exp(-delta.y() * kZoomDragScale), m_dragAnchor);
            break;
        case Drag::None: break;
        }
    }
    updateCursorInfo(pos);
    event->accept();
}

void SliceViewer::mouseReleaseEvent(QMouseEvent* event) {
    m_drag = Drag::None;
    event->accept();
}

void SliceViewer::leaveEvent(QEvent* event) {
    m_mouseInside = false;
    updateCursorInfo(m_mousePos);
    VtkOpenGLWidget::leaveEvent(event);
}

void SliceViewer::wheelEvent(QWheelEvent* event) {
    if (!m_image) {
        event->ignore();
        return;
    }
    // Trackpads send small deltas: accumulate to whole notches.
    m_wheelRemainder += event->angleDelta().y();
    const int notches = m_wheelRemainder / kWheelNotch;
    m_wheelRemainder -= notches * kWheelNotch;
    if (notches != 0) {
        const bool zoom = !m_image->isVolume() || (event->modifiers() & Qt::ControlModifier);
        if (zoom)
            zoomAbout(std::pow(kWheelZoomStep, notches), event->position());
        else
            scrollSlices(-notches);  // wheel toward the user (down) = next slice
    }
    event->accept();
}

void SliceViewer::keyPressEvent(QKeyEvent* event) {
    // Plain keys only: modified ones (Ctrl+Enter submit, ...) belong to the application.
    const auto modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (modifiers != Qt::NoModifier) {
        event->ignore();
        return;
    }
    const bool volume = m_image && m_image->isVolume();
    const int key = event->key();
    const bool sliceKey = key == Qt::Key_Down || key == Qt::Key_Up || key == Qt::Key_PageDown ||
                          key == Qt::Key_PageUp || key == Qt::Key_Home || key == Qt::Key_End;
    if (sliceKey && !volume) {
        event->ignore();  // a 2D image has no slices: let the application use the key
        return;
    }
    switch (key) {
    case Qt::Key_Down: scrollSlices(1); break;
    case Qt::Key_Up: scrollSlices(-1); break;
    case Qt::Key_PageDown: scrollSlices(kPageSlices); break;
    case Qt::Key_PageUp: scrollSlices(-kPageSlices); break;
    case Qt::Key_Home: setSlice(0); break;
    case Qt::Key_End: setSlice(sliceCount() - 1); break;
    case Qt::Key_R: resetView(); break;
    case Qt::Key_I: setInverted(!m_inverted); break;
    default:
        event->ignore();
        return;
    }
    event->accept();
}

void SliceViewer::scrollSlices(int steps) {
    if (m_image && m_image->isVolume()) setSlice(slice() + steps);
}

void SliceViewer::zoomAbout(double factor, const QPointF& widgetPos) {
    if (!m_image) return;
    setViewState(viewport().zoomedAbout(factor, toDevice(widgetPos)));
}

}  // namespace medq::gui
