#include "annotate/ReviewQueueSeeder.h"

#include "taxonomy/QuestionTemplates.h"

namespace medq::annotate {

namespace {

store::TaskRecord descriptionRequest(store::Id imageId) {
    store::TaskRecord t;
    t.imageId = imageId;
    t.kind = TaskKind::Description;
    t.questionType = QuestionType::Description;
    t.question = QuestionTemplates::describe();
    return t;
}

void enqueueTasks(store::Workspace& ws, const std::vector<store::Id>& taskIds, Queue queue, const QString& reason) {
    std::vector<store::QueueItemRecord> items;
    for (store::Id id : taskIds) {
        store::QueueItemRecord q;
        q.taskId = id;
        q.queue = queue;
        q.reason = reason;
        items.push_back(q);
    }
    ws.queues().enqueue(items);
}

}  // namespace

int ReviewQueueSeeder::queueImagesWithoutTasks(store::Workspace& ws, Queue queue, const QString& reason) {
    store::Transaction tx(ws.db());
    std::vector<store::TaskRecord> tasks;
    const int total = ws.images().count();
    for (int offset = 0; offset < total; offset += 500) {
        for (const auto& image : ws.images().list(offset, 500))
            if (ws.tasks().forImage(image.id).empty()) tasks.push_back(descriptionRequest(image.id));
    }
    const auto ids = ws.tasks().insertMany(tasks);
    enqueueTasks(ws, ids, queue, reason);
    tx.commit();
    return int(ids.size());
}

int ReviewQueueSeeder::queueImages(store::Workspace& ws, const std::vector<store::Id>& imageIds, Queue queue,
                                   const QString& reason) {
    store::Transaction tx(ws.db());
    std::vector<store::Id> toQueue;
    std::vector<store::TaskRecord> missing;
    for (store::Id image : imageIds) {
        if (ws.queues().pendingForImage(image)) continue;
        std::optional<store::Id> description;
        for (const auto& task : ws.tasks().forImage(image))
            if (task.kind == TaskKind::Description && task.imageId == image && !task.secondImageId) description = task.id;
        if (description) toQueue.push_back(*description);
        else
            missing.push_back(descriptionRequest(image));
    }
    for (store::Id id : ws.tasks().insertMany(missing)) toQueue.push_back(id);
    enqueueTasks(ws, toQueue, queue, reason);
    tx.commit();
    return int(toQueue.size());
}

}  // namespace medq::annotate
