// DICOM > Start Receiver and Stop Receiver through the real menu and dialog: an annotator is
// refused, a lead starts the receiver, DCMTK's storescu sends a CT slice, the status bar
// counts it stored and taken in and the window is told to refresh its lists; after Stop
// Receiver nothing answers on the port. Query PACS: a node added through its editor, the
// studies of a real PACS (Orthanc) found and the chosen one retrieved as a job (C-GET), the
// node remembered as the one used last. A node that retrieves by C-MOVE: Retrieve runs the
// move as a job with progress, Orthanc sending the study to the receiver the job runs.
#include "jobs/JobEngine.h"
#include "pacs/PacsMenu.h"
#include "pacs/PacsNodeEditor.h"
#include "pacs/PacsNodeList.h"
#include "pacs/PacsQueryDialog.h"
#include "pacs/ReceiverDialog.h"
#include "pacs/RetrieveStudyJob.h"
#include "store/Workspace.h"
#include "support/OrthancServer.h"
#include "support/GuiDriving.h"
#include "support/SampleFiles.h"
#include "support/TestPorts.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <unistd.h>

using namespace medq;
using namespace medq::gui;
using medq::test::clickOk;
using medq::test::keepScreenshot;
using medq::test::menuAction;
using medq::test::whenOpen;

