// Workspace store: layout, migrations, transactions, append-only tables, repositories,
// and a reader that proceeds while a writer holds a transaction (WAL).
#include "store/LoopRepository.h"
#include "store/Schema.h"
#include "store/Workspace.h"

#include "common/ThisProcess.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::store;

class WorkspaceTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    std::unique_ptr<Workspace> fresh() {
        auto ws = Workspace::create(m_tmp.filePath(QStringLiteral("ws%1").arg(++m_n)));
        if (!ws) qFatal("%s", qPrintable(ws.error().message()));
        return ws.take();
    }
    static ImageRecord image(const QString& hash, const QString& modality = "ct") {
        ImageRecord r;
        r.contentHash = hash;
        r.path = "/data/" + hash;
        r.modality = modality;
        r.width = 64;
        r.height = 32;
        return r;
    }

private slots:
    void createsLayoutWithWalAndForeignKeys() {
        auto ws = fresh();
        QVERIFY(QFileInfo(ws->dir().filePath("workspace.sqlite")).isFile());
        QVERIFY(QFileInfo(ws->dir().filePath("blobs/thumbnails")).isDir());
        QVERIFY(QFileInfo(ws->dir().filePath("blobs/checkpoints")).isDir());
        QCOMPARE(ws->schemaVersion(), Schema::latestVersion());
        Statement mode = ws->db().prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.columnText(0), QStringLiteral("wal"));
        Statement fk = ws->db().prepare("PRAGMA foreign_keys");
        QVERIFY(fk.step());
        QCOMPARE(fk.columnInt(0), 1);
        QVERIFY(ws->checkIntegrity().isEmpty());
    }

    void refusesToCreateTwiceAndOpensExisting() {
        auto ws = fresh();
        const QString dir = ws->dir().absolutePath();
        ws.reset();
        QVERIFY(!Workspace::create(dir).ok());
        QVERIFY(Workspace::open(dir).ok());
        QVERIFY(!Workspace::open(m_tmp.filePath("nowhere")).ok());
    }

    void migratesForwardOneStepAtATime() {
        SqliteConnection db(m_tmp.filePath("mig.sqlite"), true);
        const std::vector<Migration> v1 = {{1, "CREATE TABLE a(x INTEGER);"}};
        Schema::migrate(db, v1);
        QCOMPARE(db.userVersion(), 1);
        db.exec("INSERT INTO a VALUES(7)");
        const std::vector<Migration> v3 = {{1, "CREATE TABLE a(x INTEGER);"},
                                           {2, "ALTER TABLE a ADD COLUMN y TEXT DEFAULT 'n';"},
                                           {3, "CREATE TABLE b(z INTEGER);"}};
        Schema::migrate(db, v3);
        QCOMPARE(db.userVersion(), 3);
        Statement s = db.prepare("SELECT x, y FROM a");
        QVERIFY(s.step());
        QCOMPARE(s.columnInt(0), 7);  // data kept across migrations
        QCOMPARE(s.columnText(1), QStringLiteral("n"));
    }

    void aVersion5PoolOpensWithRecipeItems() {
        // A workspace made before pool files existed: its recipe items stay recipes.
        SqliteConnection db(m_tmp.filePath("v5.sqlite"), true);
        std::vector<Migration> v5(Schema::migrations().begin(), Schema::migrations().begin() + 5);
        Schema::migrate(db, v5);
        QCOMPARE(db.userVersion(), 5);
        db.exec("INSERT INTO pool_items(modality, base, seed, attributes) VALUES(1, 0, 42, '3:2')");
        Schema::migrate(db, Schema::migrations());
        QCOMPARE(db.userVersion(), Schema::latestVersion());
        PoolRepository pool(db);
        const auto item = pool.get(1);
        QVERIFY(item);
        QCOMPARE(item->kind, PoolItemKind::Recipe);
        QCOMPARE(item->seed, std::int64_t(42));
        QCOMPARE(item->attributes, QStringLiteral("3:2"));
    }

    void failedMigrationRollsBackToLastGoodVersion() {
        SqliteConnection db(m_tmp.filePath("bad.sqlite"), true);
        const std::vector<Migration> list = {{1, "CREATE TABLE a(x INTEGER);"},
                                             {2, "CREATE TABLE c(q INTEGER); CREATE TABLE a(dup INTEGER);"}};
        QVERIFY_THROWS_EXCEPTION(StoreError, Schema::migrate(db, list));
        QCOMPARE(db.userVersion(), 1);
        Statement s = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name='c'");
        QVERIFY(s.step());
        QCOMPARE(s.columnInt(0), 0);  // half of migration 2 did not stick
    }

    void rejectsWorkspaceFromNewerVersion() {
        auto ws = fresh();
        const QString dir = ws->dir().absolutePath();
        ws->db().setUserVersion(Schema::latestVersion() + 5);
        ws.reset();
        auto opened = Workspace::open(dir);
        QVERIFY(!opened.ok());
        QVERIFY(opened.error().reason.contains("newer"));
    }

    void transactionRollsBackOnError() {
        auto ws = fresh();
        try {
            Transaction tx(ws->db());
            ws->images().insert(image("h1"), {{"/data/h1", "h1"}});
            ws->images().insert(image("h1"), {});  // duplicate content hash: throws
            tx.commit();
            QFAIL("duplicate insert did not throw");
        } catch (const StoreError&) {
        }
        QCOMPARE(ws->images().count(), 0);
        QCOMPARE(ws->tableSizes().value("image_files"), 0);
    }

    void imagesRoundTripAndCountByModality() {
        auto ws = fresh();
        ImageRecord r = image("abc", "mri");
        r.depth = 7;
        r.spacingZ = 2.5;
        r.metadata = QJsonObject{{"manufacturer", "ACME"}};
        const Id id = ws->images().insert(r, {{"/data/1.dcm", "f1"}, {"/data/2.dcm", "f2"}});
        ws->images().insert(image("def", "ct"), {});
        ws->images().insert(image("ghi", "ct"), {});
        const auto back = ws->images().get(id);
        QVERIFY(back.has_value());
        QCOMPARE(back->depth, 7);
        QCOMPARE(back->spacingZ, 2.5);
        QCOMPARE(back->metadata.value("manufacturer").toString(), QStringLiteral("ACME"));
        QCOMPARE(ws->images().files(id).size(), std::size_t(2));
        QCOMPARE(ws->images().countByModality().value("ct"), 2);
        QCOMPARE(*ws->images().findByContentHash("def"), id + 1);
        QVERIFY(ws->images().allHashes().contains("f2"));
        QCOMPARE(ws->images().list(0, 10, "ct").size(), std::size_t(2));
    }

    void foreignKeysAreEnforced() {
        auto ws = fresh();
        TaskRecord t;
        t.imageId = 999;
        t.kind = TaskKind::Perception;
        t.questionType = QuestionType::YesNo;
        QVERIFY_THROWS_EXCEPTION(StoreError, ws->tasks().insert(t));
    }

    void annotationsAreRevisionsNeverOverwritten() {
        auto ws = fresh();
        const Id img = ws->images().insert(image("x"), {});
        TaskRecord t;
        t.imageId = img;
        t.kind = TaskKind::Description;
        t.questionType = QuestionType::Description;
        const Id task = ws->tasks().insert(t);
        ws->annotations().ensureAnnotator("dr.a", "annotator");
        AnnotationRecord a;
        a.taskId = task;
        a.annotator = "dr.a";
        a.text = "first";
        a.timeSpentMs = 1200;
        const auto r1 = ws->annotations().submit(a);
        a.text = "second";
        const auto r2 = ws->annotations().submit(a);
        QCOMPARE(r1.revision, 1);
        QCOMPARE(r2.revision, 2);
        QCOMPARE(*r2.parentId, r1.id);
        const auto history = ws->annotations().history(task);
        QCOMPARE(history.size(), std::size_t(2));
        QCOMPARE(history[0].text, QStringLiteral("first"));
        QVERIFY_THROWS_EXCEPTION(StoreError, ws->db().exec("UPDATE annotations SET text='x'"));
        QVERIFY_THROWS_EXCEPTION(StoreError, ws->db().exec("DELETE FROM annotations"));
        QVERIFY_THROWS_EXCEPTION(StoreError, ws->db().exec("DELETE FROM audit_log"));
        a.annotator = "nobody";  // unknown annotator violates the foreign key
        QVERIFY_THROWS_EXCEPTION(StoreError, ws->annotations().submit(a));
    }

    void repositoriesRoundTrip() {
        auto ws = fresh();
        const Id img = ws->images().insert(image("y"), {});
        TaskRecord t;
        t.imageId = img;
        t.kind = TaskKind::Perception;
        t.questionType = QuestionType::How;
        t.question = "How severe is the noise?";
        t.options = QJsonArray{"none", "mild", "moderate", "severe"};
        t.answer = "mild";
        t.split = "test";
        const auto ids = ws->tasks().insertMany({t, t, t});
        QCOMPARE(ids.size(), std::size_t(3));
        QCOMPARE(ws->tasks().countBySplitAndKind().value("test/perception"), 3);
        QCOMPARE(ws->tasks().get(ids[1])->options.size(), 4);

        ModelOutputRecord o;
        o.taskId = ids[0];
        o.modelVersion = "base-1";
        o.answer = "moderate";
        o.distribution = QJsonArray{0.1, 0.2, 0.6, 0.1};
        o.entropy = 1.09;
        ws->outputs().insert(o);
        QCOMPARE(*ws->outputs().latestForTask(ids[0])->entropy, 1.09);
        // A checkpoint trained anew under an old name drops that name's drafts, no other's.
        ModelOutputRecord other = o;
        other.modelVersion = "base-2";
        other.entropy = 0.5;
        ws->outputs().insert(other);
        ws->outputs().insert(o);
        QCOMPARE(LoopRepository(ws->db()).removeOutputsOf("base-1"), 2);
        QCOMPARE(ws->outputs().count(), 1);
        QCOMPARE(*ws->outputs().latestForTask(ids[0])->entropy, 0.5);
        QCOMPARE(LoopRepository(ws->db()).removeOutputsOf("base-1"), 0);
        ws->outputs().insert(o);

        const Id round = ws->rounds().start(1, RetrievalStrategy::Engine, 100);
        ws->rounds().update(round, RunStatus::Done, RoundStep::Finetune, QJsonObject{{"accuracy", 0.7}}, "ckpt-2");
        const auto r = ws->rounds().byNumber(1);
        QCOMPARE(r->status, RunStatus::Done);
        QCOMPARE(r->step, std::optional<RoundStep>(RoundStep::Finetune));
        QCOMPARE(r->strategy, RetrievalStrategy::Engine);
        // Stored as the vocabulary's words, as older workspaces hold them.
        auto stored = ws->db().prepare("SELECT strategy, status, step FROM rounds WHERE id=?");
        stored.bind(1, round);
        QVERIFY(stored.step());
        QCOMPARE(stored.columnText(0) + "/" + stored.columnText(1) + "/" + stored.columnText(2),
                 QStringLiteral("engine/done/finetune"));
        QCOMPARE(r->checkpoint, QStringLiteral("ckpt-2"));
        QVERIFY(!r->finishedAt.isEmpty());

        PrototypeRecord p;
        p.roundId = round;
        p.size = 2;
        p.modality = "ct";
        const Id proto = ws->prototypes().insert(p, {{ids[0], 0.1}, {ids[1], 0.3}});
        QCOMPARE(ws->prototypes().forRound(round).size(), std::size_t(1));
        QCOMPARE(ws->prototypes().members(proto).size(), std::size_t(2));

        ws->audit().append("lead", "threshold.change", "rounds", round, QJsonObject{{"to", 0.3}});
        QCOMPARE(ws->audit().recent(1).front().action, QStringLiteral("threshold.change"));
        const Id job = ws->jobs().start("import", {});
        ws->jobs().finish(job, RunStatus::Done, "ok");
        QCOMPARE(ws->jobs().recent(1).front().status, RunStatus::Done);
    }

    void jobsWhoseProcessDiedAreClosedAsInterrupted() {
        auto ws = fresh();
        // A process that has ended (and been reaped): its id names nobody now.
        QProcess done;
        done.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("echo $$")});
        QVERIFY(done.waitForFinished());
        const qint64 dead = done.readAllStandardOutput().trimmed().toLongLong();
        QVERIFY(dead > 0 && !processAlive(dead));
        const auto insertRunning = [&](const QJsonObject& params) {
            auto s = ws->db().prepare("INSERT INTO jobs(kind, params, status, started_at) VALUES('train', ?, 'running', 'x')");
            s.bind(1, QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact)));
            s.run();
            return ws->db().lastInsertId();
        };
        const Id killed = insertRunning({{"pid", dead}, {"host", thisHostName()}});
        const Id elsewhere = insertRunning({{"pid", dead}, {"host", "another-host"}});
        const Id old = insertRunning({});  // written before rows named their process
        const Id mine = ws->jobs().start("import", {});
        const auto statusOf = [&](Id id) {
            for (const auto& j : ws->jobs().recent(10))
                if (j.id == id) return j;
            return JobRecord{};
        };
        QCOMPARE(statusOf(killed).status, RunStatus::Failed);
        QVERIFY2(statusOf(killed).message.contains("interrupted"), qPrintable(statusOf(killed).message));
        QCOMPARE(statusOf(elsewhere).status, RunStatus::Running);  // cannot tell from here
        QCOMPARE(statusOf(old).status, RunStatus::Running);
        QCOMPARE(statusOf(mine).status, RunStatus::Running);  // this process is alive
        QCOMPARE(ws->jobs().closeInterrupted(), 0);
        QCOMPARE(statusOf(mine).status, RunStatus::Running);
    }

    void readerProceedsWhileWriterHoldsTransaction() {
        auto writer = fresh();
        writer->images().insert(image("before"), {});
        auto reader = Workspace::open(writer->dir().absolutePath());
        QVERIFY(reader.ok());
        Transaction tx(writer->db());
        for (int i = 0; i < 50; ++i) writer->images().insert(image(QStringLiteral("w%1").arg(i)), {});
        // WAL: the reader sees the last committed state at once, without waiting.
        QElapsedTimer t;
        t.start();
        QCOMPARE(reader.value()->images().count(), 1);
        QVERIFY(t.elapsed() < 1000);
        tx.commit();
        QCOMPARE(reader.value()->images().count(), 51);
    }

    // The schema's CHECK constraints spell the stored words too: every word of the vocabulary
    // must be accepted where it is stored, and read back as the same enum.
    void everyStoredWordFitsTheSchema() {
        auto ws = fresh();
        const Id img = ws->images().insert(image("vocab"), {});
        for (TaskKind kind : allValues<TaskKind>())
            for (QuestionType type : allValues<QuestionType>()) {
                TaskRecord t;
                t.imageId = img;
                t.kind = kind;
                t.questionType = type;
                t.question = "q";
                const auto back = ws->tasks().get(ws->tasks().insert(t));
                QCOMPARE(back->kind, kind);
                QCOMPARE(back->questionType, type);
            }
        const Id task = ws->tasks().forImage(img).front().id;
        ws->annotations().ensureAnnotator("dr.a", "annotator");
        for (AnnotationAction action : allValues<AnnotationAction>()) {
            AnnotationRecord a;
            a.taskId = task;
            a.annotator = "dr.a";
            a.action = action;
            QCOMPARE(ws->annotations().submit(a).action, action);
            QCOMPARE(ws->annotations().history(task).back().action, action);
        }
        for (Queue queue : allValues<Queue>()) {
            QueueItemRecord q;
            q.taskId = task;
            q.queue = queue;
            const Id item = ws->queues().enqueue({q}).front();
            for (ItemStatus status : allValues<ItemStatus>()) {
                ws->queues().setStatus(item, status);
                QCOMPARE(ws->queues().get(item)->status, status);
            }
            QCOMPARE(ws->queues().get(item)->queue, queue);
        }
        const Id round = ws->rounds().start(1, RetrievalStrategy::Random, 10);
        for (RunStatus status : allValues<RunStatus>())
            for (RoundStep step : allValues<RoundStep>()) {
                ws->rounds().update(round, status, step, {});
                QCOMPARE(ws->rounds().byNumber(1)->status, status);
                QCOMPARE(ws->rounds().byNumber(1)->step, std::optional<RoundStep>(step));
            }
        PoolFileRegistry registry(ws->db());
        const Id scan = ws->poolFiles().startScan({});
        PoolFileRecord file;
        file.path = "/archive/ct/1.dcm";
        file.lastScan = scan;
        const Id fileItem = registry.addFile(file);
        QCOMPARE(ws->pool().get(fileItem)->kind, PoolItemKind::File);
        for (PoolFileStatus status : allValues<PoolFileStatus>()) {
            registry.touchFile(fileItem, status, scan);
            QCOMPARE(ws->poolFiles().get(fileItem)->status, status);
        }
        ws->pool().append({PoolItemRecord{}});
        QCOMPARE(ws->pool().page(fileItem, 1).front().kind, PoolItemKind::Recipe);
        for (RunStatus status : allValues<RunStatus>()) {
            ws->poolFiles().finishScan(scan, status, {});
            QCOMPARE(ws->poolFiles().lastScan()->status, status);
        }
        for (PrototypeStatus status : allValues<PrototypeStatus>()) {
            PrototypeRecord p;
            p.roundId = round;
            p.modality = "ct";
            p.status = status;
            ws->prototypes().insert(p, {});
            QCOMPARE(ws->prototypes().forRound(round).back().status, status);
        }
        for (DraftProblem problem : allValues<DraftProblem>()) {
            ModelOutputRecord o;
            o.taskId = task;
            o.modelVersion = "base-1";
            o.draftText = "....";
            o.draftProblem = problem;
            ws->outputs().insert(o);
            QCOMPARE(ws->outputs().latestForTask(task)->draftProblem, std::optional<DraftProblem>(problem));
        }
        ModelOutputRecord fine;
        fine.taskId = task;
        fine.modelVersion = "base-1";
        fine.draftText = "Mild noise. Overall, the quality of this image is usable.";
        ws->outputs().insert(fine);
        QVERIFY(!ws->outputs().latestForTask(task)->draftProblem);
    }
};

QTEST_GUILESS_MAIN(WorkspaceTest)
#include "tst_workspace.moc"
