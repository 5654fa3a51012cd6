#pragma once
// Test images and frame measurements shared by the viewer's GUI tests and bench.
#include "io/Image.h"
#include "viewer/SliceViewer.h"

#include <QImage>
#include <QRect>
#include <QString>

namespace medq::gui::testing {

// A PNG from scikit-image's sample data as a grey CT-like image: 0..255 mapped to
// -1000..1040 HU, with a full-range window first and the CT presets after it.
Image loadGreyAsCt(const QString& path);
// A PNG as an RGB photograph (0..255 per channel).
Image loadRgbPhoto(const QString& path, Modality modality);
// A width x height x depth volume, 0 outside and 1000 inside a sphere of `radius`
// voxels centred at (cx, cy, cz); window 500/1000.
Image sphereVolume(int width, int height, int depth, double cx, double cy, double cz,
                   double radius);
// A 2D grey image whose value at (x, y) is x + 1000 * y, so a value names its pixel.
Image coordinateImage(int width, int height);

// Shows `widget` at `size` and waits until it is exposed and painted once.
void showAndWait(QWidget* widget, const QSize& size);
// Mean grey level (0..255) of a frame inside a device-pixel rectangle (whole frame if null).
double meanGrey(const QImage& frame, const QRect& region = QRect());
// Grey level of the frame at the device position where the viewer shows slice pixel
// (column, row) of its current plane.
int greyAtSlicePixel(const SliceViewer& viewer, const QImage& frame, double column, double row);
QColor colourAtSlicePixel(const SliceViewer& viewer, const QImage& frame, double column,
                          double row);
// Pearson correlation between the viewer's frame and the windowed image values at
// `samples` pixels spread over the current plane (grey images, axial plane).
double frameCorrelation(const SliceViewer& viewer, const QImage& frame, int samples = 2000);
// Widget (logical) position of the centre of slice pixel (column, row).
QPointF widgetPosOfSlicePixel(const SliceViewer& viewer, double column, double row);

}  // namespace medq::gui::testing

// A QtTest main that sets the OpenGL surface format before QApplication exists.
#define MEDQ_VIEWER_TEST_MAIN(TestClass)                     \
    int main(int argc, char** argv) {                        \
        medq::gui::configureSurfaceFormat();                 \
        QApplication app(argc, argv);                        \
        TestClass test;                                      \
        return QTest::qExec(&test, argc, argv);              \
    }
