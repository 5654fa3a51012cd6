// SlicePlane and SliceViewport: the arithmetic behind what the viewer shows, no OpenGL.
#include "viewer/SlicePlane.h"
#include "viewer/SliceViewport.h"

#include <QTest>

using namespace medq;
using namespace medq::gui;

namespace {
// Value encodes the voxel: x + 100 y + 10000 z.
Image codedVolume(int w, int h, int d) {
    Image image(w, h, d);
    for (int z = 0; z < d; ++z)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) image.at(x, y, z) = float(x + 100 * y + 10000 * z);
    image.geometry.spacing = {0.5, 0.7, 2.5};
    return image;
}
}  // namespace

class ViewerGeometryTest : public QObject {
    Q_OBJECT
private slots:
    void planesHaveTheRightShape_data();
    void planesHaveTheRightShape();
    void copiedValuesMatchVoxelMapping_data();
    void copiedValuesMatchVoxelMapping();
    void coronalPutsSuperiorAtTop();
    void flippedAxesAreRespected();
    void twoDimensionalImageHasOneAxialPlane();
    void rgbPlanesKeepChannels();
    void fitShowsWholeSliceCentred();
    void screenAndSliceRoundTrip();
    void zoomKeepsAnchorStill();
    void panMovesPictureWithMouse();
};

void ViewerGeometryTest::planesHaveTheRightShape_data() {
    QTest::addColumn<int>("orientation");
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("columnSpacing");
    QTest::addColumn<double>("rowSpacing");
    QTest::newRow("axial") << int(SliceOrientation::Axial) << 7 << 5 << 4 << 0.5 << 0.7;
    QTest::newRow("coronal") << int(SliceOrientation::Coronal) << 7 << 4 << 5 << 0.5 << 2.5;
    QTest::newRow("sagittal") << int(SliceOrientation::Sagittal) << 5 << 4 << 7 << 0.7 << 2.5;
}

void ViewerGeometryTest::planesHaveTheRightShape() {
    QFETCH(int, orientation);
    const Image image = codedVolume(7, 5, 4);
    const auto o = SliceOrientation(orientation);
    const SlicePlane plane(image, o, 1);
    QTEST(plane.columns(), "columns");
    QTEST(plane.rows(), "rows");
    QTEST(SlicePlane::sliceCount(image, o), "count");
    QTEST(plane.columnSpacing(), "columnSpacing");
    QTEST(plane.rowSpacing(), "rowSpacing");
    QCOMPARE(SlicePlane(image, o, 99).index(), SlicePlane::sliceCount(image, o) - 1);
    QCOMPARE(SlicePlane(image, o, -3).index(), 0);
}

void ViewerGeometryTest::copiedValuesMatchVoxelMapping_data() { planesHaveTheRightShape_data(); }

void ViewerGeometryTest::copiedValuesMatchVoxelMapping() {
    QFETCH(int, orientation);
    const Image image = codedVolume(7, 5, 4);
    const SlicePlane plane(image, SliceOrientation(orientation), 2);
    std::vector<float> values(plane.valueCount());
    plane.copyValues(image, values.data());
    for (int row = 0; row < plane.rows(); ++row)
        for (int column = 0; column < plane.columns(); ++column) {
            const auto v = plane.voxelAt(column, row);
            QCOMPARE(values[std::size_t(row) * plane.columns() + column], image.at(v[0], v[1], v[2]));
        }
}

void ViewerGeometryTest::coronalPutsSuperiorAtTop() {
    const Image image = codedVolume(7, 5, 4);  // identity direction: z points superior
    const SlicePlane coronal(image, SliceOrientation::Coronal, 3);
    QCOMPARE(coronal.voxelAt(2, 0), (std::array<int, 3>{2, 3, 3}));  // top row = last z
    QCOMPARE(coronal.voxelAt(2, 3), (std::array<int, 3>{2, 3, 0}));
    const SlicePlane sagittal(image, SliceOrientation::Sagittal, 6);
    QCOMPARE(sagittal.voxelAt(0, 0), (std::array<int, 3>{6, 0, 3}));  // anterior (y 0) left
}

