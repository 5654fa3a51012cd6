// Audit log hash chain (schema v4): an intact chain verifies; an edited, deleted, inserted
// or appended-behind-the-back row is reported by id; rows from before v4 are chained by the
// migration; two connections appending at once keep one chain.
#include "store/Schema.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QtTest>
#include <thread>

using namespace medq;
using namespace medq::store;

class AuditChainTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    // A workspace with `rows` audit rows besides workspace.create (ids 1..rows+1).
    std::unique_ptr<Workspace> withRows(int rows) {
        auto ws = Workspace::create(m_tmp.filePath(QStringLiteral("ws%1").arg(++m_n)));
        if (!ws) qFatal("%s", qPrintable(ws.error().message()));
        for (int i = 0; i < rows; ++i)
            ws.value()->audit().append(QStringLiteral("dr.%1").arg(i), "annotation.submit", "annotations", i + 10,
                                       QJsonObject{{"n", i}});
        return ws.take();
    }
    // What a tamperer does first: lift the append-only triggers.
    static void dropTriggers(Workspace& ws) {
        ws.db().exec("DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;");
    }
    static QString storedHash(Workspace& ws, Id id) {
        Statement s = ws.db().prepare("SELECT hash FROM audit_log WHERE id=?");
        s.bind(1, id);
        return s.step() ? s.columnText(0) : QString();
    }

