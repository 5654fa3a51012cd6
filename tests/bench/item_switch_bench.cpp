// Next-item latency in the real workstation window: a queue of distinct 512x512 CT slices
// (NIfTI int16 files on disk), measured from "open item" (Alt+Down) until the viewer has
// swapped the new frame to the screen. Image reading is included; the next item is
// prefetched while the current one is shown, as in real use.
// Run under X: xvfb-run -a build/tests/bench/bench_item_switch [count]
#include "../support/NiftiWriter.h"
#include "../support/SampleFiles.h"
#include "annotate/ReviewQueueSeeder.h"
#include "ingest/ImportJob.h"
#include "queue/QueuePanel.h"
#include "shell/MainWindow.h"
#include "store/Workspace.h"
#include "viewer/SliceViewer.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <random>

using namespace medq;

int main(int argc, char** argv) {
    gui::configureSurfaceFormat();
    QApplication app(argc, argv);
    const int count = argc > 1 ? std::max(5, std::atoi(argv[1])) : 60;
    QTemporaryDir tmp;
    const QString corpus = tmp.filePath("slices");
    QDir().mkpath(corpus);
    std::mt19937 rng(3);
    for (int i = 0; i < count; ++i) {
        test::NiftiSpec spec;
        spec.dims[0] = 512; spec.dims[1] = 512; spec.dims[2] = 1;
        spec.datatype = 4; spec.bitpix = 16;
        std::vector<double> v(512 * 512);
        for (int y = 0; y < 512; ++y)
            for (int x = 0; x < 512; ++x) {
                const double r = std::hypot(x - 256.0, y - 256.0);
                v[std::size_t(y) * 512 + x] = (r < 200 + i % 20 ? 40.0 : -1000.0) + double(rng() % 60);
            }
        test::writeFile(QStringLiteral("%1/ct_%2.nii").arg(corpus).arg(i, 3, 10, QLatin1Char('0')), test::makeNifti(spec, v));
    }
    const QString wsDir = tmp.filePath("ws");
    store::Workspace::create(wsDir);
    ingest::ImportOptions options;
    options.inputs = {corpus};
    options.modality = Modality::CT;
    std::atomic<bool> never{false};
    ingest::ImportJob(wsDir, options).run(jobs::Progress(&never, {}));
    {
        auto ws = store::Workspace::open(wsDir).take();
        annotate::ReviewQueueSeeder::queueImagesWithoutTasks(*ws, Queue::Expert, "bench");
    }

    gui::MainWindow window;
    window.setAnnotator("bench", "annotator");
    window.resize(1500, 920);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        std::fprintf(stderr, "the main window was never shown (is a display running?)\n");
        return 1;
    }
    window.openWorkspace(wsDir);
    QTest::qWait(300);

    std::vector<double> ms;
    store::Id current = window.queuePanel()->nextPending(0);
    for (int i = 0; i < count - 1; ++i) {
        const store::Id next = window.queuePanel()->nextPending(current);
        QEventLoop loop;
        QObject::connect(window.viewer(), &QOpenGLWidget::frameSwapped, &loop, &QEventLoop::quit);
        QTimer::singleShot(2000, &loop, &QEventLoop::quit);
        QTest::qWait(30);  // the annotator looks at the image; prefetch runs meanwhile
        QElapsedTimer t;
        t.start();
        window.openItem(next);
        loop.exec();
        ms.push_back(t.nsecsElapsed() / 1e6);
        current = next;
    }
    std::sort(ms.begin(), ms.end());
    std::printf("bench_item_switch: %d items, 512x512 int16 NIfTI, window 1500x920\n", count - 1);
    std::printf("next item until painted: median %.1f ms, p90 %.1f ms, max %.1f ms\n", ms[ms.size() / 2],
                ms[ms.size() * 9 / 10], ms.back());
    return 0;
}
