// Named PACS nodes in the workspace settings: added, replaced, removed, kept across opening
// the workspace again, the old single node migrated as "default", --pacs resolved by name or
// address, and errors that name the node and the reason.
#include "pacs/PacsNodeList.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::pacs;

namespace {

NamedPacsNode node(const QString& name, const QString& address) {
    return NamedPacsNode{name, PacsNode::parse(address).value()};
}

}  // namespace

class TestPacsNodeList : public QObject {
    Q_OBJECT
private slots:
    void addsReplacesAndRemovesByName() {
        QTemporaryDir tmp;
        {
            auto ws = store::Workspace::create(tmp.filePath("ws")).take();
            PacsNodeList list(*ws);
            QVERIFY(list.nodes().empty());
            QVERIFY(list.put(node("radiology", "ORTHANC@pacs.example.org:4242")));
            NamedPacsNode archive = node("Archive", "ARCH@10.0.0.5:104");
            archive.retrieve = RetrieveMethod::Move;
            archive.moveDestination = QStringLiteral("MEDQ_WS1");
            archive.movePort = 11113;
            QVERIFY(list.put(archive));
            // The same name again replaces it.
            QVERIFY(list.put(node("radiology", "ORTHANC@pacs2.example.org:4243")));
            list.setLastUsed(QStringLiteral("Archive"));
        }
        auto ws = store::Workspace::open(tmp.filePath("ws")).take();
        PacsNodeList list(*ws);
        const auto nodes = list.nodes();
        QCOMPARE(int(nodes.size()), 2);
        QCOMPARE(nodes[0].name, QStringLiteral("Archive"));  // by name, case aside
        QCOMPARE(nodes[0].retrieve, RetrieveMethod::Move);
        QCOMPARE(nodes[0].moveDestination, QStringLiteral("MEDQ_WS1"));
        QCOMPARE(nodes[0].movePort, quint16(11113));
        QCOMPARE(nodes[0].description(), QStringLiteral("ARCH@10.0.0.5:104, C-MOVE to MEDQ_WS1 on port 11113"));
        QCOMPARE(nodes[1].node.text(), QStringLiteral("ORTHANC@pacs2.example.org:4243"));
        QCOMPARE(nodes[1].retrieve, RetrieveMethod::Get);
        QCOMPARE(list.lastUsed(), QStringLiteral("Archive"));
        // Renamed: the new name replaces the old one in the same transaction.
        NamedPacsNode renamed = list.find(QStringLiteral("radiology")).value();
        renamed.name = QStringLiteral("radiology-2");
        QVERIFY(list.put(renamed, QStringLiteral("radiology")));
        QVERIFY(!list.find(QStringLiteral("radiology")));
        QVERIFY(list.remove(QStringLiteral("Archive")));
        QCOMPARE(int(list.nodes().size()), 1);
        QCOMPARE(list.nodes().front().name, QStringLiteral("radiology-2"));
        QCOMPARE(list.lastUsed(), QString());  // removed since
        const Status gone = list.remove(QStringLiteral("Archive"));
        QVERIFY(!gone);
        QCOMPARE(gone.error().message(), QStringLiteral("PACS node 'Archive': there is no node of that name"));
    }

    void migratesTheOldSingleNodeAsDefault() {
        QTemporaryDir tmp;
        auto ws = store::Workspace::create(tmp.filePath("ws")).take();
        ws->settings().set(QString::fromLatin1(PacsNodeList::kOldNodeSetting), QStringLiteral("TESTPACS@127.0.0.1:14242"));
        PacsNodeList list(*ws);
        QCOMPARE(list.lastUsed(), QStringLiteral("default"));
        const auto nodes = list.nodes();
        QCOMPARE(int(nodes.size()), 1);
        QCOMPARE(nodes[0].name, QStringLiteral("default"));
        QCOMPARE(nodes[0].node.text(), QStringLiteral("TESTPACS@127.0.0.1:14242"));
        // Once: removing it does not bring it back.
        QVERIFY(list.remove(QStringLiteral("default")));
        QVERIFY(list.nodes().empty());
    }

    void resolvesANameOrAnAddress() {
        QTemporaryDir tmp;
        auto ws = store::Workspace::create(tmp.filePath("ws")).take();
        PacsNodeList list(*ws);
        const auto none = list.resolve(QStringLiteral("radiology"));
        QVERIFY(!none);
        QVERIFY2(none.error().message().contains("PACS node 'radiology': the workspace has no named nodes"), qPrintable(none.error().message()));
        QVERIFY(list.put(node("radiology", "ORTHANC@pacs.example.org:4242")));
        QCOMPARE(list.resolve(QStringLiteral("radiology")).value().node.aeTitle, QStringLiteral("ORTHANC"));
        const auto address = list.resolve(QStringLiteral("OTHER@host:104"));
        QVERIFY(address);
        QCOMPARE(address.value().name, QString());
        QCOMPARE(address.value().retrieve, RetrieveMethod::Get);
        const auto unknown = list.resolve(QStringLiteral("cardio"));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().message(), QStringLiteral("PACS node 'cardio': no node of that name (known: radiology; --pacs also takes AET@HOST:PORT)"));
    }

    void refusesBadNodes_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("moveTo");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty name") << "" << "" << "a node needs a name";
        QTest::newRow("name with @") << "a@b" << "" << "PACS node 'a@b': a name is 1 to 64 characters";
        QTest::newRow("move to lowercase") << "archive" << "medq" << "PACS node 'archive': the C-MOVE destination:";
    }
    void refusesBadNodes() {
        QFETCH(QString, name);
        QFETCH(QString, moveTo);
        QFETCH(QString, reason);
        QTemporaryDir tmp;
        auto ws = store::Workspace::create(tmp.filePath("ws")).take();
        NamedPacsNode n = node(name, "ORTHANC@host:4242");
        if (!moveTo.isEmpty()) {
            n.retrieve = RetrieveMethod::Move;
            n.moveDestination = moveTo;
        }
        const Status s = PacsNodeList(*ws).put(n);
        QVERIFY(!s);
        QVERIFY2(s.error().message().contains(reason), qPrintable(s.error().message()));
        QVERIFY(PacsNodeList(*ws).nodes().empty());
    }
};

QTEST_GUILESS_MAIN(TestPacsNodeList)
#include "tst_pacs_node_list.moc"