namespace {

int runTool(const QString& name, const QStringList& args) {
    QProcess p;
    p.start(name, args);
    // The receiver answers on its own thread; this thread keeps the event loop turning.
    for (int waited = 0; p.state() != QProcess::NotRunning && waited < 60000; waited += 50) QTest::qWait(50);
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

void clickButton(QWidget* parent, const QString& text) {
    for (QPushButton* b : parent->findChildren<QPushButton*>())
        if (b->text() == text) return b->click();
    QFAIL(qPrintable(QStringLiteral("no button %1").arg(text)));
}

// Query PACS > Add…: the node typed into the editor; with movePort, retrieved by C-MOVE to
// MEDQ listening there.
void addNode(PacsQueryDialog* dialog, const QString& name, quint16 dicomPort, quint16 movePort = 0) {
    whenOpen<PacsNodeEditor>([=](PacsNodeEditor* editor) {
        QTest::keyClicks(editor->findChild<QLineEdit*>("nodeName"), name);
        QTest::keyClicks(editor->findChild<QLineEdit*>("nodeAeTitle"), QLatin1String(test::OrthancServer::kAeTitle));
        QTest::keyClicks(editor->findChild<QLineEdit*>("nodeHost"), "127.0.0.1");
        editor->findChild<QSpinBox*>("nodePort")->setValue(dicomPort);
        if (movePort) {
            editor->findChild<QComboBox*>("nodeRetrieve")->setCurrentIndex(1);
            auto* moveTo = editor->findChild<QLineEdit*>("nodeMoveTo");
            QVERIFY(moveTo->isEnabled());
            moveTo->selectAll();
            QTest::keyClicks(moveTo, "MEDQ");
            editor->findChild<QSpinBox*>("nodeMovePort")->setValue(movePort);
        }
        keepScreenshot(editor, "dicom-node-editor");
        clickOk(editor);
    });
    clickButton(dialog, QStringLiteral("&Add…"));
}

}  // namespace

class PacsMenuTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<store::Workspace> m_ws;
    QMainWindow m_window;
    jobs::JobEngine m_engine;
    PacsMenu* m_menu = nullptr;
    // Six ports (receiver, Orthanc HTTP and DICOM, twice) apart from the other pacs tests' ranges.
    const quint16 m_port = test::portBlock(6);

private slots:
    void initTestCase() {
        auto ws = store::Workspace::create(m_tmp.filePath("ws"));
        QVERIFY(ws.ok());
        m_ws = ws.take();
        m_ws->annotations().ensureAnnotator("dr.a", "annotator");
        m_ws->annotations().ensureAnnotator("lead.l", "lead");
        m_menu = new PacsMenu(&m_window, m_engine);
        m_menu->addMenu(m_window.menuBar());
        m_menu->addStatus(m_window.statusBar());
        m_window.resize(900, 200);
        m_window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_window));
    }

    void annotatorsMayNotStartIt() {
        m_menu->setWorkspace(m_ws.get(), "dr.a");
        QSignalSpy problems(m_menu, &PacsMenu::problem);
        menuAction(m_window.menuBar(), "&DICOM", "Start &Receiver…")->trigger();
        QCOMPARE(problems.count(), 1);
        QVERIFY(!m_menu->isReceiving());
    }

    void aLeadReceivesAStudy() {
        m_menu->setWorkspace(m_ws.get(), "lead.l");
        QSignalSpy arrived(m_menu, &PacsMenu::imagesArrived);
        whenOpen<ReceiverDialog>([this](ReceiverDialog* dialog) {
            dialog->findChild<QSpinBox*>()->setValue(m_port);
            keepScreenshot(dialog, "dicom-receiver-dialog");
            dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        });
        menuAction(m_window.menuBar(), "&DICOM", "Start &Receiver…")->trigger();
        QVERIFY(m_menu->isReceiving());
        QTRY_VERIFY_WITH_TIMEOUT(m_menu->statusLabel()->text().contains("receiving"), 10000);
        QVERIFY(!menuAction(m_window.menuBar(), "&DICOM", "Start &Receiver…")->isEnabled());

        QCOMPARE(runTool("storescu", {"-aec", "MEDQ", "127.0.0.1", QString::number(m_port), test::pydicom("CT_small.dcm")}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_menu->statusLabel()->text().contains("1 stored, 1 taken in"), 30000);
        QVERIFY(arrived.count() >= 1);
        QCOMPARE(m_ws->images().count(), 1);
        keepScreenshot(&m_window, "dicom-receiver-status");

        menuAction(m_window.menuBar(), "&DICOM", "S&top Receiver")->trigger();
        QVERIFY(!m_menu->isReceiving());
        QTRY_VERIFY_WITH_TIMEOUT(m_menu->statusLabel()->text() == "DICOM receiver stopped", 10000);
        QVERIFY(runTool("echoscu", {"-aec", "MEDQ", "127.0.0.1", QString::number(m_port)}) != 0);
    }

    void aLeadQueriesAndRetrieves() {
        test::OrthancServer orthanc(m_tmp.path(), quint16(m_port + 1), quint16(m_port + 2));
        QVERIFY2(orthanc.problem().isEmpty(), qPrintable(orthanc.problem()));
        QVERIFY(orthanc.upload(test::pydicom("MR_small.dcm")));
        QVERIFY(orthanc.upload(test::pydicom("CT_small.dcm")));  // received already: dropped
        m_menu->setWorkspace(m_ws.get(), "lead.l");
        QSignalSpy finished(&m_engine, &jobs::JobEngine::jobFinished);
        whenOpen<PacsQueryDialog>([this](PacsQueryDialog* dialog) {
            QVERIFY(!dialog->findChild<QComboBox*>("pacsNodes")->count());
            addNode(dialog, "orthanc", quint16(m_port + 2));
            QCOMPARE(dialog->findChild<QComboBox*>("pacsNodes")->currentData().toString(), QStringLiteral("orthanc"));
            clickButton(dialog, "&Find");
            auto* table = dialog->findChild<QTableWidget*>();
            QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, 20000);
            keepScreenshot(dialog, "dicom-query");
            table->selectAll();
            for (QPushButton* b : dialog->findChildren<QPushButton*>())
                if (b->text() == "&Retrieve") b->click();
        });
        menuAction(m_window.menuBar(), "&DICOM", "&Query PACS…")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const auto outcome = finished.front().at(1).value<jobs::JobOutcome>();
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains("retrieved 1 new instances (1 received before"), qPrintable(outcome.message));
        QCOMPARE(m_ws->images().count(), 2);
        QCOMPARE(pacs::PacsNodeList(*m_ws).lastUsed(), QStringLiteral("orthanc"));
        QCOMPARE(pacs::PacsNodeList(*m_ws).find("orthanc")->node.text(), orthanc.node());
    }

    // The node retrieves by C-MOVE: Orthanc knows MEDQ at 127.0.0.1 on the node's port; the
    // job listens there for the time of the move and takes the study in.
    void aLeadRetrievesByCMove() {
        test::OrthancServer orthanc(m_tmp.filePath("move-pacs"), quint16(m_port + 3), quint16(m_port + 4), quint16(m_port + 5));
        QVERIFY2(orthanc.problem().isEmpty(), qPrintable(orthanc.problem()));
        QVERIFY(orthanc.upload(test::pydicom("JPEG2000.dcm")));  // a study the workspace does not have
        m_menu->setWorkspace(m_ws.get(), "lead.l");
        const int before = m_ws->images().count();
        QSignalSpy progressed(&m_engine, &jobs::JobEngine::jobProgress);
        QSignalSpy finished(&m_engine, &jobs::JobEngine::jobFinished);
        whenOpen<PacsQueryDialog>([this](PacsQueryDialog* dialog) {
            auto* nodes = dialog->findChild<QComboBox*>("pacsNodes");
            QCOMPARE(nodes->currentData().toString(), QStringLiteral("orthanc"));  // the one used last
            addNode(dialog, "archive", quint16(m_port + 4), quint16(m_port + 5));
            QCOMPARE(nodes->count(), 2);
            QCOMPARE(nodes->currentData().toString(), QStringLiteral("archive"));
            QVERIFY2(nodes->currentText().contains(QStringLiteral("C-MOVE to MEDQ on port %1").arg(m_port + 5)), qPrintable(nodes->currentText()));
            clickButton(dialog, "&Find");
            auto* table = dialog->findChild<QTableWidget*>();
            QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, 20000);
            keepScreenshot(dialog, "dicom-query-move");
            table->selectRow(0);
            clickButton(dialog, "&Retrieve");
        });
        menuAction(m_window.menuBar(), "&DICOM", "&Query PACS…")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const auto outcome = finished.front().at(1).value<jobs::JobOutcome>();
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains("retrieved 1 new instances") && outcome.message.contains("PACS node archive by C-MOVE"),
                 qPrintable(outcome.message));
        QVERIFY(progressed.count() >= 1);
        QVERIFY2(progressed.front().at(2).toString().contains("C-MOVE to MEDQ"), qPrintable(progressed.front().at(2).toString()));
        QCOMPARE(m_ws->images().count(), before + 1);
        QCOMPARE(pacs::PacsNodeList(*m_ws).lastUsed(), QStringLiteral("archive"));
    }

    // Cancel before the job starts its first study: nothing is retrieved, the job says so.
    void cancellingTheMoveStopsIt() {
        auto named = pacs::PacsNodeList(*m_ws).find("archive");
        QVERIFY(named);
        QSignalSpy finished(&m_engine, &jobs::JobEngine::jobFinished);
        const int id = m_engine.submit(std::make_unique<pacs::RetrieveStudyJob>(m_ws->dir().absolutePath(), "MEDQ", *named,
                                                                                QStringList{"1.2.3", "1.2.4"}, ReceiveDestination::Import));
        m_engine.cancel(id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const auto outcome = finished.front().at(1).value<jobs::JobOutcome>();
        QCOMPARE(outcome.status, jobs::JobOutcome::Status::Cancelled);
    }
};

QTEST_MAIN(PacsMenuTest)
#include "tst_pacs_menu.moc"
