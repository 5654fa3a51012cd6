// Queueing images for annotation outside rounds: an image without a task gets a description
// request, an image with one has it queued, an image already waiting is not queued twice,
// and the image's pending item is found for the browser to open.
#include "annotate/ReviewQueueSeeder.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::annotate;

class ReviewQueueSeederTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    static store::Id addImage(store::Workspace& ws, const QString& hash) {
        store::ImageRecord im;
        im.contentHash = hash;
        im.path = "/site/" + hash + ".dcm";
        im.modality = "ct";
        im.width = im.height = 8;
        return ws.images().insert(im, {});
    }
    static store::Id addTask(store::Workspace& ws, store::Id image, TaskKind kind) {
        store::TaskRecord t;
        t.imageId = image;
        t.kind = kind;
        t.questionType = kind == TaskKind::Description ? QuestionType::Description : QuestionType::YesNo;
        return ws.tasks().insert(t);
    }

private slots:
    void queuesEachImageOnceWithItsDescriptionRequest() {
        auto ws = store::Workspace::create(m_tmp.filePath("ws")).take();
        const store::Id bare = addImage(*ws, "bare");
        const store::Id described = addImage(*ws, "described");
        const store::Id questionOnly = addImage(*ws, "question");
        const store::Id description = addTask(*ws, described, TaskKind::Description);
        addTask(*ws, questionOnly, TaskKind::Perception);
        QVERIFY(!ws->queues().pendingForImage(bare));

        QCOMPARE(ReviewQueueSeeder::queueImages(*ws, {bare, described, questionOnly}, Queue::Expert, "browser"), 3);
        const auto items = ws->queues().items(Queue::Expert);
        QCOMPARE(int(items.size()), 3);
        // The described image's own request is queued, not a new one.
        const auto waiting = ws->queues().pendingForImage(described);
        QVERIFY(waiting);
        QCOMPARE(waiting->taskId, description);
        QCOMPARE(waiting->reason, QString("browser"));
        // The bare image and the one with only a question got a description request each.
        for (store::Id image : {bare, questionOnly}) {
            const auto item = ws->queues().pendingForImage(image);
            QVERIFY(item);
            QCOMPARE(ws->tasks().get(item->taskId)->kind, TaskKind::Description);
        }
        QCOMPARE(int(ws->tasks().forImage(described).size()), 1);

        // Queued again: nothing new waits.
        QCOMPARE(ReviewQueueSeeder::queueImages(*ws, {bare, described}, Queue::Expert, "again"), 0);
        QCOMPARE(int(ws->queues().items(Queue::Expert).size()), 3);
        // Once done, an image is no longer pending and may be queued again.
        ws->queues().setStatus(waiting->id, ItemStatus::Done);
        QVERIFY(!ws->queues().pendingForImage(described));
        QCOMPARE(ReviewQueueSeeder::queueImages(*ws, {described}, Queue::Verify, "second look"), 1);
        QCOMPARE(ws->queues().pendingForImage(described)->queue, Queue::Verify);
    }
};

QTEST_GUILESS_MAIN(ReviewQueueSeederTest)
#include "tst_review_queue_seeder.moc"
