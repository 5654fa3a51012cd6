// SliceViewer under Xvfb: what it draws, and how mouse and keys change it.
#include "ViewerTestSupport.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace medq;
using namespace medq::gui;
using namespace medq::gui::testing;

namespace {
const QString kCamera = QStringLiteral(MEDQ_SAMPLE_SKIMAGE "/camera.png");
const QString kIhc = QStringLiteral(MEDQ_SAMPLE_SKIMAGE "/ihc.png");
const QSize kViewSize(640, 480);

// A 96 x 80 x 64 volume with a sphere off-centre, so planes differ and orientation shows.
std::shared_ptr<const Image> sphere() {
    return std::make_shared<const Image>(sphereVolume(96, 80, 64, 60, 30, 40, 14));
}

void drag(QWidget* w, Qt::MouseButton button, QPointF from, QPointF to,
          Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QMouseEvent press(QEvent::MouseButtonPress, from, w->mapToGlobal(from), button, button,
                      modifiers);
    QApplication::sendEvent(w, &press);
    const int steps = 5;
    for (int i = 1; i <= steps; ++i) {
        const QPointF p = from + (to - from) * (double(i) / steps);
        QMouseEvent move(QEvent::MouseMove, p, w->mapToGlobal(p), Qt::NoButton, button,
                         modifiers);
        QApplication::sendEvent(w, &move);
    }
    QMouseEvent release(QEvent::MouseButtonRelease, to, w->mapToGlobal(to), button,
                        Qt::NoButton, modifiers);
    QApplication::sendEvent(w, &release);
}

void wheel(QWidget* w, QPointF at, int notches, Qt::KeyboardModifiers modifiers = {}) {
    QWheelEvent event(at, w->mapToGlobal(at), QPoint(), QPoint(0, 120 * notches), Qt::NoButton,
                      modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &event);
}
}  // namespace

class SliceViewerTest : public QObject {
    Q_OBJECT
private slots:
    void showsGreyImageWhereItBelongs();
    void showsRgbPhotographInTrueColour();
    void windowLevelChangesBrightness();
    void appliesPresetsByName();
    void leftDragChangesWindowLevel();
    void volumeShowsSphereAtMiddleSlice();
    void sliceChangeChangesPicture();
    void wheelAndKeysScrollSlices();
    void coronalAndSagittalShowTheSphere();
    void wheelZoomsTwoDimensionalImage();
    void rightDragZoomsAndMiddleDragPans();
    void keyRResetsView();
    void keyIInverts();
    void cursorInfoReportsValueUnderMouse();
    void unhandledKeysReachParent();
};

void SliceViewerTest::showsGreyImageWhereItBelongs() {
    SliceViewer viewer;
    viewer.setImage(loadGreyAsCt(kCamera));
    showAndWait(&viewer, kViewSize);
    const QImage frame = viewer.renderToImage();
    QCOMPARE(frame.size(), viewer.deviceSize());
    QVERIFY2(meanGrey(frame) > 40.0, "frame is black");
    // The picture must match the image pixel by pixel where the camera says it is:
    // a flipped, shifted or scaled picture correlates poorly.
    const double r = frameCorrelation(viewer, frame);
    QVERIFY2(r > 0.97, qPrintable(QStringLiteral("correlation %1").arg(r)));
    // Fitted: the 512x512 image fills the height of a 640x480 view; the side bands are empty.
    QCOMPARE(meanGrey(frame, QRect(0, 0, 40, frame.height())), 0.0);
}

void SliceViewerTest::showsRgbPhotographInTrueColour() {
    SliceViewer viewer;
    const Image photo = loadRgbPhoto(kIhc, Modality::Histopathology);
    viewer.setImage(photo);
    showAndWait(&viewer, kViewSize);
    const QImage frame = viewer.renderToImage();
    double error = 0.0;
    int n = 0;
    for (int y = 16; y < photo.height; y += 37)
        for (int x = 16; x < photo.width; x += 41) {
            const QColor shown = colourAtSlicePixel(viewer, frame, x, y);
            QVERIFY(shown.isValid());
            error += std::abs(shown.red() - photo.at(x, y, 0, 0)) +
                     std::abs(shown.green() - photo.at(x, y, 0, 1)) +
                     std::abs(shown.blue() - photo.at(x, y, 0, 2));
            n += 3;
        }
    // Linear interpolation and the 0.94 display scale blur a little; a window, a channel
    // swap or a grey conversion would be far off.
    QVERIFY2(error / n < 12.0, qPrintable(QStringLiteral("mean error %1").arg(error / n)));
    // Window/level does not apply to photographs; inversion does, per channel.
    viewer.setWindow(0.0, 10.0);
    QCOMPARE(viewer.windowWidth(), 255.0);
    viewer.setInverted(true);
    const QColor inverted = colourAtSlicePixel(viewer, viewer.renderToImage(), 300, 200);
    const QColor normal = colourAtSlicePixel(viewer, frame, 300, 200);
    QVERIFY(std::abs(inverted.red() - (255 - normal.red())) <= 3);
    QVERIFY(std::abs(inverted.blue() - (255 - normal.blue())) <= 3);
}