private slots:
    void freshChainIsIntact() {
        auto ws = withRows(5);
        const AuditVerification v = ws->audit().verify();
        QVERIFY2(v.intact, qPrintable(v.reason));
        QCOMPARE(v.rowsChecked, 6);
        QCOMPARE(v.headHash, storedHash(*ws, 6));
        QCOMPARE(v.headHash.size(), 64);
    }

    void eachRowHashCoversItsPredecessor() {
        auto ws = withRows(2);
        Statement s = ws->db().prepare("SELECT prev_hash, hash FROM audit_log ORDER BY id");
        QVERIFY(s.step());
        QCOMPARE(s.columnText(0), AuditChain::genesisHash());
        QString prev = s.columnText(1);
        while (s.step()) {
            QCOMPARE(s.columnText(0), prev);
            prev = s.columnText(1);
        }
        // Field framing: moving a character from one field to the next changes the hash.
        QVERIFY(AuditChain::rowHash("p", "t", "ab", "c", "", std::nullopt, "{}") !=
                AuditChain::rowHash("p", "t", "a", "bc", "", std::nullopt, "{}"));
        QVERIFY(AuditChain::rowHash("p", "t", "a", "b", "", std::nullopt, "{}") !=
                AuditChain::rowHash("p", "t", "a", "b", "", Id(0), "{}"));
    }

    void editedRowIsDetected() {
        auto ws = withRows(5);
        dropTriggers(*ws);
        ws->db().exec("UPDATE audit_log SET actor='mallory' WHERE id=3");
        const AuditVerification v = ws->audit().verify();
        QVERIFY(!v.intact);
        QCOMPARE(*v.brokenRow, Id(3));
        QVERIFY2(v.reason.contains("edited"), qPrintable(v.reason));
        QCOMPARE(v.rowsChecked, 2);
    }

    void editedRowWithRecomputedHashBreaksTheNextLink() {
        auto ws = withRows(5);
        dropTriggers(*ws);
        ws->db().exec("UPDATE audit_log SET details='{\"n\":99}' WHERE id=3");
        Statement row = ws->db().prepare("SELECT prev_hash, at, actor, action, entity, entity_id, details FROM audit_log WHERE id=3");
        QVERIFY(row.step());
        const QString forged = AuditChain::rowHash(row.columnText(0), row.columnText(1), row.columnText(2),
                                                   row.columnText(3), row.columnText(4), row.columnOptionalInt(5),
                                                   row.columnText(6));
        Statement u = ws->db().prepare("UPDATE audit_log SET hash=? WHERE id=3");
        u.bind(1, forged);
        u.run();
        const AuditVerification v = ws->audit().verify();
        QVERIFY(!v.intact);
        QCOMPARE(*v.brokenRow, Id(4));
        QVERIFY2(v.reason.contains("row 3"), qPrintable(v.reason));
    }

    void deletedRowIsDetected() {
        auto ws = withRows(5);
        dropTriggers(*ws);
        ws->db().exec("DELETE FROM audit_log WHERE id=3");
        const AuditVerification v = ws->audit().verify();
        QVERIFY(!v.intact);
        QCOMPARE(*v.brokenRow, Id(4));
        QVERIFY2(v.reason.contains("deleted"), qPrintable(v.reason));
    }

    void deletedFirstAndLastRowsAreDetected() {
        auto first = withRows(3);
        dropTriggers(*first);
        first->db().exec("DELETE FROM audit_log WHERE id=1");
        QCOMPARE(*first->audit().verify().brokenRow, Id(2));

        auto last = withRows(3);
        dropTriggers(*last);
        last->db().exec("DELETE FROM audit_log WHERE id=4");
        const AuditVerification v = last->audit().verify();
        QVERIFY(!v.intact);
        QVERIFY2(v.reason.contains("ends before its recorded head, row 4"), qPrintable(v.reason));
    }

    void forgedRowInsertedInTheMiddleIsDetected() {
        auto ws = withRows(5);
        dropTriggers(*ws);
        // Replace row 3 by a forged one that links correctly to row 2: row 4 no longer links.
        ws->db().exec("DELETE FROM audit_log WHERE id=3");
        const QString prev = storedHash(*ws, 2);
        const QString at = QStringLiteral("2026-01-01T00:00:00.000Z");
        const QString hash = AuditChain::rowHash(prev, at, "mallory", "checkpoint.accept", "", std::nullopt, "{}");
        Statement ins = ws->db().prepare(
            "INSERT INTO audit_log(id, at, actor, action, entity, entity_id, details, prev_hash, hash) "
            "VALUES(3, ?, 'mallory', 'checkpoint.accept', '', NULL, '{}', ?, ?)");
        ins.bind(1, at).bind(2, prev).bind(3, hash);
        ins.run();
        const AuditVerification v = ws->audit().verify();
        QVERIFY(!v.intact);
        QCOMPARE(*v.brokenRow, Id(4));
    }

    void forgedRowAppendedBehindTheLogsBackIsDetected() {
        auto ws = withRows(3);
        // Even a correctly chained row is caught when it did not go through AuditLog::append:
        // the recorded head still names the last genuine row.
        const QString prev = storedHash(*ws, 4);
        const QString at = QStringLiteral("2026-01-01T00:00:00.000Z");
        const QString hash = AuditChain::rowHash(prev, at, "mallory", "round.start", "", std::nullopt, "{}");
        Statement ins = ws->db().prepare(
            "INSERT INTO audit_log(at, actor, action, entity, entity_id, details, prev_hash, hash) "
            "VALUES(?, 'mallory', 'round.start', '', NULL, '{}', ?, ?)");
        ins.bind(1, at).bind(2, prev).bind(3, hash);
        ins.run();
        const AuditVerification v = ws->audit().verify();
        QVERIFY(!v.intact);
        QCOMPARE(*v.brokenRow, Id(5));
        QVERIFY2(v.reason.contains("recorded head, row 4"), qPrintable(v.reason));
    }

    void rowsWithoutHashOrUpdatesAreRefused() {
        auto ws = withRows(1);
        QVERIFY_THROWS_EXCEPTION(StoreError, ws->db().exec("INSERT INTO audit_log(at, actor, action) VALUES('x','y','z')"));
        QVERIFY_THROWS_EXCEPTION(StoreError, ws->db().exec("UPDATE audit_log SET actor='x'"));
        QVERIFY_THROWS_EXCEPTION(StoreError, ws->db().exec("DELETE FROM audit_log"));
        QVERIFY(ws->audit().verify().intact);
    }

    void migrationChainsRowsWrittenBeforeV4() {
        const QString dir = m_tmp.filePath("old");
        QVERIFY(QDir().mkpath(dir));
        {
            SqliteConnection db(QDir(dir).filePath(Workspace::kDatabaseName), true);
            std::vector<Migration> upToV3(Schema::migrations().begin(), Schema::migrations().begin() + 3);
            Schema::migrate(db, upToV3);
            QCOMPARE(db.userVersion(), 3);
            for (int i = 0; i < 4; ++i)
                db.exec(QStringLiteral("INSERT INTO audit_log(at, actor, action, entity_id, details) "
                                       "VALUES('2025-0%1-01T00:00:00.000Z', 'old', 'import', %1, '{\"i\":%1}')")
                            .arg(i + 1).toUtf8().constData());
        }
        auto ws = Workspace::open(dir);
        QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().message()));
        QCOMPARE(ws.value()->schemaVersion(), Schema::latestVersion());
        AuditVerification v = ws.value()->audit().verify();
        QVERIFY2(v.intact, qPrintable(v.reason));
        QCOMPARE(v.rowsChecked, 4);
        ws.value()->audit().append("lead", "round.start");
        v = ws.value()->audit().verify();
        QVERIFY(v.intact);
        QCOMPARE(v.rowsChecked, 5);
        // The update trigger lifted for the migration is back.
        QVERIFY_THROWS_EXCEPTION(StoreError, ws.value()->db().exec("UPDATE audit_log SET actor='x' WHERE id=1"));
    }

    void appendsFromTwoConnectionsKeepOneChain() {
        auto ws = withRows(0);
        const QString dir = ws->dir().absolutePath();
        auto writer = [&dir](const QString& who) {
            auto own = Workspace::open(dir).take();
            for (int i = 0; i < 40; ++i) own->audit().append(who, "annotation.submit");
        };
        std::thread a(writer, QStringLiteral("a")), b(writer, QStringLiteral("b"));
        a.join();
        b.join();
        const AuditVerification v = ws->audit().verify();
        QVERIFY2(v.intact, qPrintable(v.reason));
        QCOMPARE(v.rowsChecked, 81);
    }

    void appendJoinsTheCallersTransaction() {
        auto ws = withRows(1);
        {
            Transaction tx(ws->db());
            ws->audit().append("lead", "threshold.change");
            // not committed: rolled back together with the head record
        }
        QCOMPARE(ws->audit().count(), 2);
        QVERIFY(ws->audit().verify().intact);
    }
};

QTEST_GUILESS_MAIN(AuditChainTest)
#include "tst_audit_chain.moc"
