// The JSONL export's images: every referenced path exists beside the JSONL and opens as a
// PNG of the image's size, one file per image however often it is referenced, synthetic items
// rendered and imported DICOM written as pixels only; the JSONL still reads back.
#include "dataset/SynthItemWriter.h"
#include "export/TrainingDataExport.h"
#include "export/TrainingImageWriter.h"
#include "store/SqliteConnection.h"
#include "store/Workspace.h"
#include "support/SampleFiles.h"

#include <QDir>
#include <QImageReader>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::exports;

class TrainingImagesTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    struct Fixture {
        std::unique_ptr<store::Workspace> ws;
        store::Id first = 0, second = 0, ct = 0, missing = 0;
    };

    static store::Id addFileImage(store::Workspace& ws, const QString& path, int side) {
        store::ImageRecord r;
        r.contentHash = path;
        r.path = path;
        r.modality = QStringLiteral("ct");
        r.width = r.height = side;
        return ws.images().insert(r, {});
    }
    static void addTask(store::Workspace& ws, store::Id image, const QString& answer) {
        store::TaskRecord t;
        t.imageId = image;
        t.kind = TaskKind::Description;
        t.questionType = QuestionType::Description;
        t.question = QStringLiteral("Describe the quality of this image.");
        t.answer = answer;
        t.split = QStringLiteral("train");
        ws.tasks().insert(t);
    }

    Fixture build(const QString& name) {
        Fixture f;
        f.ws = store::Workspace::create(m_tmp.filePath(name)).take();
        store::Workspace& ws = *f.ws;
        dataset::SynthItemWriter writer(ws);
        store::Transaction tx(ws.db());
        std::pair<store::Id, synth::GroundTruth> items[2];
        for (int i = 0; i < 2; ++i) {
            dataset::SynthRecipe recipe;
            recipe.modality = Modality::MRI;
            recipe.seed = 40 + std::uint64_t(i);
            recipe.attributes = {{QStringLiteral("noise"), Severity::Mild}};
            auto written = writer.write(recipe, QStringLiteral("train"), QStringLiteral("test"));
            if (!written) qFatal("%s", qPrintable(written.error().message()));
            items[i] = {written.value().imageId, written.value().truth};
        }
        writer.writePair(items[0], items[1], 7, QStringLiteral("train"));  // both images referenced again
        f.first = items[0].first;
        f.second = items[1].first;
        f.ct = addFileImage(ws, test::pydicom("CT_small.dcm"), 128);
        addTask(ws, f.ct, QStringLiteral("Sharp."));
        f.missing = addFileImage(ws, m_tmp.filePath("gone.dcm"), 64);
        addTask(ws, f.missing, QStringLiteral("Never seen."));
        tx.commit();
        return f;
    }

private slots:
    void everyReferencedImageIsAPngBesideTheJsonl() {
        Fixture f = build("ws");
        QVERIFY(QDir().mkpath(m_tmp.filePath("out")));
        const QString jsonl = m_tmp.filePath("out/train.jsonl");
        TrainingImageSummary summary;
        auto written = TrainingImageWriter(*f.ws, jsonl).write(TrainingDataExport::collect(*f.ws), &summary);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message()));
        QVERIFY(TrainingDataExport::writeJsonl(written.value(), jsonl).ok());

        QCOMPARE(summary.written, 3);  // two synthetic items and the CT, each once
        QVERIFY(summary.referencedAgain > 0);
        QVERIFY(summary.skippedUnreadable >= 1);
        QCOMPARE(summary.reasons.size(), 1);
        QVERIFY2(summary.reasons.front().contains("gone.dcm"), qPrintable(summary.reasons.front()));

        auto back = TrainingDataExport::importJsonl(jsonl);
        QVERIFY(back.ok());
        QCOMPARE(back.value().size(), written.value().size());
        const QDir base = QFileInfo(jsonl).dir();
        QSet<QString> files;
        bool sawPair = false;
        for (const ConversationRecord& r : back.value()) {
            sawPair = sawPair || r.images.size() == 2;
            for (const QString& path : r.images) {
                QVERIFY2(path.startsWith("images/") && path.endsWith(".png"), qPrintable(path));
                QVERIFY2(QFileInfo(path).isRelative(), qPrintable(path));
                QImageReader reader(base.filePath(path));
                QCOMPARE(reader.format(), QByteArray("png"));
                const QImage image = reader.read();
                QVERIFY2(!image.isNull(), qPrintable(path));
                files.insert(path);
            }
        }
        QVERIFY(sawPair);
        QCOMPARE(files.size(), 3);
        QCOMPARE(QDir(base.filePath("images")).entryList(QDir::Files).size(), 3);
        for (store::Id id : {f.first, f.second, f.ct}) {
            const auto record = f.ws->images().get(id);
            const QImage png(base.filePath(QStringLiteral("images/%1.png").arg(id, 6, 10, QLatin1Char('0'))));
            QCOMPARE(png.size(), QSize(record->width, record->height));
        }
        // The DICOM file is never copied: nothing but PNG in the folder.
        for (const QString& name : QDir(base.filePath("images")).entryList(QDir::Files))
            QVERIFY(!test::readFile(base.filePath("images/" + name)).contains("DICM"));
    }

    void aJsonlInAMissingFolderIsAnError() {
        Fixture f = build("nofolder");
        auto written = TrainingImageWriter(*f.ws, m_tmp.filePath("no/such/train.jsonl")).write(TrainingDataExport::collect(*f.ws));
        QVERIFY(!written.ok());
        QVERIFY(written.error().subject.contains("no/such"));
    }
};

QTEST_GUILESS_MAIN(TrainingImagesTest)
#include "tst_training_images.moc"
