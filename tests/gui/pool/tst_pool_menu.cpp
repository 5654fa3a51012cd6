// Pool > Add Folder and Pool > Pool Status driven through the real menu and dialogs: an
// annotator is refused, a lead adds a folder of real sample files as a job on the engine
// thread, the status dialog shows what was registered and what was not, with its reason.
#include "jobs/JobEngine.h"
#include "pool/PoolAddDialog.h"
#include "pool/PoolMenu.h"
#include "pool/PoolStatusDialog.h"
#include "store/Workspace.h"
#include "support/GuiDriving.h"
#include "support/SampleFiles.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace medq;
using namespace medq::gui;
using medq::test::clickOk;
using medq::test::keepScreenshot;
using medq::test::menuAction;
using medq::test::whenOpen;

class PoolMenuTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<store::Workspace> m_ws;
    QMainWindow m_window;
    jobs::JobEngine m_engine;
    PoolMenu* m_menu = nullptr;

private slots:
    void initTestCase() {
        auto ws = store::Workspace::create(m_tmp.filePath("ws"));
        QVERIFY(ws.ok());
        m_ws = ws.take();
        m_ws->annotations().ensureAnnotator("dr.a", "annotator");
        m_ws->annotations().ensureAnnotator("lead.l", "lead");
        m_menu = new PoolMenu(&m_window, m_engine);
        m_menu->addMenu(m_window.menuBar());
        m_window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_window));
    }

    void annotatorsMayNotAddToThePool() {
        m_menu->setWorkspace(m_ws.get(), "dr.a");
        QSignalSpy problems(m_menu, &PoolMenu::problem);
        menuAction(m_window.menuBar(), "&Pool", "Add &Folder…")->trigger();
        QCOMPARE(problems.count(), 1);
        QVERIFY2(problems.first().first().toString().contains("only a lead may"),
                 qPrintable(problems.first().first().toString()));
    }

    void leadAddsAFolderAsAJob() {
        const QString site = m_tmp.filePath("site");
        QVERIFY(QDir().mkpath(site + "/ct") && QDir().mkpath(site + "/photos") && QDir().mkpath(site + "/notes"));
        QVERIFY(QFile::copy(test::pydicom("CT_small.dcm"), site + "/ct/CT_small.dcm"));
        QVERIFY(QFile::copy(test::skimage("retina.jpg"), site + "/photos/retina.jpg"));
        QVERIFY(QFile::copy(test::skimage("camera.png"), site + "/photos/camera.png"));  // names no modality
        QFile note(site + "/notes/readme.txt");
        QVERIFY(note.open(QIODevice::WriteOnly) && note.write("scanned on the old scanner\n") > 0);
        note.close();
        m_menu->setWorkspace(m_ws.get(), "lead.l");
        QSignalSpy finished(&m_engine, &jobs::JobEngine::jobFinished);
        QString firstError;
        whenOpen<PoolAddDialog>([&](PoolAddDialog* d) {
            clickOk(d);  // no folder yet: refused, the dialog stays
            firstError = d->errorText();
            d->folderEdit()->setText(m_tmp.filePath("nowhere"));
            clickOk(d);
            QVERIFY(d->errorText().contains("no such folder"));
            d->folderEdit()->setText(site);
            keepScreenshot(d, "pool-add-folder");
            clickOk(d);
        });
        menuAction(m_window.menuBar(), "&Pool", "Add &Folder…")->trigger();
        QCOMPARE(firstError, QStringLiteral("Choose a folder."));
        // The scan finds a photograph that names no modality: the dialog opens again on the
        // same folder and will not take "Detect" until the lead chooses one.
        // It opens from the job's end, inside whatever the test is waiting in: polled, not awaited.
        QString modalityError, reopenedFolder;
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [&] {
            auto* d = qobject_cast<PoolAddDialog*>(QApplication::activeModalWidget());
            if (!d) return;
            poll.stop();
            reopenedFolder = d->folderEdit()->text();
            clickOk(d);
            modalityError = d->errorText();
            d->modalityBox()->setCurrentIndex(d->modalityBox()->findData(QStringLiteral("histopathology")));
            keepScreenshot(d, "pool-add-modality");
            clickOk(d);
        });
        poll.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        const auto outcome = finished.first().at(1).value<jobs::JobOutcome>();
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        QCOMPARE(outcome.result.value("added").toInt(), 2);
        QCOMPARE(outcome.result.value("problems").toInt(), 2);
        QCOMPARE(outcome.result.value("needModality").toInt(), 1);
        QCOMPARE(reopenedFolder, site);
        QCOMPARE(modalityError, QStringLiteral("Choose the modality of the images that name none."));
        const auto again = finished.at(1).at(1).value<jobs::JobOutcome>();
        QVERIFY2(again.ok(), qPrintable(again.message));
        QCOMPARE(again.result.value("added").toInt(), 1);       // camera.png, as histopathology
        QCOMPARE(again.result.value("reexamined").toInt(), 1);
        QCOMPARE(again.result.value("unchanged").toInt(), 2);   // the others keep their modality
        QCOMPARE(m_ws->poolFiles().countByModality().value(1).value(PoolFileStatus::Registered), 1);
        QCOMPARE(m_ws->poolFiles().countByModality().value(3).value(PoolFileStatus::Registered), 1);
    }

    void statusShowsCountsAndProblems() {
        int fileCells = 0;
        QString reason;
        whenOpen<PoolStatusDialog>([&](PoolStatusDialog* d) {
            for (int row = 0; row < d->countsTable()->rowCount(); ++row)
                fileCells += d->countsTable()->item(row, 2)->text().toInt();
            reason = d->problemsTable()->item(0, 1)->text();
            keepScreenshot(d, "pool-status");
            d->reject();
        });
        menuAction(m_window.menuBar(), "&Pool", "Pool &Status")->trigger();
        QCOMPARE(fileCells, 3);
        QVERIFY2(reason.contains("not an image"), qPrintable(reason));
    }
};

QTEST_MAIN(PoolMenuTest)
#include "tst_pool_menu.moc"
