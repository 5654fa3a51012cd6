// What a person is told of why a queue item is theirs: gold items of a round must read like
// every other item of their queue to annotators; leads see everything.
#include "annotate/QueueItemDisclosure.h"
#include "store/Permissions.h"

#include <QtTest>

using namespace medq;
using annotate::QueueItemDisclosure;

namespace {
store::QueueItemRecord item(Queue queue, bool gold, double uncertainty, const QString& reason, bool fromRound = true) {
    store::QueueItemRecord q;
    q.queue = queue;
    q.isGold = gold;
    q.uncertainty = uncertainty;
    q.reason = reason;
    if (fromRound) q.roundId = 3;
    return q;
}
const QString kGoldReason = "gold item (known answers) mixed in by the quality gate, written from scratch";
}  // namespace

class QueueItemDisclosureTest : public QObject {
    Q_OBJECT
private slots:
    void goldReadsLikeItsQueueToAnnotators_data() {
        QTest::addColumn<int>("queue");
        QTest::addColumn<QString>("role");
        QTest::newRow("expert, annotator") << int(Queue::Expert) << "annotator";
        QTest::newRow("verify, annotator") << int(Queue::Verify) << "annotator";
        QTest::newRow("verify, unknown role") << int(Queue::Verify) << "";
        QTest::newRow("verify, misspelt role") << int(Queue::Verify) << "Lead";
    }
    void goldReadsLikeItsQueueToAnnotators() {
        QFETCH(int, queue);
        QFETCH(QString, role);
        const Queue q = Queue(queue);
        const auto gold = QueueItemDisclosure::of(item(q, true, 0.12, kGoldReason), role);
        const auto ordinary =
            QueueItemDisclosure::of(item(q, false, 0.88, "retrieved by prototype 2; uncertainty 0.880 >= expert threshold"), role);
        QCOMPARE(gold.reason, ordinary.reason);
        QCOMPARE(gold.reason, QueueItemDisclosure::blindReason(q, false));
        QVERIFY(!gold.reason.contains("gold") && !gold.reason.contains("known"));
        QVERIFY(!gold.gold && !ordinary.gold);
        QVERIFY(!gold.uncertainty && !ordinary.uncertainty);
    }

    void leadsSeeEverything() {
        const auto gold = QueueItemDisclosure::of(item(Queue::Expert, true, 0.12, kGoldReason), "lead");
        QCOMPARE(gold.reason, kGoldReason);
        QVERIFY(gold.gold);
        QCOMPARE(*gold.uncertainty, 0.12);
        const auto ordinary = QueueItemDisclosure::of(item(Queue::Verify, false, 0.5, "selected by random sampling"), "lead");
        QVERIFY(!ordinary.gold);
        QCOMPARE(ordinary.reason, QStringLiteral("selected by random sampling"));
        QVERIFY(store::Permissions::allows(store::Role::Lead, store::Action::SeeQualityChecks));
        QVERIFY(!store::Permissions::allows(store::Role::Annotator, store::Action::SeeQualityChecks));
    }

    void handQueuedItemsKeepTheirReason() {
        // Queued by a person from the image browser: no round, no gold, nothing to hide.
        const auto shown = QueueItemDisclosure::of(
            item(Queue::Expert, false, 0.3, "queued from the image browser by dr.a", false), "annotator");
        QCOMPARE(shown.reason, QStringLiteral("queued from the image browser by dr.a"));
        QCOMPARE(*shown.uncertainty, 0.3);
        QVERIFY(!shown.gold);
    }

    void everyQueueHasItsOwnWords() {
        QSet<QString> reasons;
        for (Queue q : {Queue::Expert, Queue::Verify, Queue::AutoAccept}) reasons.insert(QueueItemDisclosure::blindReason(q, false));
        reasons.insert(QueueItemDisclosure::blindReason(Queue::AutoAccept, true));
        QCOMPARE(reasons.size(), 4);
        QVERIFY(!reasons.contains(QString()));
        auto spot = item(Queue::AutoAccept, false, 0.05, "selected by engine; uncertainty 0.050 <= auto-accept threshold");
        spot.spotCheck = true;
        QCOMPARE(QueueItemDisclosure::of(spot, "annotator").reason, QueueItemDisclosure::blindReason(Queue::AutoAccept, true));
    }
};

QTEST_GUILESS_MAIN(QueueItemDisclosureTest)
#include "tst_queue_item_disclosure.moc"