void ViewerGeometryTest::flippedAxesAreRespected() {
    Image image = codedVolume(7, 5, 4);
    image.geometry.direction = {1, 0, 0, 0, -1, 0, 0, 0, -1};  // y anterior, z inferior
    const SlicePlane sagittal(image, SliceOrientation::Sagittal, 0);
    QCOMPARE(sagittal.voxelAt(0, 0), (std::array<int, 3>{0, 4, 0}));
}

void ViewerGeometryTest::twoDimensionalImageHasOneAxialPlane() {
    const Image image(9, 6);
    const SlicePlane plane(image, SliceOrientation::Sagittal, 4);
    QCOMPARE(plane.orientation(), SliceOrientation::Axial);
    QCOMPARE(plane.columns(), 9);
    QCOMPARE(plane.rows(), 6);
    QCOMPARE(SlicePlane::sliceCount(image, SliceOrientation::Coronal), 1);
    QCOMPARE(SlicePlane::sliceCount(Image(), SliceOrientation::Axial), 0);
}

void ViewerGeometryTest::rgbPlanesKeepChannels() {
    Image image(4, 3, 2, 3);
    for (std::size_t i = 0; i < image.voxels.size(); ++i) image.voxels[i] = float(i);
    const SlicePlane plane(image, SliceOrientation::Sagittal, 1);
    std::vector<float> values(plane.valueCount());
    plane.copyValues(image, values.data());
    const auto v = plane.voxelAt(2, 1);
    for (int c = 0; c < 3; ++c)
        QCOMPARE(values[(std::size_t(1) * plane.columns() + 2) * 3 + c], image.at(v[0], v[1], v[2], c));
}

void ViewerGeometryTest::fitShowsWholeSliceCentred() {
    // 200 x 100 mm slice in a 400 x 400 view: width limits, 1 device px = 0.5 mm.
    const SliceViewport viewport(400, 100, 0.5, 1.0, QSize(400, 400), ViewState{});
    QCOMPARE(viewport.worldPerDevicePixel(), 0.5);
    QCOMPARE(viewport.toSlice(QPointF(200, 200)), QPointF(199.5, 49.5));
    QCOMPARE(viewport.toDevice(QPointF(-0.5, -0.5)), QPointF(0, 100));  // picture's corner
}

void ViewerGeometryTest::screenAndSliceRoundTrip() {
    const SliceViewport viewport(512, 300, 0.8, 1.2, QSize(640, 480), ViewState{2.5, 0.1, -0.3});
    const QPointF device(123.25, 301.5);
    const QPointF back = viewport.toDevice(viewport.toSlice(device));
    QVERIFY(std::abs(back.x() - device.x()) < 1e-9 && std::abs(back.y() - device.y()) < 1e-9);
}

void ViewerGeometryTest::zoomKeepsAnchorStill() {
    const SliceViewport before(512, 512, 1, 1, QSize(640, 480), ViewState{});
    const QPointF anchor(100, 80);
    const ViewState zoomed = before.zoomedAbout(3.0, anchor);
    QCOMPARE(zoomed.zoom, 3.0);
    const SliceViewport after(512, 512, 1, 1, QSize(640, 480), zoomed);
    const QPointF a = before.toSlice(anchor), b = after.toSlice(anchor);
    QVERIFY(std::abs(a.x() - b.x()) < 1e-9 && std::abs(a.y() - b.y()) < 1e-9);
    QCOMPARE(before.zoomedAbout(1e9, anchor).zoom, SliceViewport::kMaxZoom);
}

void ViewerGeometryTest::panMovesPictureWithMouse() {
    const SliceViewport before(512, 256, 1, 2, QSize(640, 480), ViewState{1.7, 0, 0});
    const SliceViewport after(512, 256, 1, 2, QSize(640, 480), before.panned(QPointF(30, -12)));
    const QPointF p(100, 100);
    const QPointF moved = after.toDevice(p) - before.toDevice(p);
    QVERIFY(std::abs(moved.x() - 30) < 1e-9 && std::abs(moved.y() + 12) < 1e-9);
}

QTEST_APPLESS_MAIN(ViewerGeometryTest)
#include "viewer_geometry_test.moc"
