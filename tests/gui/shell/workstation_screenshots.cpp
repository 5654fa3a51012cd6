// Screenshots of the workstation for the README and user guide: the main window on a CT
// slice, an MRI volume, an endoscopy frame, a histopathology tile and a fundus photo, plus
// a pairwise comparison. Real sample images where Debian ships one; the endoscopy frame
// is synthetic (no package ships one). Run under X:
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/gui/shell/workstation_screenshots docs/images
#include "annotate/ReviewQueueSeeder.h"
#include "annotation/AnnotationPanel.h"
#include "dataset/SynthRenderer.h"
#include "ingest/ImportJob.h"
#include "io/ImageRendering.h"
#include "queue/QueuePanel.h"
#include "shell/MainWindow.h"
#include "store/Workspace.h"
#include "support/SampleFiles.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace medq;

int main(int argc, char** argv) {
    gui::configureSurfaceFormat();
    QApplication app(argc, argv);
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/images");
    QDir().mkpath(outDir);
    QTemporaryDir tmp;
    // A synthetic endoscopy frame with specular highlights, saved as a PNG like a video grab.
    dataset::SynthRecipe frame;
    frame.modality = Modality::Endoscopy;
    frame.seed = 11;
    frame.attributes = {{"specular_highlights", Severity::Moderate}};
    const QString endoPath = tmp.filePath("endoscopy_frame.png");
    renderSlice(dataset::SynthRenderer::render(frame).value()).save(endoPath);

    const QString wsDir = tmp.filePath("ws");
    store::Workspace::create(wsDir);
    const std::pair<QString, Modality> inputs[] = {
        {test::pydicom("CT_small.dcm"), Modality::CT},       {test::nibabel("anatomical.nii"), Modality::MRI},
        {endoPath, Modality::Endoscopy},                     {test::skimage("ihc.png"), Modality::Histopathology},
        {test::skimage("retina.jpg"), Modality::Fundus}};
    std::atomic<bool> never{false};
    for (const auto& [path, modality] : inputs) {
        ingest::ImportOptions o;
        o.inputs = {path};
        o.modality = modality;
        ingest::ImportJob(wsDir, o).run(jobs::Progress(&never, {}));
    }
    {
        auto ws = store::Workspace::open(wsDir).take();
        annotate::ReviewQueueSeeder::queueImagesWithoutTasks(*ws, Queue::Expert,
                                                             "retrieved by prototype 2 (under-represented attribute)");
    }
    gui::MainWindow window;
    window.setAnnotator(QStringLiteral("dr.meyer"), QStringLiteral("annotator"));
    window.resize(1560, 940);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        std::fprintf(stderr, "the main window was never shown (is a display running?)\n");
        return 1;
    }
    window.openWorkspace(wsDir);
    const char* names[] = {"ct", "mri", "endoscopy", "histopathology", "fundus"};
    const char* notes[] = {"Streaks from the skull base; mild noise. Overall, the quality of this image is usable.",
                           "Mild ghosting along the phase-encoding direction. Overall, the quality of this image is usable.",
                           "Several specular highlights cover the mucosa. Overall, the quality of this image is usable.",
                           "Sharp focus, even staining. Overall, the quality of this image is good.",
                           "Even illumination, optic disc and vessels sharp. Overall, the quality of this image is good."};
    store::Id item = window.queuePanel()->nextPending(0);
    for (int i = 0; i < 5 && item; ++i) {
        window.openItem(item);
        window.annotationPanel()->descriptionEditor()->setPlainText(QString::fromLatin1(notes[i]));
        QTest::qWait(600);
        window.grab().save(QStringLiteral("%1/workstation-%2.jpg").arg(outDir, QString::fromLatin1(names[i])), "JPG", 85);
        item = window.queuePanel()->nextPending(item);
    }
    std::printf("wrote screenshots to %s\n", qPrintable(outDir));
    return 0;
}
