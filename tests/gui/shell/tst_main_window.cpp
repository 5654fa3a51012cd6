// The workstation window driven like a radiologist would: keys and clicks on the real
// widgets over a workspace of real images; results checked in the store.
#include "GuiTestWorkspace.h"
#include "annotate/QueueItemDisclosure.h"
#include "annotation/AnnotationPanel.h"
#include "common/ShortcutTable.h"
#include "queue/QueuePanel.h"
#include "shell/MainWindow.h"
#include "viewer/SliceViewer.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QLabel>
#include <QLayout>
#include <QScreen>
#include <QListView>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace medq;
using namespace medq::gui;

class MainWindowTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    test::GuiWorkspace m_data;
    std::unique_ptr<MainWindow> m_window;

    static double meanBrightness(const QImage& img) {
        double sum = 0;
        const QImage g = img.convertToFormat(QImage::Format_Grayscale8);
        for (int y = 0; y < g.height(); y += 4)
            for (int x = 0; x < g.width(); x += 4) sum += g.pixelColor(x, y).value();
        return sum / ((g.height() / 4 + 1) * (g.width() / 4 + 1));
    }
    void key(int k, Qt::KeyboardModifiers m = Qt::NoModifier) {
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get(), Qt::Key(k), m);
        QCoreApplication::processEvents();
    }

