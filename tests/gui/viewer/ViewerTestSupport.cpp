#include "ViewerTestSupport.h"

#include "viewer/SliceViewport.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtGlobal>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace medq::gui::testing {

Image loadGreyAsCt(const QString& path) {
    QImage source(path);
    if (source.isNull()) throw std::runtime_error("cannot read " + path.toStdString());
    source = source.convertToFormat(QImage::Format_Grayscale8);
    Image image(source.width(), source.height());
    for (int y = 0; y < image.height; ++y) {
        const uchar* line = source.constScanLine(y);
        for (int x = 0; x < image.width; ++x) image.at(x, y) = line[x] * 8.0f - 1000.0f;
    }
    image.modality = Modality::CT;
    image.windows.push_back({QStringLiteral("full"), 20.0, 2040.0});
    addDefaultWindows(image);
    return image;
}

Image loadRgbPhoto(const QString& path, Modality modality) {
    QImage source(path);
    if (source.isNull()) throw std::runtime_error("cannot read " + path.toStdString());
    source = source.convertToFormat(QImage::Format_RGB888);
    Image image(source.width(), source.height(), 1, 3);
    for (int y = 0; y < image.height; ++y) {
        const uchar* line = source.constScanLine(y);
        for (int i = 0; i < image.width * 3; ++i)
            image.voxels[std::size_t(y) * image.width * 3 + i] = line[i];
    }
    image.modality = modality;
    return image;
}

Image sphereVolume(int width, int height, int depth, double cx, double cy, double cz,
                   double radius) {
    Image image(width, height, depth);
    for (int z = 0; z < depth; ++z)
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                const double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
                image.at(x, y, z) = d2 <= radius * radius ? 1000.0f : 0.0f;
            }
    image.modality = Modality::MRI;
    image.windows.push_back({QStringLiteral("default"), 500.0, 1000.0});
    return image;
}

Image coordinateImage(int width, int height) {
    Image image(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) image.at(x, y) = float(x + 1000 * y);
    image.modality = Modality::Other;
    image.windows.push_back({QStringLiteral("all"), 1000.0 * height / 2.0, 1000.0 * height});
    return image;
}

void showAndWait(QWidget* widget, const QSize& size) {
    widget->resize(size);
    widget->show();
    if (!QTest::qWaitForWindowExposed(widget)) throw std::runtime_error("window not exposed");
    QTest::qWait(50);
}

double meanGrey(const QImage& frame, const QRect& region) {
    const QRect r = region.isNull() ? frame.rect() : region.intersected(frame.rect());
    double sum = 0.0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) sum += qGray(frame.pixel(x, y));
    return r.isEmpty() ? 0.0 : sum / (double(r.width()) * r.height());
}

static SliceViewport viewportOf(const SliceViewer& viewer, const QImage& frame) {
    const Image& image = *viewer.image();
    const SlicePlane plane(image, viewer.orientation(), viewer.slice());
    return SliceViewport(plane.columns(), plane.rows(), plane.columnSpacing(),
                         plane.rowSpacing(), frame.size(), viewer.viewState());
}

QColor colourAtSlicePixel(const SliceViewer& viewer, const QImage& frame, double column,
                          double row) {
    const QPointF p = viewportOf(viewer, frame).toDevice(QPointF(column, row));
    const QPoint pixel(int(std::floor(p.x())), int(std::floor(p.y())));
    if (!frame.rect().contains(pixel)) return QColor();
    return frame.pixelColor(pixel);
}

int greyAtSlicePixel(const SliceViewer& viewer, const QImage& frame, double column, double row) {
    const QColor c = colourAtSlicePixel(viewer, frame, column, row);
    return c.isValid() ? qGray(c.rgb()) : -1;
}

double frameCorrelation(const SliceViewer& viewer, const QImage& frame, int samples) {
    const Image& image = *viewer.image();
    const double lo = viewer.windowCenter() - viewer.windowWidth() / 2.0;
    QRandomGenerator random(7);
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    int n = 0;
    for (int i = 0; i < samples; ++i) {
        const int x = random.bounded(image.width);
        const int y = random.bounded(image.height);
        const int shown = greyAtSlicePixel(viewer, frame, x, y);
        if (shown < 0) continue;
        const double expected =
            std::clamp((image.at(x, y, viewer.slice()) - lo) / viewer.windowWidth(), 0.0, 1.0);
        sx += expected;
        sy += shown;
        sxx += expected * expected;
        syy += double(shown) * shown;
        sxy += expected * shown;
        ++n;
    }
    if (n < 2) return 0.0;
    const double cov = sxy / n - (sx / n) * (sy / n);
    const double vx = sxx / n - (sx / n) * (sx / n);
    const double vy = syy / n - (sy / n) * (sy / n);
    return vx > 0 && vy > 0 ? cov / std::sqrt(vx * vy) : 0.0;
}

QPointF widgetPosOfSlicePixel(const SliceViewer& viewer, double column, double row) {
    const Image& image = *viewer.image();
    const SlicePlane plane(image, viewer.orientation(), viewer.slice());
    const SliceViewport viewport(plane.columns(), plane.rows(), plane.columnSpacing(),
                                 plane.rowSpacing(), viewer.deviceSize(), viewer.viewState());
    // The viewer reads the centre of the logical pixel under the mouse.
    return viewport.toDevice(QPointF(column, row)) / viewer.devicePixelRatioF() -
           QPointF(0.5, 0.5);
}

}  // namespace medq::gui::testing