void SliceViewerTest::windowLevelChangesBrightness() {
    SliceViewer viewer;
    viewer.setImage(loadGreyAsCt(kCamera));
    showAndWait(&viewer, kViewSize);
    const double normal = meanGrey(viewer.renderToImage());
    QSignalSpy spy(&viewer, &SliceViewer::windowChanged);
    viewer.setWindow(600.0, 2040.0);  // higher level: darker
    QCOMPARE(spy.count(), 1);
    const double darker = meanGrey(viewer.renderToImage());
    viewer.setWindow(-600.0, 2040.0);  // lower level: brighter
    const double brighter = meanGrey(viewer.renderToImage());
    QVERIFY2(darker < normal - 10 && brighter > normal + 10,
             qPrintable(QStringLiteral("%1 %2 %3").arg(darker).arg(normal).arg(brighter)));
}

void SliceViewerTest::appliesPresetsByName() {
    SliceViewer viewer;
    viewer.setImage(loadGreyAsCt(kCamera));
    QCOMPARE(viewer.windowCenter(), 20.0);  // the image's first preset is the default
    QVERIFY(viewer.windowPresetNames().contains(QStringLiteral("lung")));
    QVERIFY(viewer.setWindowPreset(QStringLiteral("lung")));
    QCOMPARE(viewer.windowCenter(), -600.0);
    QCOMPARE(viewer.windowWidth(), 1500.0);
    QVERIFY(!viewer.setWindowPreset(QStringLiteral("no such preset")));
    QCOMPARE(viewer.windowCenter(), -600.0);
}

void SliceViewerTest::leftDragChangesWindowLevel() {
    SliceViewer viewer;
    viewer.setImage(loadGreyAsCt(kCamera));
    showAndWait(&viewer, kViewSize);
    const double width = viewer.windowWidth();
    const double center = viewer.windowCenter();
    drag(&viewer, Qt::LeftButton, QPointF(300, 200), QPointF(400, 200));
    QVERIFY(viewer.windowWidth() > width * 1.3);  // right: wider
    QCOMPARE(viewer.windowCenter(), center);
    drag(&viewer, Qt::LeftButton, QPointF(300, 200), QPointF(300, 260));
    QVERIFY(viewer.windowCenter() > center + 100);  // down: higher level
    QCOMPARE(viewer.viewState(), ViewState{});      // and no zoom or pan
}

void SliceViewerTest::volumeShowsSphereAtMiddleSlice() {
    SliceViewer viewer;
    viewer.setImage(sphere());
    showAndWait(&viewer, kViewSize);
    QCOMPARE(viewer.sliceCount(), 64);
    QCOMPARE(viewer.slice(), 32);
    const QImage frame = viewer.renderToImage();
    QVERIFY2(greyAtSlicePixel(viewer, frame, 60, 30) > 200, "sphere centre not bright");
    QVERIFY2(greyAtSlicePixel(viewer, frame, 20, 60) < 30, "background not dark");
}

void SliceViewerTest::sliceChangeChangesPicture() {
    SliceViewer viewer;
    viewer.setImage(sphere());
    showAndWait(&viewer, kViewSize);
    viewer.setSlice(40);  // through the sphere's centre
    const QImage through = viewer.renderToImage();
    QSignalSpy spy(&viewer, &SliceViewer::sliceChanged);
    viewer.setSlice(5);  // far from it
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().toInt(), 5);
    const QImage away = viewer.renderToImage();
    QVERIFY(greyAtSlicePixel(viewer, through, 60, 30) > 200);
    QVERIFY(greyAtSlicePixel(viewer, away, 60, 30) < 30);
    viewer.setSlice(1000);  // clamped
    QCOMPARE(viewer.slice(), 63);
}

