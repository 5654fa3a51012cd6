// `medq assess` as an imaging pipeline runs it: JSON Lines on standard output or a file, CSV,
// the HTML summary next to the JSON Lines, named errors, and the documented exit codes of the
// --fail-at gate, checked against what the JSON Lines say.
#include "support/CliRunner.h"
#include "support/SampleFiles.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace test = medq::test;

namespace {

struct Lines {
    QStringList levels;  // of the assessed files
    QMap<QString, QString> errors;  // path -> reason (files that could not be assessed)
    QStringList strays;             // files inside folders that are not images
};

Lines parse(const QByteArray& jsonl) {
    Lines out;
    for (const QByteArray& line : jsonl.split('\n')) {
        if (line.trimmed().isEmpty()) continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.contains("error")) {
            if (o["notAnImage"].toBool()) out.strays << o["path"].toString();
            else out.errors.insert(o["path"].toString(), o["error"].toString());
        } else {
            out.levels << o["level"].toString();
        }
    }
    return out;
}

// The exit code the help text documents for these lines and this --fail-at level.
int expectedExit(const Lines& lines, const QString& failAt) {
    if (lines.levels.isEmpty()) return 1;
    const QStringList failing = failAt == "usable" ? QStringList{"usable", "reject"} : QStringList{"reject"};
    for (const QString& level : lines.levels)
        if (failing.contains(level)) return 3;
    return lines.errors.isEmpty() ? 0 : 4;
}

}  // namespace

class CliAssessTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_ws;

    static test::CliRun medq(const QStringList& args) { return test::runMedq(args); }

