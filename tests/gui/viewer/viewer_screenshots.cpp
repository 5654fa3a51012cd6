// Screenshots of the viewer for review and documentation.
// Usage: xvfb-run -a viewer_screenshots [output folder, default /tmp/viewer-shots]
#include "ViewerTestSupport.h"
#include "viewer/ComparisonView.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QTimer>

#include <cmath>
#include <cstdio>
#include <random>

using namespace medq;
using namespace medq::gui;

namespace {

// A CT-like chest phantom in HU: air outside, a soft-tissue body, two lungs, a spine
// and a bright contrast-filled sphere in the right lung; z points superior.
Image chestPhantom() {
    const int w = 160, h = 128, d = 100;
    Image image(w, h, d);
    image.geometry.spacing = {2.0, 2.0, 2.5};
    std::mt19937 random(3);
    std::normal_distribution<float> noise(0.0f, 12.0f);
    auto inside = [](double x, double y, double z, double cx, double cy, double cz, double rx,
                     double ry, double rz) {
        const double a = (x - cx) / rx, b = (y - cy) / ry, c = (z - cz) / rz;
        return a * a + b * b + c * c <= 1.0;
    };
    for (int z = 0; z < d; ++z)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                float v = -1000.0f;
                if (inside(x, y, 0, 80, 64, 0, 70, 50, 1) && z > 4 && z < 96) v = 40.0f;
                if (inside(x, y, z, 50, 58, 55, 24, 32, 38)) v = -820.0f;
                if (inside(x, y, z, 110, 58, 55, 24, 32, 38)) v = -820.0f;
                if (inside(x, y, 0, 80, 100, 0, 9, 9, 1) && z > 4 && z < 96) v = 650.0f;
                if (inside(x, y, z, 48, 52, 62, 8, 8, 8)) v = 300.0f;
                image.at(x, y, z) = v + noise(random);
            }
    image.modality = Modality::CT;
    image.windows.push_back({QStringLiteral("lung"), -600.0, 1500.0});
    addDefaultWindows(image);
    return image;
}

void settle(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool save(const QImage& frame, const QString& path) {
    const bool ok = frame.save(path);
    std::printf("%s %s (%dx%d)\n", ok ? "wrote" : "FAILED", qPrintable(path), frame.width(),
                frame.height());
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    configureSurfaceFormat();
    QApplication app(argc, argv);
    const QString folder = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                    : QStringLiteral("/tmp/viewer-shots");
    QDir().mkpath(folder);
    const QString data = QStringLiteral(MEDQ_SAMPLE_SKIMAGE);
    bool ok = true;

    SliceViewer viewer;
    viewer.resize(640, 560);
    viewer.show();
    settle(200);

    viewer.setImage(testing::loadGreyAsCt(data + QStringLiteral("/camera.png")));
    settle(50);
    ok &= save(viewer.renderToImage(), folder + QStringLiteral("/grey-2d.png"));

    viewer.setImage(testing::loadRgbPhoto(data + QStringLiteral("/ihc.png"), Modality::Histopathology));
    settle(50);
    ok &= save(viewer.renderToImage(), folder + QStringLiteral("/rgb-histopathology.png"));

    viewer.setImage(testing::loadRgbPhoto(data + QStringLiteral("/retina.jpg"), Modality::Fundus));
    settle(50);
    ok &= save(viewer.renderToImage(), folder + QStringLiteral("/rgb-fundus.png"));

    auto chest = std::make_shared<const Image>(chestPhantom());
    viewer.setImage(chest);
    viewer.setSlice(62);
    settle(50);
    ok &= save(viewer.renderToImage(), folder + QStringLiteral("/volume-axial.png"));
    viewer.setOrientation(SliceOrientation::Coronal);
    viewer.setSlice(52);
    settle(50);
    ok &= save(viewer.renderToImage(), folder + QStringLiteral("/volume-coronal.png"));
    viewer.setOrientation(SliceOrientation::Sagittal);
    viewer.setSlice(48);
    viewer.setWindowPreset(QStringLiteral("soft tissue"));
    settle(50);
    ok &= save(viewer.renderToImage(), folder + QStringLiteral("/volume-sagittal.png"));
    viewer.hide();

    // A pair as in a comparison question: the camera and a noisier copy, zoomed and panned
    // on the first view (the second follows).
    Image clean = testing::loadGreyAsCt(data + QStringLiteral("/camera.png"));
    Image noisy = clean;
    std::mt19937 random(5);
    std::normal_distribution<float> noise(0.0f, 120.0f);
    for (float& v : noisy.voxels) v += noise(random);
    ComparisonView comparison;
    comparison.resize(1100, 520);
    comparison.show();
    settle(200);
    comparison.setImages(std::make_shared<const Image>(std::move(clean)),
                         std::make_shared<const Image>(std::move(noisy)));
    comparison.first()->setViewState({1.8, -0.08, -0.12});
    settle(50);
    ok &= save(comparison.renderToImage(), folder + QStringLiteral("/comparison.png"));
    return ok ? 0 : 1;
}