void SliceViewerTest::wheelAndKeysScrollSlices() {
    SliceViewer viewer;
    viewer.setImage(sphere());
    showAndWait(&viewer, kViewSize);
    viewer.setFocus();
    wheel(&viewer, QPointF(300, 200), -3);  // toward the user: forward
    QCOMPARE(viewer.slice(), 35);
    QCOMPARE(viewer.viewState(), ViewState{});  // wheel scrolls a volume, it does not zoom
    QTest::keyClick(&viewer, Qt::Key_Down);
    QCOMPARE(viewer.slice(), 36);
    QTest::keyClick(&viewer, Qt::Key_Up);
    QCOMPARE(viewer.slice(), 35);
    QTest::keyClick(&viewer, Qt::Key_PageUp);
    QCOMPARE(viewer.slice(), 25);
    QTest::keyClick(&viewer, Qt::Key_PageDown);
    QCOMPARE(viewer.slice(), 35);
    QTest::keyClick(&viewer, Qt::Key_End);
    QCOMPARE(viewer.slice(), 63);
}

void SliceViewerTest::coronalAndSagittalShowTheSphere() {
    SliceViewer viewer;
    viewer.setImage(sphere());
    showAndWait(&viewer, kViewSize);
    viewer.setOrientation(SliceOrientation::Coronal);
    QCOMPARE(viewer.sliceCount(), 80);
    viewer.setSlice(30);  // y of the sphere centre
    QImage frame = viewer.renderToImage();
    // Coronal: column = x, row = depth-1-z (superior up), so the centre is at (60, 23).
    QVERIFY(greyAtSlicePixel(viewer, frame, 60, 23) > 200);
    QVERIFY(greyAtSlicePixel(viewer, frame, 60, 63 - 10) < 30);
    QVERIFY(greyAtSlicePixel(viewer, frame, 20, 23) < 30);
    viewer.setOrientation(SliceOrientation::Sagittal);
    QCOMPARE(viewer.sliceCount(), 96);
    viewer.setSlice(60);
    frame = viewer.renderToImage();
    // Sagittal: column = y (anterior left), row = depth-1-z: centre at (30, 23).
    QVERIFY(greyAtSlicePixel(viewer, frame, 30, 23) > 200);
    QVERIFY(greyAtSlicePixel(viewer, frame, 70, 23) < 30);
}

void SliceViewerTest::wheelZoomsTwoDimensionalImage() {
    SliceViewer viewer;
    viewer.setImage(loadGreyAsCt(kCamera));
    showAndWait(&viewer, kViewSize);
    const QPointF at(200, 150);
    const QPointF before = widgetPosOfSlicePixel(viewer, 150, 120);
    wheel(&viewer, at, 2);
    QVERIFY(std::abs(viewer.viewState().zoom - 1.21) < 1e-9);
    // Zooming keeps the point under the mouse in place.
    const CursorInfo info = viewer.cursorInfoAt(at);
    wheel(&viewer, at, 2);
    const CursorInfo again = viewer.cursorInfoAt(at);
    QVERIFY(std::abs(info.x - again.x) <= 1 && std::abs(info.y - again.y) <= 1);
    QVERIFY(widgetPosOfSlicePixel(viewer, 150, 120) != before);
    QVERIFY2(frameCorrelation(viewer, viewer.renderToImage()) > 0.95, "zoomed picture wrong");
}

void SliceViewerTest::rightDragZoomsAndMiddleDragPans() {
    SliceViewer viewer;
    viewer.setImage(loadGreyAsCt(kCamera));
    showAndWait(&viewer, kViewSize);
    const double window = viewer.windowWidth();
    drag(&viewer, Qt::RightButton, QPointF(320, 300), QPointF(320, 200));  // up: zoom in
    QVERIFY(viewer.viewState().zoom > 2.0);
    const QPointF pixelBefore = widgetPosOfSlicePixel(viewer, 256, 256);
    drag(&viewer, Qt::MiddleButton, QPointF(300, 200), QPointF(340, 230));
    const QPointF moved = widgetPosOfSlicePixel(viewer, 256, 256) - pixelBefore;
    QVERIFY2(std::abs(moved.x() - 40) < 0.5 && std::abs(moved.y() - 30) < 0.5,
             "picture does not follow the mouse");
    QCOMPARE(viewer.windowWidth(), window);
    QVERIFY2(frameCorrelation(viewer, viewer.renderToImage()) > 0.95, "panned picture wrong");
}