private slots:
    void initTestCase() {
        m_ws = m_tmp.filePath("ws");
        QCOMPARE(medq({"init", m_ws}).code, 0);
        // A workspace without a model says so before it looks at any file.
        auto noModel = medq({"assess", m_ws, test::pydicom("CT_small.dcm")});
        QCOMPARE(noModel.code, 1);
        QVERIFY2(noModel.err.contains("no model yet"), qPrintable(noModel.err));
        QCOMPARE(medq({"synth", "bench", m_ws, "--per-modality", "8"}).code, 0);
        auto train = medq({"model", "train", m_ws, "--preset", "tiny", "--steps", "40", "--encoder-epochs", "1"});
        QVERIFY2(train.code == 0, qPrintable(train.err));
        // Without options on the inputs, `model train` trains the default recipe's network
        // (learn::TrainRecipe): what a user assesses with below.
        const QJsonObject manifest = QJsonDocument::fromJson(test::readFile(m_ws + "/blobs/checkpoints/base-1/manifest.json")).object();
        const QJsonObject config = manifest.value("config").toObject();
        QCOMPARE(config.value("sourceMeasures").toBool(), true);
        QCOMPARE(config.value("measureRoute").toString(), QString("only"));
        QCOMPARE(config.value("measureDropout").toDouble(), 0.2);  // TrainRecipe::kMeasureDropout
        const QJsonObject trainConfig = manifest.value("metrics").toObject().value("trainConfig").toObject();
        QVERIFY2(trainConfig.contains("attributeOtherModalityWeight"), qPrintable(QJsonDocument(trainConfig).toJson()));
        QCOMPARE(trainConfig.value("attributeOtherModalityWeight").toDouble(), 0.0);  // TrainRecipe::kOtherModalityWeight
        QCOMPARE(trainConfig.value("attributeWeight").toDouble(), 3.0);              // TrainRecipe::kAttributeWeight
    }

    void gateExitCodesFollowTheLevels() {
        const QString dir = m_tmp.filePath("scans");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(test::pydicom("CT_small.dcm"), dir + "/CT_small.dcm"));
        QVERIFY(QFile::copy(test::pydicom("MR_small.dcm"), dir + "/MR_small.dcm"));
        QVERIFY(QFile::copy(test::skimage("retina.jpg"), dir + "/retina.jpg"));
        QVERIFY(test::writeFile(dir + "/notes.txt", "not an image\n"));  // a stray: skipped, never fails the gate
        QSet<int> seen;
        for (const QString failAt : {"usable", "reject"}) {
            const QString jsonl = m_tmp.filePath("out-" + failAt + "/result.jsonl");
            auto r = medq({"assess", m_ws, dir, "--no-description", "--fail-at", failAt, "--jsonl", jsonl, "--csv",
                           m_tmp.filePath("out-" + failAt + "/result.csv")});
            const Lines lines = parse(test::readFile(jsonl));
            QCOMPARE(lines.levels.size(), 3);
            QCOMPARE(lines.strays, QStringList{dir + "/notes.txt"});
            QVERIFY2(r.err.contains("skipped: " + dir + "/notes.txt"), qPrintable(r.err));
            QCOMPARE(r.code, expectedExit(lines, failAt));
            seen.insert(r.code);
            if (r.code == 3) QVERIFY2(r.err.contains("gate: "), qPrintable(r.err));
            // The summary lies next to the JSON Lines and names every image.
            const QString html = QString::fromUtf8(test::readFile(m_tmp.filePath("out-" + failAt + "/result.html")));
            for (const char* name : {"CT_small.dcm", "MR_small.dcm", "retina.jpg"}) QVERIFY2(html.contains(name), name);
            const QList<QByteArray> csv = test::readFile(m_tmp.filePath("out-" + failAt + "/result.csv")).split('\n');
            QVERIFY(csv.front().startsWith("path,modality,level,score"));
            QCOMPARE(csv.size(), 1 + 4 + 1);  // header, 3 images and the stray, trailing newline
        }
        // Without --fail-at every image passes; the same files, streamed to standard output.
        auto plain = medq({"assess", m_ws, dir, "--no-description"});
        QCOMPARE(plain.code, 0);
        QCOMPARE(parse(plain.out.toUtf8()).levels.size(), 3);
        QVERIFY2(!seen.contains(4) && !seen.contains(1), "every file of the folder was assessed");
    }

    void unreadableFilesAreNamedAndCount() {
        const QString cut = m_tmp.filePath("cut/CT_cut.dcm");
        QVERIFY(QDir().mkpath(m_tmp.filePath("cut")));
        QVERIFY(test::writeFile(cut, test::readFile(test::pydicom("CT_small.dcm")).left(1500)));
        const QString missing = m_tmp.filePath("cut/missing.dcm");
        auto r = medq({"assess", m_ws, test::pydicom("CT_small.dcm"), cut, missing, "--no-description", "--fail-at",
                       "reject"});
        const Lines lines = parse(r.out.toUtf8());
        QCOMPARE(lines.levels.size(), 1);
        QVERIFY(lines.errors.contains(cut) && !lines.errors[cut].isEmpty());
        QCOMPARE(lines.errors.value(missing), QString("no such file"));
        QVERIFY2(r.err.contains("error: " + cut), qPrintable(r.err));
        QCOMPARE(r.code, expectedExit(lines, "reject"));
        QVERIFY(r.code == 3 || r.code == 4);  // never 0: two files could not be assessed
    }

    void aFolderOfNonImagesIsAnError() {
        const QString dir = m_tmp.filePath("docs");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(test::writeFile(dir + "/README", "text"));
        QVERIFY(test::writeFile(dir + "/table.csv", "a,b\n1,2\n"));
        auto r = medq({"assess", m_ws, dir, "--fail-at", "usable"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("no image found in " + dir), qPrintable(r.err));
        QVERIFY2(r.err.contains("skipped: " + dir + "/README: not an image"), qPrintable(r.err));
    }

    void usageErrorsExitWithOne() {
        QCOMPARE(medq({"assess", m_ws}).code, 1);
        QCOMPARE(medq({"assess", m_ws, test::pydicom("CT_small.dcm"), "--fail-at", "good"}).code, 1);
        QCOMPARE(medq({"assess", m_ws, test::pydicom("CT_small.dcm"), "-m", "xray"}).code, 1);
        auto notCheckpoint = medq({"assess", "--checkpoint", m_tmp.path(), test::pydicom("CT_small.dcm")});
        QCOMPARE(notCheckpoint.code, 1);
        QVERIFY(notCheckpoint.err.contains("not a checkpoint folder"));
        auto help = medq({"assess", "--help"});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("Exit codes"));
    }
};

QTEST_GUILESS_MAIN(CliAssessTest)
#include "tst_cli_assess.moc"