private slots:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_tmp.filePath("settings"));
        m_data = test::makeGuiWorkspace(m_tmp.filePath("ws"));
        m_window = std::make_unique<MainWindow>();
        m_window->setAnnotator("dr.gui", "annotator");
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // Xvfb has no window manager: activate explicitly so window shortcuts and focus work.
        QApplication::setActiveWindow(m_window.get());
        QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget*>(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_data.dir));
    }

    // A first start (no stored layout) opens within the screen, and the window can shrink to a
    // 1366 x 768 laptop screen. It opened at 2505 x 1221 on any screen: the lab's docks, laid
    // out before they were hidden, left their minimum size on the window.
    void firstStartFitsTheScreen() {
        MainWindow fresh;
        const QSize room = fresh.screen()->availableGeometry().size();
        QVERIFY2(fresh.width() <= room.width() && fresh.height() <= room.height(),
                 qPrintable(QStringLiteral("%1x%2 on a screen of %3x%4")
                                .arg(fresh.width()).arg(fresh.height()).arg(room.width()).arg(room.height())));
        QVERIFY2(fresh.minimumWidth() <= 1366 && fresh.minimumHeight() <= 768,
                 qPrintable(QStringLiteral("least %1x%2").arg(fresh.minimumWidth()).arg(fresh.minimumHeight())));
        fresh.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fresh));
        QVERIFY(fresh.frameGeometry().width() <= room.width());
        const QSize least = m_window->layout()->minimumSize();
        QVERIFY2(least.width() <= 1366 && least.height() <= 768,
                 qPrintable(QStringLiteral("with a workspace open: least %1x%2").arg(least.width()).arg(least.height())));
    }

    void opensFirstPendingItemWithImage() {
        QVERIFY(m_window->annotationPanel()->hasItem());
        QTRY_VERIFY(m_window->viewer()->image() != nullptr);
        QTest::qWait(100);
        const QImage frame = m_window->viewer()->renderToImage();
        QVERIFY(!frame.isNull());
        QVERIFY2(meanBrightness(frame) > 10, "viewer frame is black");
        qInfo("item opened in %.1f ms", m_window->lastItemLoadMs());
    }

    void annotateWithKeysUndoAndSubmit() {
        auto* ws = m_window->workspace();
        const int before = ws->annotations().count();
        m_window->viewer()->setFocus();
        key(Qt::Key_2, Qt::AltModifier);  // usable
        key(Qt::Key_E);                   // into the description editor
        QCOMPARE(QApplication::focusWidget(), m_window->annotationPanel()->descriptionEditor());
        QTest::keyClicks(m_window->annotationPanel()->descriptionEditor(), "Mild noise, diagnostic.");
        key(Qt::Key_Escape);  // back out so digits are shortcuts again
        key(Qt::Key_1);       // attribute 1 -> mild
        key(Qt::Key_1);       // -> moderate
        QCOMPARE(m_window->annotationPanel()->state().attributes.size(), 1);
        const QString firstKey = m_window->annotationPanel()->state().attributes.keys().front();
        QCOMPARE(m_window->annotationPanel()->state().attributes.value(firstKey).toString(), QStringLiteral("moderate"));
        key(Qt::Key_Z, Qt::ControlModifier);  // undo -> mild
        QCOMPARE(m_window->annotationPanel()->state().attributes.value(firstKey).toString(), QStringLiteral("mild"));
        key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);  // redo -> moderate
        QCOMPARE(m_window->annotationPanel()->state().attributes.value(firstKey).toString(), QStringLiteral("moderate"));
        key(Qt::Key_Return, Qt::ControlModifier);  // submit and next
        QCOMPARE(ws->annotations().count(), before + 1);
        {
            auto s = ws->db().prepare("SELECT text, quality_level, labels, action, annotator FROM annotations ORDER BY id DESC LIMIT 1");
            QVERIFY(s.step());
            QCOMPARE(s.columnText(0), QStringLiteral("Mild noise, diagnostic."));
            QCOMPARE(s.columnText(1), QStringLiteral("usable"));
            QVERIFY(s.columnText(2).contains("moderate"));
            QCOMPARE(s.columnText(3), QStringLiteral("full"));
            QCOMPARE(s.columnText(4), QStringLiteral("dr.gui"));
        }
        QVERIFY(m_window->annotationPanel()->hasItem());  // moved on to the next item
        QCOMPARE(ws->queues().pendingCounts().at(Queue::Expert), 3);
    }

    void submitWithoutQualityIsRefused() {
        auto* ws = m_window->workspace();
        const int before = ws->annotations().count();
        m_window->viewer()->setFocus();
        key(Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(ws->annotations().count(), before);  // nothing stored, the user was told why
    }

    void verifyQueueAcceptsDraftWithA() {
        auto* ws = m_window->workspace();
        m_window->viewer()->setFocus();
        key(Qt::Key_2, Qt::ControlModifier);  // verify queue
        QCOMPARE(m_window->queuePanel()->model()->queue(), Queue::Verify);
        const store::Id item = m_window->queuePanel()->model()->row(0)->item.id;
        m_window->openItem(item);
        m_window->viewer()->setFocus();
        key(Qt::Key_A);
        const auto history = ws->annotations().history(m_data.perceptionTask);
        QCOMPARE(history.size(), std::size_t(1));
        QCOMPARE(history.front().action, AnnotationAction::Accept);
        QCOMPARE(history.front().answer, QStringLiteral("A"));
        QCOMPARE(ws->queues().get(item)->status, ItemStatus::Done);
    }

    void stepsThroughQueueWithAltDown() {
        m_window->viewer()->setFocus();
        key(Qt::Key_1, Qt::ControlModifier);  // expert queue
        QListView* list = m_window->queuePanel()->list();
        m_window->openItem(m_window->queuePanel()->nextPending(0));
        const auto first = m_window->workspace()->queues().items(Queue::Expert);
        QVERIFY(first.size() >= 2);
        m_window->viewer()->setFocus();
        const QString before = list->currentIndex().data().toString();
        key(Qt::Key_Down, Qt::AltModifier);
        QVERIFY(list->currentIndex().data().toString() != before || first.size() == 1);
    }

    void shortcutsDialogListsEveryBoundKey() {
        // Help lists the same table the window binds: spot-check the essentials.
        bool hasSubmit = false, hasUndo = false;
        for (const auto& e : shortcutTable()) {
            hasSubmit |= e.id == "submit";
            hasUndo |= e.id == "undo";
        }
        QVERIFY(hasSubmit && hasUndo);
    }

    void warnsAboutBurnedInAnnotation() {
        AnnotationPanel panel;
        annotate::WorkItem item;
        item.task.kind = TaskKind::Description;
        item.task.questionType = QuestionType::Description;
        item.image.modality = "ct";
        panel.open(item, {}, "none");
        QVERIFY(!panel.findChild<QLabel*>()->text().contains("burned"));
        item.image.metadata.insert("burned_in_annotation", true);
        panel.open(item, {}, "none");
        QVERIFY(panel.findChild<QLabel*>()->text().contains("burned into the pixels"));
    }

    // The quality gate measures people with gold items; an annotator who could tell them
    // from the rest would be measured on their best behaviour. A lead sees which they are.
    void goldItemsLookLikeTheirQueueToAnnotators() {
        auto* ws = m_window->workspace();
        const store::Id round = ws->rounds().start(1, RetrievalStrategy::Engine, 2);
        const auto images = ws->images().list(0, 2);
        QCOMPARE(images.size(), std::size_t(2));
        std::vector<store::QueueItemRecord> items;
        for (int i = 0; i < 2; ++i) {
            store::TaskRecord t;
            t.imageId = images[std::size_t(i)].id;
            t.kind = TaskKind::Perception;
            t.questionType = QuestionType::YesNo;
            t.question = "Is there blur in this image?";
            t.options = QJsonArray{"yes", "no"};
            store::QueueItemRecord q;
            q.taskId = ws->tasks().insert(t);
            q.queue = Queue::Verify;
            q.roundId = round;
            q.isGold = i == 1;
            q.uncertainty = i == 1 ? 0.93 : 0.41;
            q.reason = i == 1 ? "gold item (known answers) mixed in by the quality gate, reviewed from a draft"
                              : "retrieved by prototype 4; uncertainty 0.410 between the thresholds";
            items.push_back(q);
        }
        ws->queues().enqueue(items);
        m_window->queuePanel()->setQueue(Queue::Verify);
        m_window->queuePanel()->refresh();
        auto* model = m_window->queuePanel()->model();
        auto textOf = [&](int taskIndex, int role) {
            for (int r = 0; r < model->rowCount(); ++r)
                if (model->row(r)->task.id == (taskIndex == 0 ? items[0].taskId : items[1].taskId))
                    return model->index(r).data(role).toString();
            return QString("(missing)");
        };
        const QString ordinary = textOf(0, Qt::DisplayRole), gold = textOf(1, Qt::DisplayRole);
        QVERIFY2(!gold.contains("gold") && !gold.contains("0.93") && !gold.contains("known answers"), qPrintable(gold));
        QCOMPARE(gold.section("·", 1), ordinary.section("·", 1));  // after the modality: the same words
        QVERIFY(gold.contains(annotate::QueueItemDisclosure::blindReason(Queue::Verify, false)));
        QCOMPARE(textOf(1, Qt::ToolTipRole).section("Why here:", 1), textOf(0, Qt::ToolTipRole).section("Why here:", 1));

        // The annotation panel's "Why here" says the same.
        const auto goldItem = ws->queues().items(Queue::Verify, true);
        store::Id goldId = 0;
        for (const auto& q : goldItem)
            if (q.isGold) goldId = q.id;
        QVERIFY(goldId != 0);
        m_window->openItem(goldId);
        const QString header = m_window->annotationPanel()->findChild<QLabel*>()->text();
        QVERIFY2(header.contains("Why here: check the model") && !header.contains("gold"), qPrintable(header));

        // A lead sees the stored reason, the uncertainty and the gold mark.
        model->setViewerRole("lead");
        model->reload();
        const QString forLead = textOf(1, Qt::DisplayRole);
        QVERIFY2(forLead.contains(" · gold") && forLead.contains("0.93") && forLead.contains("known answers"),
                 qPrintable(forLead));
        QVERIFY(textOf(0, Qt::DisplayRole).contains("retrieved by prototype 4"));
        model->setViewerRole("annotator");
        model->reload();
    }

    void cleanupTestCase() { m_window.reset(); }
};

int main(int argc, char** argv) {
    medq::gui::configureSurfaceFormat();
    QApplication app(argc, argv);
    MainWindowTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_main_window.moc"
