// ComparisonView under Xvfb: two views that zoom, pan and scroll together.
#include "ViewerTestSupport.h"
#include "viewer/ComparisonView.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QTest>
#include <QWheelEvent>

using namespace medq;
using namespace medq::gui;
using namespace medq::gui::testing;

namespace {
const QString kCamera = QStringLiteral(MEDQ_SAMPLE_SKIMAGE "/camera.png");
const QSize kViewSize(1000, 420);

std::shared_ptr<const Image> camera() {
    return std::make_shared<const Image>(loadGreyAsCt(kCamera));
}
std::shared_ptr<const Image> sphere(double cx) {
    return std::make_shared<const Image>(sphereVolume(96, 80, 64, cx, 30, 40, 14));
}
}  // namespace

class ComparisonViewTest : public QObject {
    Q_OBJECT
private slots:
    void showsBothImages();
    void zoomingFirstZoomsSecond();
    void panningSecondPansFirst();
    void scrollingSlicesIsLinked();
    void unlinkedViewsMoveAlone();
    void windowLinkIsOptional();
};

void ComparisonViewTest::showsBothImages() {
    ComparisonView view;
    view.setImages(camera(), sphere(60));
    showAndWait(&view, kViewSize);
    const QImage a = view.first()->renderToImage();
    QVERIFY2(frameCorrelation(*view.first(), a) > 0.97, "first view wrong");
    const QImage b = view.second()->renderToImage();
    QVERIFY(greyAtSlicePixel(*view.second(), b, 60, 30) > 200);  // slice 32 cuts the sphere
    view.second()->setSlice(5);
    QVERIFY(greyAtSlicePixel(*view.second(), view.second()->renderToImage(), 60, 30) < 30);
    const QImage both = view.renderToImage();
    QCOMPARE(both.width(), a.width() + b.width() + qRound(2 * view.devicePixelRatioF()));
}

void ComparisonViewTest::zoomingFirstZoomsSecond() {
    ComparisonView view;
    view.setImages(camera(), camera());
    showAndWait(&view, kViewSize);
    const QImage before = view.second()->renderToImage();
    SliceViewer* first = view.first();
    const QPointF at(first->width() / 2.0, first->height() / 2.0);
    QWheelEvent event(at, first->mapToGlobal(at), QPoint(), QPoint(0, 3 * 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(first, &event);
    QVERIFY(first->viewState().zoom > 1.3);
    QCOMPARE(view.second()->viewState(), first->viewState());
    const QImage after = view.second()->renderToImage();
    QVERIFY(after != before);
    QVERIFY2(frameCorrelation(*view.second(), after) > 0.95, "second view not redrawn zoomed");
}

void ComparisonViewTest::panningSecondPansFirst() {
    ComparisonView view;
    view.setImages(camera(), camera());
    showAndWait(&view, kViewSize);
    view.second()->setViewState({2.0, 0.1, -0.2});
    QCOMPARE(view.first()->viewState(), (ViewState{2.0, 0.1, -0.2}));
}

void ComparisonViewTest::scrollingSlicesIsLinked() {
    ComparisonView view;
    view.setImages(sphere(60), sphere(30));
    showAndWait(&view, kViewSize);
    view.first()->setFocus();
    QTest::keyClick(view.first(), Qt::Key_PageDown);
    QCOMPARE(view.first()->slice(), 42);
    QCOMPARE(view.second()->slice(), 42);
    view.second()->setOrientation(SliceOrientation::Coronal);
    QCOMPARE(view.first()->orientation(), SliceOrientation::Coronal);
    QCOMPARE(view.first()->slice(), view.second()->slice());
}

void ComparisonViewTest::unlinkedViewsMoveAlone() {
    ComparisonView view;
    view.setImages(camera(), camera());
    showAndWait(&view, kViewSize);
    view.setLinked(false);
    view.first()->setViewState({2.0, 0.0, 0.0});
    QCOMPARE(view.second()->viewState(), ViewState{});
    view.setLinked(true);  // re-linking aligns the second view
    QCOMPARE(view.second()->viewState(), view.first()->viewState());
}

void ComparisonViewTest::windowLinkIsOptional() {
    ComparisonView view;
    view.setImages(camera(), camera());
    showAndWait(&view, kViewSize);
    view.first()->setWindow(100.0, 500.0);
    QCOMPARE(view.second()->windowCenter(), 20.0);
    view.setWindowLinked(true);
    QCOMPARE(view.second()->windowCenter(), 100.0);
    view.second()->setWindow(-50.0, 700.0);
    QCOMPARE(view.first()->windowWidth(), 700.0);
}

MEDQ_VIEWER_TEST_MAIN(ComparisonViewTest)
#include "comparison_view_test.moc"
