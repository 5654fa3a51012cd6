#include "viewer/SliceScene.h"

#include <vtkCamera.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace medq::gui {

namespace {
// The camera sits this far in front of the z = 0 image plane; any distance works for a
// parallel projection, the clipping range just has to contain the plane.
constexpr double kCameraDistance = 1000.0;
}  // namespace

SliceScene::SliceScene() {
    m_renderer->SetBackground(0.0, 0.0, 0.0);
    m_mapper->SetInputData(m_pixels);
    m_mapper->SliceFacesCameraOff();
    m_mapper->SliceAtFocalPointOff();
    m_property->SetInterpolationTypeToLinear();
    m_property->SetAmbient(1.0);
    m_property->SetDiffuse(0.0);
    // Inversion needs a table: the image mapper treats a negative window as empty.
    m_invertedGrey->SetNumberOfTableValues(256);
    m_invertedGrey->SetHueRange(0.0, 0.0);
    m_invertedGrey->SetSaturationRange(0.0, 0.0);
    m_invertedGrey->SetValueRange(1.0, 0.0);
    m_invertedGrey->Build();
    m_property->UseLookupTableScalarRangeOff();  // window/level sets the table's range
    m_slice->SetMapper(m_mapper);
    m_slice->SetProperty(m_property);
    m_slice->VisibilityOff();
    m_renderer->AddViewProp(m_slice);

    // Corners in the order of SliceScene::Corner. Font size in points: the render window's
    // DPI (72 x device pixel ratio) turns it into device pixels, so the text keeps its size
    // on high-DPI screens.
    for (int corner = 0; corner < 4; ++corner) {
        vtkTextActor* text = m_corners[std::size_t(corner)];
        const bool right = corner % 2 == 1;
        const bool top = corner >= 2;
        text->SetTextScaleModeToNone();
        vtkTextProperty* style = text->GetTextProperty();
        style->SetFontFamilyToArial();
        style->SetFontSize(13);
        style->SetColor(0.92, 0.92, 0.80);
        style->ShadowOn();
        style->SetJustification(right ? VTK_TEXT_RIGHT : VTK_TEXT_LEFT);
        style->SetVerticalJustification(top ? VTK_TEXT_TOP : VTK_TEXT_BOTTOM);
        text->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
        text->GetPositionCoordinate()->SetValue(right ? 0.995 : 0.005, top ? 0.995 : 0.005);
        text->SetInput("");
        m_renderer->AddViewProp(text);
    }

    vtkCamera* camera = m_renderer->GetActiveCamera();
    camera->ParallelProjectionOn();
}

SliceScene::~SliceScene() = default;

vtkRenderer* SliceScene::renderer() const { return m_renderer; }

void SliceScene::showPlane(const Image& image, const SlicePlane& plane) {
    int dims[3];
    m_pixels->GetDimensions(dims);
    const bool sameShape = dims[0] == plane.columns() && dims[1] == plane.rows() &&
                           m_pixels->GetNumberOfScalarComponents() == plane.channels() &&
                           m_pixels->GetPointData()->GetScalars() != nullptr;
    if (!sameShape) {
        m_pixels->SetDimensions(plane.columns(), plane.rows(), 1);
        m_pixels->AllocateScalars(VTK_FLOAT, plane.channels());
    }
    m_pixels->SetSpacing(plane.columnSpacing(), plane.rowSpacing(), 1.0);
    m_pixels->SetOrigin(0.0, 0.0, 0.0);
    float* values = static_cast<float*>(m_pixels->GetScalarPointer());
    plane.copyValues(image, values);
    if (m_invertColours && plane.channels() > 1)
        for (std::size_t i = 0, n = plane.valueCount(); i < n; ++i) values[i] = 255.0f - values[i];
    m_pixels->Modified();
    m_slice->VisibilityOn();
}

void SliceScene::clear() { m_slice->VisibilityOff(); }

void SliceScene::setGreyWindow(double center, double width, bool inverted) {
    // Values level - window/2 .. level + window/2 run along the grey ramp, or along the
    // reversed table when inverted.
    m_property->SetLookupTable(inverted ? m_invertedGrey.Get() : nullptr);
    m_property->SetColorLevel(center);
    m_property->SetColorWindow(std::max(std::abs(width), 1e-6));
    m_invertColours = false;
}

void SliceScene::setTrueColour(bool inverted) {
    // Identity for 0..255 RGB: photographs are judged in their true colours.
    m_property->SetLookupTable(nullptr);
    m_property->SetColorLevel(127.5);
    m_property->SetColorWindow(255.0);
    m_invertColours = inverted;
}

void SliceScene::applyCamera(const SliceViewport& viewport) {
    // Looking along +z with view-up -y puts image row 0 at the top and column 0 at the
    // left, so the buffer is stored row 0 first with no flip.
    const QPointF focal = viewport.focalPoint();
    vtkCamera* camera = m_renderer->GetActiveCamera();
    camera->SetFocalPoint(focal.x(), focal.y(), 0.0);
    camera->SetPosition(focal.x(), focal.y(), -kCameraDistance);
    camera->SetViewUp(0.0, -1.0, 0.0);
    camera->SetParallelScale(viewport.parallelScale());
    camera->SetClippingRange(kCameraDistance / 2.0, kCameraDistance * 2.0);
}

void SliceScene::setCornerText(Corner corner, const QString& text) {
    // Only real changes: a new string means rasterising it again.
    const auto k = std::size_t(corner);
    if (m_cornerTexts[k] == text) return;
    m_cornerTexts[k] = text;
    m_corners[k]->SetInput(text.toUtf8().constData());
}

}  // namespace medq::gui
