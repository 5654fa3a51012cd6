// `medq pacs find|get` against a real PACS: Debian's Orthanc, started by the test on loopback
// ports with its own configuration and storage (never the system service), filled through
// its REST API. Named nodes (`medq pacs nodes`) used by name, by C-GET and by C-MOVE. Also: a
// PACS that is down, a malformed node, and a node name the workspace does not know.
#include "support/CliRunner.h"
#include "support/OrthancServer.h"
#include "support/SampleFiles.h"
#include "support/TestPorts.h"
#include "store/Workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <unistd.h>

using namespace medq;

namespace {

quint16 testPort(int offset) {
    static const quint16 first = test::portBlock(4);
    return quint16(first + offset);
}

}  // namespace

class TestPacsQueryRetrieve : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<test::OrthancServer> m_orthanc;
    QString pacs() const { return m_orthanc->node(); }

private slots:
    void initTestCase() {
        m_orthanc = std::make_unique<test::OrthancServer>(m_tmp.path(), testPort(0), testPort(1), testPort(2));
        QVERIFY2(m_orthanc->problem().isEmpty(), qPrintable(m_orthanc->problem()));
        for (const char* name : {"CT_small.dcm", "MR_small.dcm"}) QVERIFY(m_orthanc->upload(test::pydicom(name)));
    }

    void cleanupTestCase() { m_orthanc.reset(); }

    void findsAndRetrievesAStudy() {
        const QString ws = m_tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const auto all = test::runMedq({"pacs", "find", ws, "--pacs", pacs()});
        QVERIFY2(all.code == 0, qPrintable(all.err));
        QVERIFY2(all.out.contains("2 studies on TESTPACS"), qPrintable(all.out));
        const auto ct = test::runMedq({"pacs", "find", ws, "--pacs", pacs(), "--modality", "ct"});
        QVERIFY2(ct.code == 0 && ct.out.contains("1 study on TESTPACS"), qPrintable(ct.out + ct.err));
        const QStringList lines = ct.out.split('\n');
        QVERIFY(lines.size() > 2);
        const QString study = lines[1].section(' ', 0, 0);
        QVERIFY2(QRegularExpression("^[0-9.]+$").match(study).hasMatch(), qPrintable(ct.out));

        const auto got = test::runMedq({"pacs", "get", ws, "--pacs", pacs(), "--study", study});
        QVERIFY2(got.code == 0, qPrintable(got.err));
        QVERIFY2(got.out.contains("retrieved 1 new instances; 1 taken in (import)"), qPrintable(got.out));
        const auto again = test::runMedq({"pacs", "get", ws, "--pacs", pacs(), "--study", study});
        QVERIFY2(again.code == 0 && again.out.contains("retrieved 0 new instances (1 received before"), qPrintable(again.out + again.err));
        auto opened = store::Workspace::open(ws);
        QVERIFY(opened);
        QCOMPARE(opened.value()->images().count(), 1);
        QCOMPARE(opened.value()->images().countByModality().value(QStringLiteral("ct")), 1);
        QCOMPARE(opened.value()->received().count(ReceivedState::Done), 1);
    }

    // A PACS without C-GET: C-MOVE to the receiver `get --move` runs for the time of the move.
    void movesAStudy() {
        const QString ws = m_tmp.filePath("ws-move");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const auto mr = test::runMedq({"pacs", "find", ws, "--pacs", pacs(), "--modality", "MR"});
        QVERIFY2(mr.code == 0 && mr.out.contains("1 study on TESTPACS"), qPrintable(mr.out + mr.err));
        const QString study = mr.out.split('\n').value(1).section(' ', 0, 0);
        const auto moved = test::runMedq({"pacs", "get", ws, "--pacs", pacs(), "--study", study, "--move", "--port", QString::number(testPort(2))});
        QVERIFY2(moved.code == 0, qPrintable(moved.out + moved.err));
        QVERIFY2(moved.out.contains("retrieved 1 new instances; 1 taken in (import)"), qPrintable(moved.out));
        auto opened = store::Workspace::open(ws);
        QVERIFY(opened);
        QCOMPARE(opened.value()->images().countByModality().value(QStringLiteral("mri")), 1);
        // The PACS does not know this AE title: it sends nothing, and says so.
        const auto unknown = test::runMedq({"pacs", "get", ws, "--pacs", pacs(), "--study", study, "--move", "--aet", "OTHER",
                                            "--port", QString::number(testPort(2))});
        QCOMPARE(unknown.code, 1);
        QVERIFY2(unknown.err.contains("OTHER"), qPrintable(unknown.err));
    }

    // `pacs nodes --add/--remove` and --pacs NAME: a C-GET node and a C-MOVE node.
    void retrievesThroughNamedNodes() {
        const QString ws = m_tmp.filePath("ws-nodes");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const auto none = test::runMedq({"pacs", "nodes", ws});
        QVERIFY2(none.code == 0 && none.out.contains("0 nodes"), qPrintable(none.out + none.err));
        const auto added = test::runMedq({"pacs", "nodes", ws, "--add", "orthanc", pacs()});
        QVERIFY2(added.code == 0 && added.out.contains("PACS node orthanc: " + pacs() + ", C-GET"), qPrintable(added.out + added.err));
        const auto move = test::runMedq({"pacs", "nodes", ws, "--add", "archive", pacs(), "--move-to", "MEDQ", "--port", QString::number(testPort(2))});
        QVERIFY2(move.code == 0, qPrintable(move.err));
        const auto listed = test::runMedq({"pacs", "nodes", ws});
        QVERIFY2(listed.out.contains(QStringLiteral("archive  %1, C-MOVE to MEDQ on port %2").arg(pacs()).arg(testPort(2))), qPrintable(listed.out));
        QVERIFY2(listed.out.contains("2 nodes"), qPrintable(listed.out));

        const auto ct = test::runMedq({"pacs", "find", ws, "--pacs", "orthanc", "--modality", "CT"});
        QVERIFY2(ct.code == 0 && ct.out.contains("1 study on TESTPACS"), qPrintable(ct.out + ct.err));
        const auto got = test::runMedq({"pacs", "get", ws, "--pacs", "orthanc", "--study", ct.out.split('\n').value(1).section(' ', 0, 0)});
        QVERIFY2(got.code == 0 && got.out.contains("retrieved 1 new instances; 1 taken in (import)"), qPrintable(got.out + got.err));
        const auto mr = test::runMedq({"pacs", "find", ws, "--pacs", "archive", "--modality", "MR"});
        QVERIFY2(mr.code == 0 && mr.out.contains("1 study on TESTPACS"), qPrintable(mr.out + mr.err));
        // The archive node retrieves by C-MOVE: to MEDQ, listening on the node's port.
        const auto moved = test::runMedq({"pacs", "get", ws, "--pacs", "archive", "--study", mr.out.split('\n').value(1).section(' ', 0, 0)});
        QVERIFY2(moved.code == 0 && moved.out.contains("retrieved 1 new instances; 1 taken in (import)"), qPrintable(moved.out + moved.err));
        {
            auto opened = store::Workspace::open(ws);
            QVERIFY(opened);
            QCOMPARE(opened.value()->images().countByModality().value(QStringLiteral("mri")), 1);
            QCOMPARE(opened.value()->images().countByModality().value(QStringLiteral("ct")), 1);
        }

        const auto removed = test::runMedq({"pacs", "nodes", ws, "--remove", "archive"});
        QVERIFY2(removed.code == 0, qPrintable(removed.err));
        const auto gone = test::runMedq({"pacs", "find", ws, "--pacs", "archive"});
        QCOMPARE(gone.code, 1);
        QVERIFY2(gone.err.contains("PACS node 'archive': no node of that name (known: orthanc"), qPrintable(gone.err));
        const auto again = test::runMedq({"pacs", "nodes", ws, "--remove", "archive"});
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.contains("PACS node 'archive': there is no node of that name"), qPrintable(again.err));
        const auto bad = test::runMedq({"pacs", "nodes", ws, "--add", "lower", "pacs@127.0.0.1:104"});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains("PACS node 'lower'") && bad.err.contains("uppercase"), qPrintable(bad.err));
    }

    void namesWhatIsWrong() {
        const QString ws = m_tmp.filePath("ws-errors");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const auto down = test::runMedq({"pacs", "find", ws, "--pacs", QStringLiteral("TESTPACS@127.0.0.1:%1").arg(testPort(3))});
        QCOMPARE(down.code, 1);
        QVERIFY2(down.err.contains("no association") && down.err.contains("TESTPACS@127.0.0.1"), qPrintable(down.err));
        const auto malformed = test::runMedq({"pacs", "find", ws, "--pacs", "127.0.0.1:4242"});
        QCOMPARE(malformed.code, 1);
        QVERIFY2(malformed.err.contains("AET@HOST:PORT"), qPrintable(malformed.err));
        const auto missing = test::runMedq({"pacs", "get", ws, "--pacs", pacs(), "--study", "1.2.3.4.5.6.7"});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains("1.2.3.4.5.6.7"), qPrintable(missing.err));
    }

    // A PACS that answers but refuses the association (called by the wrong AE title): a named
    // error, nothing retrieved. Runs last: it borrows the ports the tests above leave free.
    void aPacsThatRefusesIsNamed() {
        const test::OrthancServer strict(m_tmp.filePath("strict"), testPort(3), testPort(2), 0, /*checkCalledAet*/ true);
        QVERIFY2(strict.problem().isEmpty(), qPrintable(strict.problem()));
        const QString ws = m_tmp.filePath("ws-refused");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const QString wrong = QStringLiteral("OTHERPACS@127.0.0.1:%1").arg(testPort(2));
        const auto refused = test::runMedq({"pacs", "find", ws, "--pacs", wrong});
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains(wrong) && refused.err.contains("reject", Qt::CaseInsensitive), qPrintable(refused.err));
        const auto right = test::runMedq({"pacs", "find", ws, "--pacs", strict.node()});
        QVERIFY2(right.code == 0 && right.out.contains("0 studies"), qPrintable(right.out + right.err));
    }
};

QTEST_GUILESS_MAIN(TestPacsQueryRetrieve)
#include "tst_pacs_query_retrieve.moc"
