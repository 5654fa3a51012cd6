// SliceViewer on a high-DPI screen (device pixel ratio 2): full resolution, right mapping.
#include "ViewerTestSupport.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>

using namespace medq;
using namespace medq::gui;
using namespace medq::gui::testing;

class ViewerHighDpiTest : public QObject {
    Q_OBJECT
private slots:
    void rendersAtDeviceResolution();
    void cursorInfoUsesDevicePixels();
};

void ViewerHighDpiTest::rendersAtDeviceResolution() {
    SliceViewer viewer;
    viewer.setImage(loadGreyAsCt(QStringLiteral(MEDQ_SAMPLE_SKIMAGE "/camera.png")));
    showAndWait(&viewer, QSize(320, 240));
    QCOMPARE(viewer.devicePixelRatioF(), 2.0);
    const QImage frame = viewer.renderToImage();
    QCOMPARE(frame.size(), QSize(640, 480));
    // A renderer sized in logical pixels fills only the lower-left quarter: check the
    // picture is right across the whole frame, including its upper-right part.
    QVERIFY2(frameCorrelation(viewer, frame) > 0.97, "picture not at device resolution");
    QVERIFY(meanGrey(frame, QRect(320, 0, 240, 240)) > 40.0);
}

void ViewerHighDpiTest::cursorInfoUsesDevicePixels() {
    SliceViewer viewer;
    viewer.setImage(coordinateImage(40, 30));
    showAndWait(&viewer, QSize(320, 240));
    QSignalSpy spy(&viewer, &SliceViewer::cursorInfoChanged);
    const QPointF at = widgetPosOfSlicePixel(viewer, 31, 22);
    QMouseEvent move(QEvent::MouseMove, at, viewer.mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QApplication::sendEvent(&viewer, &move);
    QVERIFY(!spy.isEmpty());
    const auto info = spy.last().first().value<CursorInfo>();
    QCOMPARE(info.x, 31);
    QCOMPARE(info.y, 22);
}

int main(int argc, char** argv) {
    // Must be set before QApplication: Qt reads it once.
    qputenv("QT_SCALE_FACTOR", "2");
    medq::gui::configureSurfaceFormat();
    QApplication app(argc, argv);
    ViewerHighDpiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "viewer_hidpi_test.moc"
