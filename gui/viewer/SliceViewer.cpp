#include "viewer/SliceViewer.h"

#include "viewer/SliceScene.h"

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

// Mouse, wheel and keyboard handling live in SliceViewerInput.cpp.

namespace medq::gui {
namespace {
// The window presets core adds by name (io/Image.cpp addDefaultWindows); names read from a
// file's header are shown as they are.
const char* const kPresetNames[] = {
    QT_TRANSLATE_NOOP("medq::gui::SliceViewer", "soft tissue"), QT_TRANSLATE_NOOP("medq::gui::SliceViewer", "lung"),
    QT_TRANSLATE_NOOP("medq::gui::SliceViewer", "bone"),        QT_TRANSLATE_NOOP("medq::gui::SliceViewer", "brain"),
    QT_TRANSLATE_NOOP("medq::gui::SliceViewer", "liver"),       QT_TRANSLATE_NOOP("medq::gui::SliceViewer", "abdomen"),
    QT_TRANSLATE_NOOP("medq::gui::SliceViewer", "auto")};

QString presetLabel(const QString& name) {
    for (const char* preset : kPresetNames)
        if (name == QLatin1String(preset)) return QCoreApplication::translate("medq::gui::SliceViewer", preset);
    return name;
}

QString modalityLabel(Modality modality) {
    switch (modality) {
    case Modality::MRI: return SliceViewer::tr("MRI");
    case Modality::CT: return SliceViewer::tr("CT");
    case Modality::Endoscopy: return SliceViewer::tr("Endoscopy");
    case Modality::Histopathology: return SliceViewer::tr("Histopathology");
    case Modality::Fundus: return SliceViewer::tr("Fundus photography");
    case Modality::Other: break;
    }
    return SliceViewer::tr("Other");
}
}  // namespace

SliceViewer::SliceViewer(QWidget* parent)
    : VtkOpenGLWidget(parent), m_scene(std::make_unique<SliceScene>()) {
    renderWindow()->AddRenderer(m_scene->renderer());
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);  // cursor info without a button held
    updateAnnotations();
}

SliceViewer::~SliceViewer() = default;

void SliceViewer::setImage(Image image) {
    setImage(std::make_shared<const Image>(std::move(image)));
}

void SliceViewer::setImage(std::shared_ptr<const Image> image) {
    if (image && image->isEmpty()) image.reset();
    m_image = std::move(image);
    m_windowName.clear();
    m_inverted = false;
    m_view = ViewState{};
    if (!m_image) {
        clearImage();
        return;
    }
    const int count = SlicePlane::sliceCount(*m_image, m_orientation);
    m_plane = SlicePlane(*m_image, m_orientation, count / 2);
    const WindowPreset window = defaultWindow();
    m_center = window.center;
    m_width = window.width;
    m_windowName = window.name;
    applyWindow();  // before the copy: it decides whether colours are inverted
    m_scene->showPlane(*m_image, m_plane);
    applyView();
    updateAnnotations();
    requestRender();
    if (m_mouseInside) updateCursorInfo(m_mousePos);
    emit imageChanged();
    emit sliceChanged(m_plane.index());
    emit windowChanged(m_center, m_width);
    emit viewStateChanged(m_view);
}

void SliceViewer::clearImage() {
    m_image.reset();
    m_plane = SlicePlane();
    m_scene->clear();
    updateAnnotations();
    requestRender();
    updateCursorInfo(m_mousePos);
    emit imageChanged();
}

void SliceViewer::setCaption(const QString& caption) {
    m_caption = caption;
    updateAnnotations();
    requestRender();
}

int SliceViewer::sliceCount() const {
    return m_image ? SlicePlane::sliceCount(*m_image, m_orientation) : 0;
}

