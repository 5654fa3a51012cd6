#pragma once
// The VTK objects that draw one 2D slice: pixels, window/level, camera and corner text.
#include "viewer/SlicePlane.h"
#include "viewer/SliceViewport.h"

#include <QString>
#include <array>
#include <vtkNew.h>

class vtkImageData;
class vtkImageProperty;
class vtkImageSlice;
class vtkImageSliceMapper;
class vtkLookupTable;
class vtkRenderer;
class vtkTextActor;

namespace medq::gui {

// Built once per viewer and reused for every image: a new image only refills the pixel
// buffer (one memcpy for axial planes) and moves the camera, which keeps switching
// images in a reading queue to a few milliseconds.
class SliceScene {
public:
    enum class Corner { LowerLeft = 0, LowerRight = 1, UpperLeft = 2, UpperRight = 3 };

    SliceScene();
    ~SliceScene();
    SliceScene(const SliceScene&) = delete;
    SliceScene& operator=(const SliceScene&) = delete;

    vtkRenderer* renderer() const;

    // Copies `plane` of `image` into the displayed buffer (inverting colour images when
    // setTrueColour(true) is in effect: call it again after changing that).
    void showPlane(const Image& image, const SlicePlane& plane);
    // Hides the picture (no image loaded).
    void clear();
    // Grey display: values center - width/2 .. center + width/2 map to black .. white
    // (white .. black when inverted).
    void setGreyWindow(double center, double width, bool inverted);
    // Colour display: 0..255 per channel shown as is (or as 255 - value).
    void setTrueColour(bool inverted);
    void applyCamera(const SliceViewport& viewport);
    void setCornerText(Corner corner, const QString& text);

private:
    vtkNew<vtkRenderer> m_renderer;
    vtkNew<vtkImageData> m_pixels;
    vtkNew<vtkImageSliceMapper> m_mapper;
    vtkNew<vtkImageProperty> m_property;
    vtkNew<vtkImageSlice> m_slice;
    // Four plain text actors, not vtkCornerAnnotation: that one re-renders its text several
    // times per frame to fit a font size, which cost 25 ms on every slice or window change.
    std::array<vtkNew<vtkTextActor>, 4> m_corners;
    std::array<QString, 4> m_cornerTexts;
    vtkNew<vtkLookupTable> m_invertedGrey;
    bool m_invertColours = false;
};

}  // namespace medq::gui
