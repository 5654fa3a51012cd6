// Annotation logic without widgets: drafts shown, autosave restored, revisions on submit,
// accept/edit/full actions, queue items closed, time recorded.
#include "annotate/AnnotationSession.h"

#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace medq;
using namespace medq::annotate;

class AnnotationSessionTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    struct Fixture {
        std::unique_ptr<store::Workspace> ws;
        store::Id queueItem = 0;
        store::Id task = 0;
    };
    Fixture make(bool withDraft) {
        Fixture f;
        f.ws = store::Workspace::create(m_tmp.filePath(QStringLiteral("ws%1").arg(++m_n))).take();
        store::ImageRecord im;
        im.contentHash = "h";
        im.path = "/x";
        im.modality = "ct";
        im.width = im.height = 8;
        const store::Id img = f.ws->images().insert(im, {});
        store::TaskRecord t;
        t.imageId = img;
        t.kind = TaskKind::Description;
        t.questionType = QuestionType::Description;
        f.task = f.ws->tasks().insert(t);
        if (withDraft) {
            store::ModelOutputRecord o;
            o.taskId = f.task;
            o.modelVersion = "m1";
            o.draftText = "Mild noise. Overall, the quality of this image is usable.";
            f.ws->outputs().insert(o);
        }
        store::QueueItemRecord q;
        q.taskId = f.task;
        q.queue = Queue::Verify;
        f.queueItem = f.ws->queues().enqueue({q}).front();
        return f;
    }

private slots:
    void opensWithModelDraft() {
        auto f = make(true);
        AnnotationSession s(*f.ws, "dr.a", "annotator");
        auto w = s.open(f.queueItem);
        QVERIFY(w.ok());
        QVERIFY(w.value().draft.has_value());
        QCOMPARE(w.value().initial.quality, QStringLiteral("usable"));
        QVERIFY(w.value().initial.text.startsWith("Mild noise"));
        QVERIFY(!w.value().restoredFromAutosave);
    }

    void acceptUnchangedDraftIsRecordedAsAccept() {
        auto f = make(true);
        AnnotationSession s(*f.ws, "dr.a", "annotator");
        auto w = s.open(f.queueItem).take();
        auto a = s.submit(w.initial);
        QVERIFY(a.ok());
        QCOMPARE(a.value().action, AnnotationAction::Accept);
        QCOMPARE(f.ws->queues().get(f.queueItem)->status, ItemStatus::Done);
        QCOMPARE(f.ws->queues().pendingCounts().at(Queue::Verify), 0);
    }

    void editedDraftBecomesEditAndRevisionsAccumulate() {
        auto f = make(true);
        AnnotationSession s(*f.ws, "dr.a", "annotator");
        auto w = s.open(f.queueItem).take();
        AnnotationState edited = w.initial;
        edited.text = "Severe streaks. Overall, the quality of this image is reject.";
        edited.quality = "reject";
        edited.attributes.insert("ct.streak", "severe");
        QCOMPARE(s.submit(edited).value().action, AnnotationAction::Edit);
        // Re-open the same item later and submit again: a second revision, the first kept.
        QVERIFY(s.open(f.queueItem).ok());
        edited.text = "Severe streak artefacts from metal.";
        auto second = s.submit(edited);
        QCOMPARE(second.value().revision, 2);
        const auto history = f.ws->annotations().history(f.task);
        QCOMPARE(history.size(), std::size_t(2));
        QVERIFY(history.front().text.startsWith("Severe streaks"));
        QCOMPARE(history.back().labels.value("attributes").toObject().value("ct.streak").toString(), QStringLiteral("severe"));
    }

    void autosavedWorkIsRestoredInANewSession() {
        auto f = make(false);
        const QString dir = f.ws->dir().absolutePath();
        {
            AnnotationSession s(*f.ws, "dr.b", "annotator");
            auto w = s.open(f.queueItem);
            QVERIFY(w.ok());
            QVERIFY(!w.value().draft.has_value());
            AnnotationState st;
            st.text = "Motion ghosting along the phase axis";
            st.flags = QStringList{"phi_visible"};
            QThread::msleep(30);
            QVERIFY(s.autosave(st).ok());
        }
        f.ws.reset();  // as if the program had died
        auto ws = store::Workspace::open(dir).take();
        AnnotationSession again(*ws, "dr.b", "annotator");
        auto w = again.open(f.queueItem).take();
        QVERIFY(w.restoredFromAutosave);
        QCOMPARE(w.initial.text, QStringLiteral("Motion ghosting along the phase axis"));
        QCOMPARE(w.initial.flags, QStringList{"phi_visible"});
        QVERIFY(w.priorTimeMs >= 30);
        auto a = again.submit(w.initial);
        QCOMPARE(a.value().action, AnnotationAction::Full);
        QVERIFY(a.value().timeSpentMs >= 30);
        QVERIFY(!ws->drafts().get(f.task, "dr.b").has_value());  // draft cleared on submit
        QCOMPARE(ws->audit().recent(1).front().actor, QStringLiteral("dr.b"));
    }

    void draftsArePerAnnotator() {
        auto f = make(false);
        AnnotationSession a(*f.ws, "dr.a", "annotator");
        AnnotationSession b(*f.ws, "dr.b", "lead");
        a.open(f.queueItem);
        AnnotationState st;
        st.text = "a's words";
        a.autosave(st);
        QVERIFY(!b.open(f.queueItem).value().restoredFromAutosave);
        QCOMPARE(*f.ws->annotations().roleOf("dr.b"), QStringLiteral("lead"));
    }
};

QTEST_GUILESS_MAIN(AnnotationSessionTest)
#include "tst_annotation_session.moc"