void SliceViewer::setOrientation(SliceOrientation orientation) {
    if (orientation == m_orientation) return;
    m_orientation = orientation;
    emit orientationChanged(orientation);
    if (!m_image || !m_image->isVolume()) return;
    // A new orientation has a different shape: start at its middle, fitted.
    m_plane = SlicePlane(*m_image, m_orientation, sliceCount() / 2);
    m_scene->showPlane(*m_image, m_plane);
    m_view = ViewState{};
    applyView();
    updateAnnotations();
    requestRender();
    if (m_mouseInside) updateCursorInfo(m_mousePos);
    emit sliceChanged(m_plane.index());
    emit viewStateChanged(m_view);
}

void SliceViewer::setSlice(int index) {
    if (!m_image) return;
    const int clamped = std::clamp(index, 0, sliceCount() - 1);
    if (clamped == m_plane.index()) return;
    m_plane = SlicePlane(*m_image, m_orientation, clamped);
    m_scene->showPlane(*m_image, m_plane);
    updateAnnotations();
    requestRender();
    if (m_mouseInside) updateCursorInfo(m_mousePos);
    emit sliceChanged(clamped);
}

void SliceViewer::setWindow(double center, double width) {
    // Photographs stay in true colour; a zero or negative width is meaningless.
    if (!m_image || m_image->isRgb()) return;
    width = std::max(std::abs(width), 1e-3);
    if (center == m_center && width == m_width) return;
    m_center = center;
    m_width = width;
    m_windowName.clear();
    applyWindow();
    updateAnnotations();
    requestRender();
    emit windowChanged(m_center, m_width);
}

bool SliceViewer::setWindowPreset(const QString& name) {
    if (!m_image || m_image->isRgb()) return false;
    const auto& presets = m_image->windows;
    const auto it = std::find_if(presets.begin(), presets.end(), [&](const WindowPreset& p) {
        return p.name.compare(name, Qt::CaseInsensitive) == 0;
    });
    if (it == presets.end()) return false;
    setWindow(it->center, it->width);
    m_windowName = it->name;
    updateAnnotations();
    requestRender();
    return true;
}

QStringList SliceViewer::windowPresetNames() const {
    QStringList names;
    if (m_image && !m_image->isRgb())
        for (const auto& preset : m_image->windows) names << preset.name;
    return names;
}

void SliceViewer::setInverted(bool inverted) {
    if (inverted == m_inverted) return;
    m_inverted = inverted;
    applyWindow();
    // Colour images are inverted while copying the plane (see SliceScene).
    if (m_image && m_image->isRgb()) m_scene->showPlane(*m_image, m_plane);
    updateAnnotations();
    requestRender();
    emit invertedChanged(inverted);
}

void SliceViewer::setViewState(const ViewState& state) {
    ViewState clamped = state;
    clamped.zoom = std::clamp(state.zoom, SliceViewport::kMinZoom, SliceViewport::kMaxZoom);
    // Equality ends the ping-pong between linked views.
    if (clamped == m_view) return;
    m_view = clamped;
    applyView();
    updateAnnotations();
    requestRender();
    if (m_mouseInside) updateCursorInfo(m_mousePos);
    emit viewStateChanged(m_view);
}

void SliceViewer::resetView() {
    setViewState(ViewState{});
    setInverted(false);
    if (!m_image || m_image->isRgb()) return;
    const WindowPreset window = defaultWindow();
    setWindow(window.center, window.width);
    m_windowName = window.name;
    updateAnnotations();
    requestRender();
}

WindowPreset SliceViewer::defaultWindow() const {
    if (m_image->isRgb()) return {QString(), 127.5, 255.0};
    if (!m_image->windows.empty()) return m_image->windows.front();
    return percentileWindow(*m_image);
}

SliceViewport SliceViewer::viewport() const {
    return SliceViewport(m_plane.columns(), m_plane.rows(), m_plane.columnSpacing(),
                         m_plane.rowSpacing(), deviceSize(), m_view);
}

QPointF SliceViewer::toDevice(const QPointF& widgetPos) const {
    // The centre of the logical pixel under the mouse, in device pixels.
    return (widgetPos + QPointF(0.5, 0.5)) * devicePixelRatioF();
}

