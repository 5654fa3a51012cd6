// kill -9 in the middle of an edit: the text typed a second before the kill must be in
// the workspace, and reopening the item must restore it.
#include "GuiTestWorkspace.h"
#include "annotate/AnnotationSession.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

using namespace medq;

class AutosaveKillTest : public QObject {
    Q_OBJECT
private slots:
    void autosaveSurvivesKill() {
        QTemporaryDir tmp;
        const auto data = test::makeGuiWorkspace(tmp.filePath("ws"));
        const QString typed = QStringLiteral("Severe motion ghosting; repeat the sequence");
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QByteArray output;
        connect(&child, &QProcess::readyReadStandardOutput, this, [&] { output += child.readAllStandardOutput(); });
        child.start(QStringLiteral(MEDQ_AUTOSAVE_CHILD), {data.dir, typed});
        QVERIFY(child.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(output.contains("TYPED") || child.state() == QProcess::NotRunning, 60000);
        QCOMPARE(child.state(), QProcess::Running);
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        auto ws = store::Workspace::open(data.dir);
        QVERIFY(ws.ok());
        QVERIFY(ws.value()->checkIntegrity().isEmpty());
        const auto items = ws.value()->queues().items(Queue::Expert);
        QVERIFY(!items.empty());
        annotate::AnnotationSession session(*ws.value(), "dr.kill", "annotator");
        auto item = session.open(items.front().id);
        QVERIFY(item.ok());
        QVERIFY(item.value().restoredFromAutosave);
        QCOMPARE(item.value().initial.text, typed);
        QVERIFY(item.value().priorTimeMs > 0);
    }
};

QTEST_GUILESS_MAIN(AutosaveKillTest)
#include "tst_autosave_kill.moc"
