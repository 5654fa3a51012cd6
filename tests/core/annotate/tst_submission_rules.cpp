// Where a submission is checked: the rules the panel, AnnotationSession and the headless
// annotator share, on crafted tasks and states.
#include "annotate/AnnotationSession.h"
#include "annotate/SubmissionRules.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::annotate;

namespace {
store::TaskRecord task(TaskKind kind) {
    store::TaskRecord t;
    t.id = 7;
    t.kind = kind;
    t.questionType = kind == TaskKind::Perception ? QuestionType::YesNo : QuestionType::Description;
    return t;
}
AnnotationState state(const QString& answer, const QString& quality, const QStringList& flags = {}) {
    AnnotationState s;
    s.answer = answer;
    s.quality = quality;
    s.flags = flags;
    return s;
}
}  // namespace

class SubmissionRulesTest : public QObject {
    Q_OBJECT
private slots:
    void rules_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("quality");
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<int>("gap");
        const int perception = int(TaskKind::Perception), description = int(TaskKind::Description);
        const int none = int(SubmissionGap::None), answer = int(SubmissionGap::Answer),
                  quality = int(SubmissionGap::Quality);
        QTest::newRow("answered") << perception << "A"
                                  << "" << QStringList{} << none;
        QTest::newRow("no answer") << perception << ""
                                   << "good" << QStringList{} << answer;
        QTest::newRow("no answer, unreadable") << perception << ""
                                               << "" << QStringList{"unreadable"} << none;
        QTest::newRow("no answer, other flag") << perception << ""
                                               << "" << QStringList{"phi_visible"} << answer;
        QTest::newRow("rated") << description << ""
                               << "usable" << QStringList{} << none;
        QTest::newRow("not rated") << description << ""
                                   << "" << QStringList{} << quality;
        QTest::newRow("not rated, flagged") << description << ""
                                            << "" << QStringList{"wrong_modality"} << none;
    }
    void rules() {
        QFETCH(int, kind);
        QFETCH(QString, answer);
        QFETCH(QString, quality);
        QFETCH(QStringList, flags);
        QFETCH(int, gap);
        const store::TaskRecord t = task(TaskKind(kind));
        const AnnotationState s = state(answer, quality, flags);
        QCOMPARE(int(SubmissionRules::gap(t, s)), gap);
        const Status checked = SubmissionRules::check(t, s);
        QCOMPARE(checked.ok(), gap == int(SubmissionGap::None));
        if (!checked.ok()) QCOMPARE(checked.error().subject, QStringLiteral("task 7"));
    }

    // The session applies the same rules: an incomplete submission stores nothing.
    void sessionRefusesAnIncompleteSubmission() {
        QTemporaryDir tmp;
        auto ws = store::Workspace::create(tmp.filePath("ws")).take();
        store::ImageRecord image;
        image.contentHash = "h";
        image.path = "/x.png";
        image.modality = "ct";
        image.format = "png";
        image.width = image.height = 8;
        const store::Id imageId = ws->images().insert(image, {});
        store::TaskRecord t = task(TaskKind::Description);
        t.imageId = imageId;
        t.question = "Describe";
        const store::Id taskId = ws->tasks().insert(t);
        store::QueueItemRecord q;
        q.taskId = taskId;
        q.queue = Queue::Expert;
        const store::Id item = ws->queues().enqueue({q}).front();
        AnnotationSession session(*ws, "dr.a", "annotator");
        QVERIFY(session.open(item).ok());
        const auto refused = session.submit(state("", ""));
        QVERIFY(!refused.ok());
        QVERIFY(ws->annotations().history(taskId).empty());
        QCOMPARE(ws->queues().get(item)->status, ItemStatus::Pending);
        const auto stored = session.submit(state("", "reject"));
        QVERIFY(stored.ok());
        QCOMPARE(stored.value().action, AnnotationAction::Full);
        QCOMPARE(ws->queues().get(item)->status, ItemStatus::Done);
    }
};

QTEST_GUILESS_MAIN(SubmissionRulesTest)
#include "tst_submission_rules.moc"
