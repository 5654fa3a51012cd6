// The `medq` executable as a user runs it: subcommands, help, exit codes, output.
#include "store/Workspace.h"
#include "support/CliRunner.h"
#include "support/SampleFiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace test = medq::test;

class CliTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    using Run = test::CliRun;
    static Run medq(const QStringList& args) { return test::runMedq(args); }

private slots:
    void helpAndUsageErrors() {
        auto help = medq({"--help"});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("import WORKSPACE"));
        for (const char* cmd : {"init", "import", "info", "demo"}) {
            auto r = medq({cmd, "--help"});
            QCOMPARE(r.code, 0);
            QVERIFY2(r.out.contains("Usage"), cmd);
        }
        QCOMPARE(medq({"frobnicate"}).code, 1);
        QCOMPARE(medq({}).code, 1);
        QCOMPARE(medq({"import", "--modality"}).code, 1);
    }

    void initImportInfo() {
        const QString ws = m_tmp.filePath("ws");
        auto init = medq({"init", ws});
        QCOMPARE(init.code, 0);
        QCOMPARE(medq({"init", ws}).code, 1);  // already exists
        auto imp = medq({"import", ws, test::pydicom("CT_small.dcm"), test::skimage("ihc.png"),
                         test::nibabel("anatomical.nii"), "--annotator", "dr.who"});
        QCOMPARE(imp.code, 0);
        QVERIFY(imp.out.contains("imported 3"));
        auto forced = medq({"import", ws, "-m", "endoscopy", test::skimage("coffee.png")});
        QCOMPARE(forced.code, 0);
        auto info = medq({"info", ws});
        QCOMPARE(info.code, 0);
        QVERIFY(info.out.contains(QRegularExpression("CT\\s+1")));
        QVERIFY(info.out.contains(QRegularExpression("Histopathology\\s+1")));
        QVERIFY(info.out.contains(QRegularExpression("Endoscopy\\s+1")));
        QVERIFY(info.out.contains(QRegularExpression("images\\s+4")));
        QVERIFY(QFileInfo(ws + "/logs/medq.log").isFile());
    }

    void syntheticBasesAreListedAndDrawn() {
        auto listed = medq({"synth", "bases", "--json"});
        QCOMPARE(listed.code, 0);
        const QJsonObject json = QJsonDocument::fromJson(listed.out.toUtf8()).object();
        const QJsonObject mri = json.value("modalities").toObject().value("mri").toObject();
        QVERIFY2(mri.value("installed").toInt() >= 2, qPrintable(listed.out.left(400)));
        QVERIFY(mri.value("test").toInt() >= 1 && mri.value("sources").toInt() >= mri.value("installed").toInt());
        bool ctSmall = false;
        for (const auto& b : json.value("bases").toArray())
            ctSmall |= b.toObject().value("source").toString() == "pydicom:CT_small.dcm" && b.toObject().value("split").toString() == "test";
        QVERIFY(ctSmall);
        const QString sheet = m_tmp.filePath("bases.png");
        auto drawn = medq({"synth", "bases", "--sheet", sheet});
        QCOMPARE(drawn.code, 0);
        QVERIFY(drawn.out.contains("distinct sources per modality"));
        QVERIFY(test::readFile(sheet).startsWith("\x89PNG") && QFileInfo(sheet).size() > 20000);
    }

    void userErrorsExitWithOne() {
        const QString ws = m_tmp.filePath("ws2");
        QCOMPARE(medq({"import", ws, test::pydicom("CT_small.dcm")}).code, 1);  // no workspace yet
        QCOMPARE(medq({"init", ws}).code, 0);
        auto bad = medq({"import", ws, test::pydicom("MR_truncated.dcm")});
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.err.contains("MR_truncated.dcm"));
        QCOMPARE(medq({"import", ws, "-m", "xray", test::pydicom("CT_small.dcm")}).code, 1);
        QCOMPARE(medq({"info", m_tmp.filePath("nothing-here")}).code, 1);
        // Measure dropout is a probability, and only for a network that reads measures.
        const auto noMeasures = medq({"model", "train", ws, "--from-scratch", "--no-source-measures", "--measure-dropout", "0.2"});
        QCOMPARE(noMeasures.code, 1);
        QVERIFY2(noMeasures.err.contains("--measure-dropout needs a network that reads the measures"), qPrintable(noMeasures.err));
        const auto fineTuned = medq({"model", "train", ws, "--from", "base-1", "--measure-route", "head"});
        QCOMPARE(fineTuned.code, 1);
        QVERIFY2(fineTuned.err.contains("--measure-route needs a network that reads the measures"), qPrintable(fineTuned.err));
        const auto notAProbability = medq({"model", "train", ws, "--from-scratch", "--measure-dropout", "1.5"});
        QCOMPARE(notAProbability.code, 1);
        QVERIFY2(notAProbability.err.contains("'1.5' is not a probability below 1"), qPrintable(notAProbability.err));
        // The head's weights are numbers in their ranges, named in the error.
        const auto otherWeight = medq({"model", "train", ws, "--from-scratch", "--other-modality-weight", "2"});
        QCOMPARE(otherWeight.code, 1);
        QVERIFY2(otherWeight.err.contains("--other-modality-weight: '2' is not a weight from 0 to 1"), qPrintable(otherWeight.err));
        const auto attributeWeight = medq({"model", "train", ws, "--from-scratch", "--attribute-weight", "heavy"});
        QCOMPARE(attributeWeight.code, 1);
        QVERIFY2(attributeWeight.err.contains("--attribute-weight: 'heavy' is not a weight from 0 to 100"), qPrintable(attributeWeight.err));
        const auto average = medq({"model", "train", ws, "--from-scratch", "--weight-average", "1"});
        QCOMPARE(average.code, 1);
        QVERIFY2(average.err.contains("--weight-average: '1' is not a decay from 0 to 0.9999"), qPrintable(average.err));
        const auto stopOn = medq({"model", "train", ws, "--from-scratch", "--stop-on", "rubric"});
        QCOMPARE(stopOn.code, 1);
        QVERIFY2(stopOn.err.contains("--stop-on: 'rubric' is not one of loss, accuracy"), qPrintable(stopOn.err));
    }

    void demoBuildsWorkspaceFromSamples() {
        const QString ws = m_tmp.filePath("demo");
        auto r = medq({"demo", ws});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QRegularExpression("MRI\\s+[1-9]")));
        QVERIFY(r.out.contains(QRegularExpression("Fundus photography\\s+[1-9]")));
        // The base model's drafts are words: the summary scores them, and few are no draft at
        // all (a row of periods, one word repeated, no end; DegenerateDraft).
        const auto base = QRegularExpression("base model \\S+ on the test split: rubric ([0-9.]+) of 8, accuracy "
                                             "[0-9.]+%, ([0-9.]+)% of its descriptions no draft")
                              .match(r.out);
        QVERIFY2(base.hasMatch(), qPrintable(r.out));
        QVERIFY2(base.captured(2).toDouble() <= 20.0, qPrintable(base.captured(0)));
        // The loop turned once: a round waits for the user with routed items.
        auto status = medq({"loop", "status", ws});
        QCOMPARE(status.code, 0);
        QVERIFY2(status.out.contains(QRegularExpression("\\s1 engine\\s+running")), qPrintable(status.out));
        QVERIFY2(status.out.contains(QRegularExpression("[1-9][0-9]* queue items wait for a person")), qPrintable(status.out));
        QVERIFY(!status.out.contains("machine seconds"));
        // --times: where the round's time went, step by step, up to the annotation it waits for.
        const auto times = medq({"loop", "status", ws, "--times"});
        QVERIFY2(times.out.contains(QRegularExpression("machine seconds: evaluate [0-9.]+, prototypes [0-9.]+, index [0-9.]+, "
                                                       "retrieve [0-9.]+, route [0-9.]+ \\([0-9.]+ in all\\)")),
                 qPrintable(times.out));
        // The report: a page with the round, its failure prototypes with medoid thumbnails and
        // both charts as PNG.
        const QString html = m_tmp.filePath("report.html");
        auto report = medq({"loop", "report", ws, "--out", html});
        QVERIFY2(report.code == 0, qPrintable(report.err));
        QFile page(html);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(page.readAll());
        QVERIFY(text.contains(QRegularExpression("<h2>Round 1: failure prototypes \\([1-9][0-9]*\\)</h2>")));
        QVERIFY(text.contains("<img src=\"report_files/proto-"));
        const QDir files(m_tmp.filePath("report_files"));
        QVERIFY(!files.entryList({"proto-*.png"}).isEmpty());
        for (const char* chart : {"scores.png", "cost.png"}) {
            QFile png(files.filePath(chart));
            QVERIFY2(png.open(QIODevice::ReadOnly) && png.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8), chart);
        }
        {
            // The real samples in the review queue carry the base model's draft, as round items do.
            auto opened = medq::store::Workspace::open(ws);
            QVERIFY(opened.ok());
            int sampleTasks = 0, drafted = 0;
            for (const auto& image : opened.value()->images().list(0, 10000)) {
                if (image.source != "import") continue;
                for (const auto& task : opened.value()->tasks().forImage(image.id)) {
                    ++sampleTasks;
                    drafted += opened.value()->outputs().latestForTask(task.id).has_value();
                }
            }
            QVERIFY(sampleTasks > 0);
            QCOMPARE(drafted, sampleTasks);
        }
        auto again = medq({"demo", ws});  // idempotent: everything is a duplicate now
        QCOMPARE(again.code, 0);
        QVERIFY(again.out.contains("imported 0"));
        QCOMPARE(medq({"demo", m_tmp.filePath("samples"), "--samples-only"}).code, 0);
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