void SliceViewer::applyWindow() {
    if (m_image && m_image->isRgb())
        m_scene->setTrueColour(m_inverted);
    else
        m_scene->setGreyWindow(m_center, m_width, m_inverted);
}

void SliceViewer::applyView() {
    if (m_image) m_scene->applyCamera(viewport());
}

void SliceViewer::deviceSizeChanged(const QSize&) { applyView(); }

CursorInfo SliceViewer::cursorInfoAt(const QPointF& widgetPos) const {
    CursorInfo info;
    if (!m_image) return info;
    const QPointF p = viewport().toSlice(toDevice(widgetPos));
    const int column = int(std::floor(p.x() + 0.5));
    const int row = int(std::floor(p.y() + 0.5));
    if (!m_plane.contains(column, row)) return info;
    const auto voxel = m_plane.voxelAt(column, row);
    info.valid = true;
    info.x = voxel[0];
    info.y = voxel[1];
    info.z = voxel[2];
    info.channels = m_image->channels;
    for (int c = 0; c < info.channels && c < 3; ++c)
        info.value[std::size_t(c)] = m_image->at(info.x, info.y, info.z, c);

    const QString position = m_image->isVolume()
        ? tr("x %1  y %2  z %3").arg(info.x).arg(info.y).arg(info.z)
        : tr("x %1  y %2").arg(info.x).arg(info.y);
    QString value;
    if (m_image->isRgb())
        value = tr("R %1  G %2  B %3").arg(double(info.value[0]), 0, 'f', 0)
                    .arg(double(info.value[1]), 0, 'f', 0).arg(double(info.value[2]), 0, 'f', 0);
    else if (m_image->modality == Modality::CT)
        value = tr("%1 HU").arg(double(info.value[0]), 0, 'f', 0);
    else
        value = QString::number(double(info.value[0]), 'g', 6);
    info.text = position + QStringLiteral("   ") + value;
    return info;
}

void SliceViewer::updateCursorInfo(const QPointF& widgetPos) {
    const CursorInfo info = m_mouseInside ? cursorInfoAt(widgetPos) : CursorInfo{};
    if (info.sameVoxel(m_cursor)) return;
    m_cursor = info;
    emit cursorInfoChanged(m_cursor);
}

void SliceViewer::updateAnnotations() {
    using Corner = SliceScene::Corner;
    m_scene->setCornerText(Corner::UpperLeft, m_caption);
    if (!m_image) {
        m_scene->setCornerText(Corner::UpperRight, QString());
        m_scene->setCornerText(Corner::LowerLeft, tr("No image"));
        m_scene->setCornerText(Corner::LowerRight, QString());
        return;
    }
    const Image& image = *m_image;
    QString size = image.isVolume()
        ? tr("%1 x %2 x %3").arg(image.width).arg(image.height).arg(image.depth)
        : tr("%1 x %2").arg(image.width).arg(image.height);
    m_scene->setCornerText(Corner::UpperRight, modalityLabel(image.modality) + QLatin1Char('\n') + size);

    QString place;
    if (image.isVolume()) {
        const QString names[] = {tr("Axial"), tr("Coronal"), tr("Sagittal")};
        place = tr("%1 %2/%3")
                    .arg(names[int(m_orientation)])
                    .arg(m_plane.index() + 1)
                    .arg(sliceCount());
    }
    m_scene->setCornerText(Corner::LowerLeft, place);

    QString window = image.isRgb()
        ? tr("True colour")
        : tr("W %1  L %2").arg(m_width, 0, 'f', m_width < 10 ? 2 : 0)
              .arg(m_center, 0, 'f', m_width < 10 ? 2 : 0);
    if (!image.isRgb() && !m_windowName.isEmpty())
        window += QStringLiteral(" (%1)").arg(presetLabel(m_windowName));
    if (m_inverted) window += QLatin1Char('\n') + tr("Inverted");
    const QString zoom = tr("Zoom %1x").arg(m_view.zoom, 0, 'f', 2);
    m_scene->setCornerText(Corner::LowerRight, zoom + QLatin1Char('\n') + window);
}

}  // namespace medq::gui