void SliceViewerTest::keyRResetsView() {
    SliceViewer viewer;
    viewer.setImage(loadGreyAsCt(kCamera));
    showAndWait(&viewer, kViewSize);
    const QImage initial = viewer.renderToImage();
    viewer.setViewState({3.0, 0.2, -0.1});
    viewer.setWindow(300.0, 500.0);
    viewer.setInverted(true);
    QVERIFY(meanGrey(viewer.renderToImage()) != meanGrey(initial));
    viewer.setFocus();
    QTest::keyClick(&viewer, Qt::Key_R);
    QCOMPARE(viewer.viewState(), ViewState{});
    QCOMPARE(viewer.windowCenter(), 20.0);
    QCOMPARE(viewer.windowWidth(), 2040.0);
    QVERIFY(!viewer.isInverted());
    QCOMPARE(viewer.renderToImage(), initial);
}

void SliceViewerTest::keyIInverts() {
    SliceViewer viewer;
    viewer.setImage(sphere());
    viewer.setSlice(40);
    showAndWait(&viewer, kViewSize);
    viewer.setFocus();
    QTest::keyClick(&viewer, Qt::Key_I);
    QVERIFY(viewer.isInverted());
    const QImage frame = viewer.renderToImage();
    QVERIFY(greyAtSlicePixel(viewer, frame, 60, 30) < 30);
    QVERIFY(greyAtSlicePixel(viewer, frame, 20, 60) > 200);
}

void SliceViewerTest::cursorInfoReportsValueUnderMouse() {
    SliceViewer viewer;
    viewer.setImage(coordinateImage(40, 20));  // value = x + 1000 * y
    showAndWait(&viewer, kViewSize);
    viewer.setViewState({1.5, 0.1, 0.05});
    QSignalSpy spy(&viewer, &SliceViewer::cursorInfoChanged);
    const QPoint at = widgetPosOfSlicePixel(viewer, 13, 7).toPoint();
    QTest::mouseMove(&viewer, at);
    QVERIFY(!spy.isEmpty());
    const auto info = spy.last().first().value<CursorInfo>();
    QVERIFY(info.valid);
    QCOMPARE(info.x, 13);
    QCOMPARE(info.y, 7);
    QCOMPARE(info.value[0], 7013.0f);
    QVERIFY(info.text.contains(QStringLiteral("7013")));
    // The screen shows that same pixel there: its grey is the windowed value of row 7.
    const QImage frame = viewer.renderToImage();
    const double dpr = viewer.devicePixelRatioF();
    const int shown = qGray(frame.pixel(int((at.x() + 0.5) * dpr), int((at.y() + 0.5) * dpr)));
    const int expected = int(std::lround(7013.0 / 20000.0 * 255.0));
    QVERIFY2(std::abs(shown - expected) <= 4,
             qPrintable(QStringLiteral("shown %1 expected %2").arg(shown).arg(expected)));
    // Outside the picture (a fitted 2:1 image leaves bands above and below): no value.
    viewer.setViewState(ViewState{});
    QTest::mouseMove(&viewer, QPoint(320, 20));
    QVERIFY(!spy.last().first().value<CursorInfo>().valid);
}

void SliceViewerTest::unhandledKeysReachParent() {
    // Annotation shortcuts (a accept, x reject, ...) must work while the viewer has focus.
    struct KeyRecorder : QWidget {
        QList<int> keys;
        void keyPressEvent(QKeyEvent* e) override {
            if (e->key() != Qt::Key_Control) keys << e->key();  // QTest presses Ctrl itself
        }
    } parent;
    auto* viewer = new SliceViewer(&parent);
    viewer->setImage(loadGreyAsCt(kCamera));
    showAndWait(&parent, kViewSize);
    viewer->resize(kViewSize);
    viewer->setFocus();
    QTest::keyClick(viewer, Qt::Key_A);
    QTest::keyClick(viewer, Qt::Key_Down);  // 2D image: no slices, the key is not taken
    QTest::keyClick(viewer, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(parent.keys, (QList<int>{Qt::Key_A, Qt::Key_Down, Qt::Key_Return}));
}

MEDQ_VIEWER_TEST_MAIN(SliceViewerTest)
#include "slice_viewer_test.moc"
