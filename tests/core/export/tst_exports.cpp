// Exports: RFC 4180 CSV quoting, JSONL conversations built from the latest annotation or the
// ground truth, and export -> import round trips that give back exactly what was written.
#include "export/AnnotationCsvExport.h"
#include "export/Csv.h"
#include "export/TrainingDataExport.h"
#include "store/Workspace.h"
#include "support/SampleFiles.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::exports;

class ExportsTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    struct Fixture {
        std::unique_ptr<store::Workspace> ws;
        store::Id yesno = 0, described = 0, flagged = 0, pair = 0, unanswered = 0, truthOnly = 0;
    };

    static store::Id addImage(store::Workspace& ws, const QString& path, const QString& modality) {
        store::ImageRecord r;
        r.contentHash = path;
        r.path = path;
        r.modality = modality;
        r.width = r.height = 8;
        return ws.images().insert(r, {});
    }
    static store::Id addTask(store::Workspace& ws, store::Id image, const QString& kind, const QString& type,
                             const QString& question, const QJsonArray& options, const QString& answer,
                             std::optional<store::Id> second = std::nullopt) {
        store::TaskRecord t;
        t.imageId = image;
        t.secondImageId = second;
        t.kind = fromKey<TaskKind>(kind).value();
        t.questionType = fromKey<QuestionType>(type).value();
        t.question = question;
        t.options = options;
        t.answer = answer;
        t.split = "train";
        return ws.tasks().insert(t);
    }
    static void annotate(store::Workspace& ws, store::Id task, const QString& who, const QString& answer,
                         const QString& text, const QJsonObject& labels = {}) {
        store::AnnotationRecord a;
        a.taskId = task;
        a.annotator = who;
        a.answer = answer;
        a.text = text;
        a.labels = labels;
        a.qualityLevel = "usable";
        a.timeSpentMs = 4200;
        ws.annotations().submit(a);
    }

    Fixture build(const QString& name) {
        Fixture f;
        f.ws = store::Workspace::create(m_tmp.filePath(name)).take();
        store::Workspace& ws = *f.ws;
        ws.annotations().ensureAnnotator("dr.a", "annotator");
        ws.annotations().ensureAnnotator("dr.b", "lead");
        const store::Id ct = addImage(ws, "/data/ct, \"chest\".dcm", "ct");
        const store::Id mri = addImage(ws, "synth:mri|-1|42|noise:mild", "mri");
        f.yesno = addTask(ws, ct, "perception", "yesno", "Is there noise?", {"yes", "no"}, "B");
        f.described = addTask(ws, mri, "description", "description", "Describe the quality of this image.", {},
                              "Mild noise. Overall, the quality of this image is usable.");
        f.flagged = addTask(ws, ct, "description", "description", "Describe.", {}, "truth");
        f.pair = addTask(ws, ct, "perception", "comparison", "Which image is better?", {"first", "second"}, "A", mri);
        f.unanswered = addTask(ws, mri, "description", "description", "", {}, QString());
        f.truthOnly = addTask(ws, mri, "perception", "how", "How severe is the noise?",
                              {"none", "mild", "moderate", "severe"}, "B");
        annotate(ws, f.yesno, "dr.a", "B", "");
        annotate(ws, f.yesno, "dr.b", "yes", "");  // latest, given as option text: exported as "A"
        annotate(ws, f.described, "dr.a", {}, "Noise, \"moderate\",\nstreaks; ünïcode\r\nsecond line",
                 QJsonObject{{"attributes", QJsonObject{{"noise", "moderate"}, {"streaks", "mild"}}},
                             {"flags", QJsonArray{}}});
        annotate(ws, f.flagged, "dr.a", {}, "", QJsonObject{{"flags", QJsonArray{"unreadable", "phi_visible"}}});
        return f;
    }
    static const ConversationRecord* byId(const std::vector<ConversationRecord>& records, store::Id task) {
        for (const auto& r : records)
            if (r.id == QStringLiteral("task-%1").arg(task)) return &r;
        return nullptr;
    }

