// `medq pool embed` with a worker on a pool of registered files, one of them deleted before
// embedding: the distributed run leaves it out and marks it vanished, as one process does,
// and both make the same embedding file.
#include "support/CliRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace test = medq::test;

namespace {

QByteArray contents(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class CliPoolEmbedFilesTest : public QObject {
    Q_OBJECT

private slots:
    void aVanishedFileIsLeftOutAsByOneProcess() {
        QTemporaryDir tmp;
        const QString alone = tmp.filePath("alone");
        QCOMPARE(test::runMedq({"init", alone}).code, 0);
        QCOMPARE(test::runMedq({"synth", "bench", alone, "--per-modality", "4"}).code, 0);
        QCOMPARE(test::runMedq({"synth", "pool", alone, "--size", "60"}).code, 0);
        QDir().mkpath(tmp.filePath("site"));
        for (int i = 0; i < 8; ++i) {
            QImage image(96, 80, QImage::Format_RGB32);
            image.fill(QColor(40 + 20 * i, 90, 200 - 15 * i));
            QVERIFY(image.save(tmp.filePath(QString("site/photo%1.png").arg(i))));
        }
        const auto added = test::runMedq({"pool", "add", alone, tmp.filePath("site"), "-m", "fundus"});
        QVERIFY2(added.code == 0, qPrintable(added.out + added.err));
        const auto trained = test::runMedq({"model", "train", alone, "--preset", "tiny", "--steps", "1", "--encoder-epochs",
                                            "0", "--threads", "1"});
        QVERIFY2(trained.code == 0, qPrintable(trained.out + trained.err));
        const QString spread = tmp.filePath("spread");
        QCOMPARE(QProcess::execute("cp", {"-r", alone, spread}), 0);
        QVERIFY(QFile::remove(tmp.filePath("site/photo3.png")));  // both workspaces registered it

        const auto single = test::runMedq({"pool", "embed", alone, "--threads", "1"});
        QVERIFY2(single.code == 0, qPrintable(single.out + single.err));
        QVERIFY2(single.out.contains("embedded 67 new pool items"), qPrintable(single.out));

        QProcess lead;
        lead.start(MEDQ_CLI_PATH, {"pool", "embed", spread, "--world-size", "2", "--master", "127.0.0.1:0", "--threads", "1",
                                   "--chunk", "32", "--timeout", "30", "--join-timeout", "30"});
        QString out;
        QString master;
        QElapsedTimer clock;
        clock.start();
        while (master.isEmpty() && clock.elapsed() < 30000 && lead.state() != QProcess::NotRunning) {
            lead.waitForReadyRead(200);
            out += QString::fromUtf8(lead.readAllStandardOutput());
            const int at = out.indexOf("listening on ");
            if (at >= 0) master = out.mid(at + 13).section(';', 0, 0);
        }
        QVERIFY2(!master.isEmpty(), qPrintable(out));
        QProcess worker;
        worker.start(MEDQ_CLI_PATH, {"worker", "--master", master, "--rank", "1", "--world-size", "2", "--threads", "1"});
        QVERIFY(lead.waitForFinished(60000));
        out += QString::fromUtf8(lead.readAllStandardOutput());
        QVERIFY2(lead.exitCode() == 0, qPrintable(out + lead.readAllStandardError()));
        QVERIFY(worker.waitForFinished(30000));
        QCOMPARE(worker.exitCode(), 0);
        QVERIFY2(out.contains("68 pool items to embed in 2 chunks of 64"), qPrintable(out));  // 32 rounds up to 64
        QVERIFY2(out.contains("embedded 67 new pool items") && out.contains("1 pool files left out"), qPrintable(out));
        QVERIFY(contents(spread + "/blobs/indexes/pool.emb") == contents(alone + "/blobs/indexes/pool.emb"));
        // Marked vanished in the pool, as the single process marked it in its copy.
        const auto status = test::runMedq({"pool", "status", spread});
        QVERIFY2(status.out.contains(QRegularExpression("fundus\\s+\\d+\\s+7\\s+1\\s")), qPrintable(status.out));
        QCOMPARE(status.out, test::runMedq({"pool", "status", alone}).out);
    }
};

QTEST_GUILESS_MAIN(CliPoolEmbedFilesTest)
#include "tst_cli_pool_embed_files.moc"
