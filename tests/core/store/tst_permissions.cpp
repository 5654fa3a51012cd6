// Roles: annotators annotate; only leads import, start rounds, change thresholds or accept
// checkpoints. Refusals say who may.
#include "store/Permissions.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::store;

Q_DECLARE_METATYPE(medq::store::Action)

class PermissionsTest : public QObject {
    Q_OBJECT

private slots:
    void table_data() {
        QTest::addColumn<QString>("role");
        QTest::addColumn<Action>("action");
        QTest::addColumn<bool>("allowed");
        const std::pair<const char*, Action> actions[] = {{"Annotate", Action::Annotate},
                                                          {"Import", Action::Import},
                                                          {"StartRound", Action::StartRound},
                                                          {"ChangeThresholds", Action::ChangeThresholds},
                                                          {"AcceptCheckpoint", Action::AcceptCheckpoint}};
        for (const auto& [name, action] : actions) {
            QTest::addRow("lead %s", name) << "lead" << action << true;
            QTest::addRow("annotator %s", name) << "annotator" << action << (action == Action::Annotate);
            QTest::addRow("unknown role %s", name) << "guest" << action << false;
        }
    }
    void table() {
        QFETCH(QString, role);
        QFETCH(Action, action);
        QFETCH(bool, allowed);
        const Status st = Permissions::require(role, action);
        QCOMPARE(st.ok(), allowed);
        if (auto r = roleFromKey(role)) QCOMPARE(Permissions::allows(*r, action), allowed);
        if (!allowed) QVERIFY2(st.error().message().contains(actionName(action)), qPrintable(st.error().message()));
    }

    void refusalSaysWhoMay() {
        const Status st = Permissions::require("annotator", Action::AcceptCheckpoint);
        QCOMPARE(st.error().message(), QStringLiteral("an annotator may not accept a checkpoint; only a lead may"));
    }

    void looksUpTheAnnotatorsRole() {
        QTemporaryDir tmp;
        auto ws = Workspace::create(tmp.filePath("ws")).take();
        ws->annotations().ensureAnnotator("dr.lead", "lead");
        ws->annotations().ensureAnnotator("dr.a", "annotator");
        QVERIFY(Permissions::requireFor(ws->annotations(), "dr.lead", Action::StartRound).ok());
        QVERIFY(Permissions::requireFor(ws->annotations(), "dr.a", Action::Annotate).ok());
        const Status refused = Permissions::requireFor(ws->annotations(), "dr.a", Action::StartRound);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().subject, QStringLiteral("dr.a"));
        const Status unknown = Permissions::requireFor(ws->annotations(), "nobody", Action::Annotate);
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().reason.contains("no such annotator"));
    }
};

QTEST_GUILESS_MAIN(PermissionsTest)
#include "tst_permissions.moc"
