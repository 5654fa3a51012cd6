// `medq loop run --world-size 2` with a `medq worker` on 127.0.0.1: the round embeds the
// pool on both processes and fine-tunes data-parallel, and ends as the same round in one
// process does: the same embedding file byte for byte, the fine-tuning's step losses within
// the tolerance of tst_cli_train_dist, the same accept or roll-back decision.
#include "support/CliRunner.h"
#include "support/ProcessLines.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

namespace test = medq::test;

namespace {

constexpr double kLossTolerance = 1e-5;  // relative, each step (tst_cli_train_dist measured 5.5e-8)

const QStringList kRound{"--until", "1", "--budget", "8", "--pool-limit", "60", "--eval-limit", "20", "--validation-limit",
                         "12", "--finetune-steps", "30", "--threads", "1"};

QByteArray contents(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject manifest(const QString& ws, const QString& name) {
    return QJsonDocument::fromJson(contents(ws + "/blobs/checkpoints/" + name + "/manifest.json")).object();
}

std::vector<double> stepLosses(const QString& ws, const QString& name) {
    std::vector<double> out;
    for (const auto& v : manifest(ws, name).value("metrics").toObject().value("training").toObject().value("losses").toArray())
        out.push_back(v.toDouble());
    return out;
}

}  // namespace

class CliLoopDistTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_alone, m_pair;

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_alone = m_tmp.filePath("alone");
        m_pair = m_tmp.filePath("pair");
        QCOMPARE(test::runMedq({"init", m_alone}).code, 0);
        QCOMPARE(test::runMedq({"synth", "bench", m_alone, "--per-modality", "6"}).code, 0);
        // Without measure dropout: with it each rank draws its own masks (docs/scale-out.md),
        // and this test is about the arithmetic.
        const auto base = test::runMedq({"model", "train", m_alone, "--preset", "tiny", "--steps", "20", "--encoder-epochs", "0",
                                         "--measure-dropout", "0", "--threads", "1"});
        QVERIFY2(base.code == 0, qPrintable(base.out + base.err));
        QCOMPARE(test::runMedq({"synth", "pool", m_alone, "--size", "120"}).code, 0);
        QCOMPARE(QProcess::execute("cp", {"-a", m_alone, m_pair}), 0);
        const auto round = test::runMedq(QStringList{"loop", "run", m_alone} + kRound);
        QVERIFY2(round.code == 0, qPrintable(round.out + round.err));
    }

    void aRoundOnTwoProcessesEndsAsOnOne() {
        QProcess lead;
        QString out;
        lead.start(MEDQ_CLI_PATH, QStringList{"loop", "run", m_pair} + kRound +
                                      QStringList{"--world-size", "2", "--master", "127.0.0.1:0", "--timeout", "60",
                                                  "--join-timeout", "60"});
        const QString master = test::waitForMaster(lead, out, 30000);
        QVERIFY2(!master.isEmpty(), qPrintable(out + lead.readAllStandardError()));
        QProcess worker;
        worker.start(MEDQ_CLI_PATH, {"worker", "--master", master, "--rank", "1", "--world-size", "2", "--threads", "1",
                                     "--timeout", "60", "--join-timeout", "120"});
        QVERIFY(lead.waitForFinished(600000));
        out += QString::fromUtf8(lead.readAllStandardOutput());
        QVERIFY2(lead.exitCode() == 0, qPrintable(out + lead.readAllStandardError()));
        QVERIFY2(out.contains("round 1 (engine)"), qPrintable(out));
        QVERIFY(worker.waitForFinished(60000));
        const QString wout = QString::fromUtf8(worker.readAllStandardOutput());
        QVERIFY2(worker.exitCode() == 0, qPrintable(wout + worker.readAllStandardError()));
        QVERIFY2(wout.contains("rank 1 of 2: round 1 fine-tuning done"), qPrintable(wout));
        QVERIFY2(wout.contains("rank 1 of 2: rank 0 ended the run"), qPrintable(wout));

        // The pool's embedding file: the same bytes.
        const QString emb = "/blobs/indexes/pool.emb";
        QVERIFY(!contents(m_alone + emb).isEmpty());
        QVERIFY(contents(m_pair + emb) == contents(m_alone + emb));
        // The round's candidate: the same steps within the tolerance, the same decision.
        const auto lossesAlone = stepLosses(m_alone, "round-1-engine"), lossesPair = stepLosses(m_pair, "round-1-engine");
        QCOMPARE(int(lossesAlone.size()), 30);
        QCOMPARE(lossesPair.size(), lossesAlone.size());
        double worst = 0;
        for (std::size_t i = 0; i < lossesAlone.size(); ++i)
            worst = std::max(worst, std::abs(lossesPair[i] - lossesAlone[i]) / lossesAlone[i]);
        qInfo("fine-tuning step losses, 2 processes against 1: at most %.2e apart (relative)", worst);
        QVERIFY(worst <= kLossTolerance);
        // The rest of the round (evaluation, retrieval, routing, annotation, the gate, the
        // candidate's decision, the new score) as `medq loop status` shows it: the same.
        const QString alone = test::runMedq({"loop", "status", m_alone}).out, pair = test::runMedq({"loop", "status", m_pair}).out;
        QVERIFY2(alone.contains("round-1-engine"), qPrintable(alone));
        QCOMPARE(pair, alone);
        QVERIFY(!QDir(m_pair + "/blobs/dist").exists() || QDir(m_pair + "/blobs/dist").isEmpty());
    }
};

QTEST_GUILESS_MAIN(CliLoopDistTest)
#include "tst_cli_loop_dist.moc"
