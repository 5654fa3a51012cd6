#include "annotate/ReviewQueueSeeder.h"

#include "taxonomy/QuestionTemplates.h"

namespace medq::annotate {

int ReviewQueueSeeder::queueImagesWithoutTasks(store::Workspace& ws, Queue queue, const QString& reason) {
    store::Transaction tx(ws.db());
    std::vector<store::TaskRecord> tasks;
    const int total = ws.images().count();
    for (int offset = 0; offset < total; offset += 500) {
        for (const auto& image : ws.images().list(offset, 500)) {
            if (!ws.tasks().forImage(image.id).empty()) continue;
            store::TaskRecord t;
            t.imageId = image.id;
            t.kind = TaskKind::Description;
            t.questionType = QuestionType::Description;
            t.question = QuestionTemplates::describe();
            tasks.push_back(t);
        }
    }
    const auto ids = ws.tasks().insertMany(tasks);
    std::vector<store::QueueItemRecord> items;
    for (store::Id id : ids) {
        store::QueueItemRecord q;
        q.taskId = id;
        q.queue = queue;
        q.reason = reason;
        items.push_back(q);
    }
    ws.queues().enqueue(items);
    tx.commit();
    return int(ids.size());
}

}  // namespace medq::annotate
