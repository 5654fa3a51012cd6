// How long switching the viewer to a new 512x512 image takes, until it is on screen.
// Usage: xvfb-run -a viewer_switch_bench [count]   (prints median and 90th percentile)
#include "ViewerTestSupport.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace medq;
using namespace medq::gui;

namespace {

// `count` distinct CT-like 512x512 images: the camera picture shifted and with noise,
// so no two frames are the same and no cache can help.
std::vector<std::shared_ptr<const Image>> makeImages(int count, bool withPresets) {
    const Image base = testing::loadGreyAsCt(QStringLiteral(MEDQ_SAMPLE_SKIMAGE "/camera.png"));
    std::mt19937 random(42);
    std::normal_distribution<float> noise(0.0f, 20.0f);
    std::vector<std::shared_ptr<const Image>> images;
    for (int i = 0; i < count; ++i) {
        Image image = base;
        for (float& v : image.voxels) v += noise(random) + float(i);
        if (!withPresets) image.windows.clear();  // the viewer computes a percentile window
        images.push_back(std::make_shared<const Image>(std::move(image)));
    }
    return images;
}

struct Figures {
    double median = 0;
    double p90 = 0;
};

Figures summarise(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 9 / 10)]};
}

// Milliseconds from setImage() until the frame has been swapped to the screen.
Figures switchUntilPainted(SliceViewer& viewer, const std::vector<std::shared_ptr<const Image>>& images) {
    std::vector<double> ms;
    QEventLoop loop;
    QObject::connect(&viewer, &QOpenGLWidget::frameSwapped, &loop, &QEventLoop::quit);
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    for (const auto& image : images) {
        QElapsedTimer timer;
        timer.start();
        viewer.setImage(image);
        guard.start(2000);
        loop.exec();
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    return summarise(ms);
}

// Milliseconds for setImage() plus a synchronous render and read-back (the grab path).
Figures switchAndGrab(SliceViewer& viewer, const std::vector<std::shared_ptr<const Image>>& images) {
    std::vector<double> ms;
    for (const auto& image : images) {
        QElapsedTimer timer;
        timer.start();
        viewer.setImage(image);
        const QImage frame = viewer.renderToImage();
        ms.push_back(timer.nsecsElapsed() / 1e6);
        if (frame.isNull()) std::fprintf(stderr, "empty frame\n");
    }
    return summarise(ms);
}

}  // namespace

int main(int argc, char** argv) {
    configureSurfaceFormat();
    QApplication app(argc, argv);
    const int count = argc > 1 ? std::max(2, std::atoi(argv[1])) : 100;
    const auto withPresets = makeImages(count, true);
    const auto withoutPresets = makeImages(count, false);

    SliceViewer viewer;
    viewer.resize(800, 800);
    viewer.show();
    QEventLoop settle;
    QTimer::singleShot(300, &settle, &QEventLoop::quit);
    settle.exec();

    switchUntilPainted(viewer, std::vector(withPresets.begin(), withPresets.begin() + 5));  // warm-up
    const Figures painted = switchUntilPainted(viewer, withPresets);
    const Figures automatic = switchUntilPainted(viewer, withoutPresets);
    const Figures grabbed = switchAndGrab(viewer, withPresets);
    std::printf("viewer_switch_bench: %d images 512x512 float, view 800x800 device px %.0fx%.0f\n",
                count, viewer.deviceSize().width() * 1.0, viewer.deviceSize().height() * 1.0);
    std::printf("  new image until painted (presets)      median %.2f ms  p90 %.2f ms\n",
                painted.median, painted.p90);
    std::printf("  new image until painted (auto window)  median %.2f ms  p90 %.2f ms\n",
                automatic.median, automatic.p90);
    std::printf("  new image + renderToImage()            median %.2f ms  p90 %.2f ms\n",
                grabbed.median, grabbed.p90);
    return 0;
}