private slots:
    void csvQuotingFollowsRfc4180_data() {
        QTest::addColumn<QStringList>("fields");
        QTest::addColumn<QString>("line");
        QTest::newRow("plain") << QStringList{"a", "b"} << "a,b\r\n";
        QTest::newRow("comma") << QStringList{"a,b", "c"} << "\"a,b\",c\r\n";
        QTest::newRow("quote") << QStringList{"say \"hi\""} << "\"say \"\"hi\"\"\"\r\n";
        QTest::newRow("newline") << QStringList{"one\ntwo", ""} << "\"one\ntwo\",\r\n";
        QTest::newRow("crlf") << QStringList{"one\r\ntwo"} << "\"one\r\ntwo\"\r\n";
        QTest::newRow("empty fields") << QStringList{"", "", ""} << ",,\r\n";
    }
    void csvQuotingFollowsRfc4180() {
        QFETCH(QStringList, fields);
        QFETCH(QString, line);
        QCOMPARE(Csv::record(fields), line);
        auto parsed = Csv::parse(line + Csv::record({"next"}));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().size(), std::size_t(2));
        QCOMPARE(parsed.value()[0], fields);
        QCOMPARE(parsed.value()[1], QStringList{"next"});
    }

    void csvParserRejectsAnUnterminatedQuote() {
        auto parsed = Csv::parse("a,\"b\r\n", "x.csv");
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().subject, QStringLiteral("x.csv"));
    }

    void imagesThatMayShowIdentityAreNotExported() {
        auto ws = store::Workspace::create(m_tmp.filePath("phi")).take();
        ws->annotations().ensureAnnotator("dr.a", "annotator");
        const store::Id clean = addImage(*ws, "/data/clean.dcm", "ct");
        const store::Id shown = addImage(*ws, "/data/photo.png", "endoscopy");
        store::ImageRecord burned;
        burned.contentHash = burned.path = "/data/burned.dcm";
        burned.modality = "ct";
        burned.width = burned.height = 8;
        burned.metadata = QJsonObject{{"burned_in_annotation", true}};
        const store::Id burnedId = ws->images().insert(burned, {});
        const store::Id kept = addTask(*ws, clean, "perception", "yesno", "Is there noise?", {"yes", "no"}, "A");
        addTask(*ws, burnedId, "perception", "yesno", "Is there noise?", {"yes", "no"}, "A");
        addTask(*ws, clean, "perception", "comparison", "Which image is better?", {"first", "second"}, "A", burnedId);
        const store::Id flagged = addTask(*ws, shown, "perception", "yesno", "Is there blur?", {"yes", "no"}, "B");
        annotate(*ws, flagged, "dr.a", "B", "", QJsonObject{{"flags", QJsonArray{"phi_visible"}}});
        TrainingDataSummary summary;
        const auto records = TrainingDataExport::collect(*ws, {}, &summary);
        QCOMPARE(summary.skippedPhi, 3);
        QCOMPARE(records.size(), std::size_t(1));
        QVERIFY(byId(records, kept));
        for (const auto& r : records) {
            QVERIFY(!r.images.contains("/data/burned.dcm"));
            QVERIFY(!r.images.contains("/data/photo.png"));
        }
    }

    void conversationsUseLatestAnnotationElseGroundTruth() {
        Fixture f = build("conv");
        TrainingDataSummary summary;
        const auto records = TrainingDataExport::collect(*f.ws, {}, &summary);
        QCOMPARE(records.size(), std::size_t(4));
        QCOMPARE(summary.fromAnnotations, 2);
        QCOMPARE(summary.fromGroundTruth, 2);
        QCOMPARE(summary.skippedFlagged, 1);
        QCOMPARE(summary.skippedNoAnswer, 1);
        QVERIFY(!byId(records, f.flagged));
        QVERIFY(!byId(records, f.unanswered));

        const ConversationRecord* yesno = byId(records, f.yesno);
        QVERIFY(yesno);
        QCOMPARE(yesno->images, QStringList{"/data/ct, \"chest\".dcm"});
        QCOMPARE(yesno->modality, QStringLiteral("ct"));
        QCOMPARE(yesno->conversations[0].from, QStringLiteral("human"));
        QCOMPARE(yesno->conversations[0].value,
                 QStringLiteral("<image>\nIs there noise?\nA. yes\nB. no\n"
                                "Answer with the option's letter from the given choices directly."));
        QCOMPARE(yesno->conversations[1].from, QStringLiteral("gpt"));
        QCOMPARE(yesno->conversations[1].value, QStringLiteral("A"));  // dr.b's later "yes", not truth "B"

        const ConversationRecord* pair = byId(records, f.pair);
        QCOMPARE(pair->images, (QStringList{"/data/ct, \"chest\".dcm", "synth:mri|-1|42|noise:mild"}));
        QVERIFY(pair->conversations[0].value.startsWith("<image>\n<image>\nWhich image is better?"));
        QCOMPARE(pair->conversations[1].value, QStringLiteral("A"));
        QCOMPARE(byId(records, f.truthOnly)->conversations[1].value, QStringLiteral("B"));
        QVERIFY(byId(records, f.described)->conversations[1].value.startsWith("Noise, \"moderate\""));
        QCOMPARE(TrainingDataExport::collect(*f.ws, "test").size(), std::size_t(0));
    }

    void jsonlRoundTrips() {
        Fixture f = build("jsonl");
        const auto records = TrainingDataExport::collect(*f.ws);
        const QString path = m_tmp.filePath("train.jsonl");
        QVERIFY(TrainingDataExport::writeJsonl(records, path).ok());
        const QList<QByteArray> lines = test::readFile(path).trimmed().split('\n');
        QCOMPARE(lines.size(), qsizetype(records.size()));  // one line per task: newlines are escaped
        auto back = TrainingDataExport::importJsonl(path);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message()));
        QVERIFY(back.value() == records);
    }

    void csvRoundTrips() {
        Fixture f = build("csv");
        const auto rows = AnnotationCsvExport::collect(*f.ws);
        QCOMPARE(rows.size(), std::size_t(4));
        QCOMPARE(rows[1].annotator, QStringLiteral("dr.b"));
        QCOMPARE(rows[2].attributes.value("noise"), QStringLiteral("moderate"));
        QCOMPARE(rows[3].flags, (QStringList{"unreadable", "phi_visible"}));
        QCOMPARE(rows[2].imageId, f.ws->tasks().get(f.described)->imageId);
        const QString path = m_tmp.filePath("annotations.csv");
        QVERIFY(AnnotationCsvExport::writeCsv(rows, path).ok());
        const QString text = QString::fromUtf8(test::readFile(path));
        QVERIFY(text.startsWith("task_id,image_id,annotator,revision,action,answer,description,quality_level,"
                                "attributes,flags,time_spent_ms,created_at\r\n"));
        QVERIFY(text.contains("\"Noise, \"\"moderate\"\",\nstreaks; ünïcode\r\nsecond line\""));
        QVERIFY(text.contains("noise=moderate;streaks=mild"));
        auto back = AnnotationCsvExport::importCsv(path);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message()));
        QVERIFY(back.value() == rows);
    }

    void importsNameTheBrokenLine() {
        const QString jsonl = m_tmp.filePath("bad.jsonl");
        QVERIFY(test::writeFile(jsonl, "{\"id\":\"t\",\"image\":\"x\",\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},"
                                       "{\"from\":\"gpt\",\"value\":\"a\"}]}\n{broken\n"));
        auto r = TrainingDataExport::importJsonl(jsonl);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().subject, jsonl + ":2");
        const QString csv = m_tmp.filePath("bad.csv");
        QVERIFY(test::writeFile(csv, "a,b\r\n1,2\r\n"));
        QVERIFY(!AnnotationCsvExport::importCsv(csv).ok());
        QVERIFY(test::writeFile(csv, (AnnotationCsvExport::header().join(',') + "\r\nx,1,a,1,full,,,,,,0,t\r\n").toUtf8()));
        auto bad = AnnotationCsvExport::importCsv(csv);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().reason.contains("record 2"));
    }
};

QTEST_GUILESS_MAIN(ExportsTest)
#include "tst_exports.moc"
