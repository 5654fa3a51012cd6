#pragma once
// A workspace with real sample images for GUI tests: description tasks in the expert
// queue and a perception question with a model draft in the verify queue.
#include "annotate/ReviewQueueSeeder.h"
#include "ingest/ImportJob.h"
#include "store/Workspace.h"
#include "support/SampleFiles.h"

#include <QJsonArray>

namespace medq::test {

struct GuiWorkspace {
    QString dir;
    store::Id perceptionTask = 0;
};

inline GuiWorkspace makeGuiWorkspace(const QString& dir) {
    GuiWorkspace out{dir, 0};
    if (!store::Workspace::create(dir)) qFatal("cannot create workspace");
    ingest::ImportOptions options;
    options.inputs = {pydicom("CT_small.dcm"), nibabel("anatomical.nii"), skimage("retina.jpg"), skimage("ihc.png")};
    ingest::ImportJob job(dir, options);
    std::atomic<bool> never{false};
    if (!job.run(jobs::Progress(&never, {})).ok()) qFatal("import failed");
    auto ws = store::Workspace::open(dir).take();
    annotate::ReviewQueueSeeder::queueImagesWithoutTasks(*ws, Queue::Expert, "gui test");
    store::TaskRecord t;
    t.imageId = ws->images().list(0, 1).front().id;
    t.kind = TaskKind::Perception;
    t.questionType = QuestionType::YesNo;
    t.question = "Is there noise in this image?";
    t.options = QJsonArray{"yes", "no"};
    t.answer = "yes";
    out.perceptionTask = ws->tasks().insert(t);
    store::ModelOutputRecord o;
    o.taskId = out.perceptionTask;
    o.modelVersion = "test-model";
    o.answer = "A";
    o.distribution = QJsonArray{0.7, 0.3};
    o.entropy = 0.61;
    ws->outputs().insert(o);
    store::QueueItemRecord q;
    q.taskId = out.perceptionTask;
    q.queue = Queue::Verify;
    q.uncertainty = 0.61;
    q.reason = "prototype 3: CT noise";
    ws->queues().enqueue({q});
    return out;
}

}  // namespace medq::test
