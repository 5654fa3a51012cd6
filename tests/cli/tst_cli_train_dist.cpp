// `medq model train --world-size N` with `medq worker`s on 127.0.0.1 (data-parallel
// fine-tuning, docs/scale-out.md): 2 and 3 processes reach the weights one process
// reaches for the same global batches and seed, within a stated tolerance (the order of
// float sums differs); a worker killed mid-run fails rank 0 with a message naming it and
// leaves no checkpoint, and the same command then resumes from rank 0's resume state.
#include "support/CliRunner.h"
#include "support/ProcessLines.h"

#include "model/QualityModel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <signal.h>
#include <cmath>
#include <memory>
#include <random>

namespace test = medq::test;
using medq::model::QualityModel;

namespace {

// Tolerances of a data-parallel run against one process: each step's loss, relative, and
// the answer probabilities of the trained models, absolute. Measured: at most 5e-8 for both
// with 2 and 3 processes; the 6 steps themselves move the probabilities by about 8e-3, so a
// rank training on the wrong share or a gradient not summed shows far above these.
constexpr double kLossTolerance = 1e-5;
constexpr double kProbabilityTolerance = 1e-5;

// Fine-tuning `base` for a few steps of 12 examples, one thread per process.
QStringList fineTune(const QString& ws, const QString& name, const QString& steps = "6") {
    return {"model", "train", ws, "--from", "base", "--steps", steps, "--batch-size", "12", "--seed", "5",
            "--name", name, "--threads", "1"};
}

// From scratch: a new tokenizer and network, the encoder pretrained for 2 epochs first.
// Without measure dropout: with it each rank draws its own masks (docs/scale-out.md).
QStringList trainFromScratch(const QString& ws, const QString& name) {
    return {"model", "train", ws, "--preset", "tiny", "--encoder-epochs", "2", "--steps", "6", "--batch-size", "12",
            "--measure-dropout", "0", "--seed", "5", "--name", name, "--threads", "1"};
}

QJsonObject manifest(const QString& ws, const QString& name) {
    QFile f(ws + "/blobs/checkpoints/" + name + "/manifest.json");
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

std::vector<double> stepLosses(const QString& ws, const QString& name) {
    std::vector<double> out;
    const QJsonObject training = manifest(ws, name).value("metrics").toObject().value("training").toObject();
    for (const auto& v : training.value("losses").toArray()) out.push_back(v.toDouble());
    return out;
}

// The answers of a checkpoint to fixed random images: what the weights do.
std::vector<double> probabilities(const QString& ws, const QString& name) {
    auto model = QualityModel::load(ws + "/blobs/checkpoints/" + name);
    if (!model) return {};
    std::mt19937 random(11);
    std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
    std::vector<medq::model::PerceptionQuery> queries;
    for (int i = 0; i < 4; ++i) {
        medq::model::PerceptionQuery q;
        std::vector<float>& pixels = q.image.first.edit();
        pixels.resize(std::size_t(model.value().config().imageFloats()));
        for (float& v : pixels) v = pixel(random);
        q.question = QStringLiteral("Is there noise in this image?");
        q.options = QStringList{"Yes", "No"};
        queries.push_back(q);
    }
    std::vector<double> out;
    if (auto answers = model.value().answer(queries))
        for (const auto& a : answers.value()) out.insert(out.end(), a.probabilities.begin(), a.probabilities.end());
    return out;
}

double largestDifference(const std::vector<double>& a, const std::vector<double>& b, bool relative) {
    if (a.size() != b.size() || a.empty()) return INFINITY;
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double d = std::abs(a[i] - b[i]) / (relative ? std::max(1e-12, std::abs(a[i])) : 1.0);
        worst = std::max(worst, d);
    }
    return worst;
}

}  // namespace

class CliTrainDistTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_ws;

    // Starts rank 0 of `worldSize` on port 0; returns the address it printed (empty on failure).
    QString startLead(QProcess& lead, QString& out, const QString& name, int worldSize, const QString& steps = "6",
                      bool fromScratch = false) {
        lead.start(MEDQ_CLI_PATH, (fromScratch ? trainFromScratch(m_ws, name) : fineTune(m_ws, name, steps)) +
                                      QStringList{"--world-size", QString::number(worldSize), "--master", "127.0.0.1:0",
                                                  "--timeout", "30", "--join-timeout", "60"});
        return test::waitForMaster(lead, out, 30000);
    }
    std::unique_ptr<QProcess> startWorker(const QString& master, int rank, int worldSize) {
        auto p = std::make_unique<QProcess>();
        p->start(MEDQ_CLI_PATH, QStringList{"worker", "--master", master, "--rank", QString::number(rank), "--world-size",
                                            QString::number(worldSize), "--threads", "1", "--timeout", "30",
                                            "--join-timeout", "60"});
        return p;
    }
    // Trains `name` on `worldSize` processes; checks that every one of them ended well.
    void trainOnGroup(const QString& name, int worldSize, bool fromScratch = false) {
        QProcess lead;
        QString out;
        const QString master = startLead(lead, out, name, worldSize, "6", fromScratch);
        QVERIFY2(master.startsWith("127.0.0.1:"), qPrintable(out + lead.readAllStandardError()));
        std::vector<std::unique_ptr<QProcess>> workers;
        for (int rank = 1; rank < worldSize; ++rank) workers.push_back(startWorker(master, rank, worldSize));
        QVERIFY(lead.waitForFinished(240000));
        out += QString::fromUtf8(lead.readAllStandardOutput());
        QVERIFY2(lead.exitCode() == 0, qPrintable(out + lead.readAllStandardError()));
        QVERIFY2(out.contains(QString("all %1 ranks joined").arg(worldSize)), qPrintable(out));
        QVERIFY2(out.contains(QString("checkpoint %1: 6 steps").arg(name)), qPrintable(out));
        for (int rank = 1; rank < worldSize; ++rank) {
            QProcess& w = *workers[std::size_t(rank - 1)];
            QVERIFY(w.waitForFinished(30000));
            const QString wout = QString::fromUtf8(w.readAllStandardOutput());
            QVERIFY2(w.exitCode() == 0, qPrintable(wout + w.readAllStandardError()));
            QVERIFY2(wout.contains(QString("rank %1 of %2: training done").arg(rank).arg(worldSize)), qPrintable(wout));
            QVERIFY2(wout.contains(QString("rank %1 of %2: rank 0 ended the run").arg(rank).arg(worldSize)), qPrintable(wout));
        }
        // Rank 0 alone wrote: one checkpoint, the starting weights it lent the workers gone.
        QVERIFY(!manifest(m_ws, name).isEmpty());
        QVERIFY(!QDir(m_ws + "/blobs/dist/train-" + name).exists());
    }
    void compareWithOneProcess(const QString& name, const QString& single = "single") {
        const double losses = largestDifference(stepLosses(m_ws, single), stepLosses(m_ws, name), true);
        const double answers = largestDifference(probabilities(m_ws, single), probabilities(m_ws, name), false);
        qInfo("%s against one process: step losses differ by at most %.2e (relative), answer probabilities by %.2e",
              qPrintable(name), losses, answers);
        QVERIFY2(losses <= kLossTolerance, qPrintable(QString::number(losses)));
        QVERIFY2(answers <= kProbabilityTolerance, qPrintable(QString::number(answers)));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_ws = m_tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", m_ws}).code, 0);
        QCOMPARE(test::runMedq({"synth", "bench", m_ws, "--per-modality", "4"}).code, 0);
        const auto base = test::runMedq({"model", "train", m_ws, "--preset", "tiny", "--steps", "2", "--encoder-epochs", "0", "--measure-dropout", "0",
                                         "--threads", "1", "--name", "base"});
        QVERIFY2(base.code == 0, qPrintable(base.out + base.err));
        // The reference: one process (world size 1, the path every run took before).
        const auto single = test::runMedq(fineTune(m_ws, "single"));
        QVERIFY2(single.code == 0, qPrintable(single.out + single.err));
        QCOMPARE(int(stepLosses(m_ws, "single").size()), 6);
        // The same run again is the same to the bit: the tolerance below is the group's alone.
        QVERIFY(test::runMedq(fineTune(m_ws, "single-again")).code == 0);
        QCOMPARE(stepLosses(m_ws, "single-again"), stepLosses(m_ws, "single"));
    }

    void twoProcessesTrainAsOne() {
        trainOnGroup("pair", 2);
        compareWithOneProcess("pair");
        // Not trivially equal: fine-tuning moved the weights away from the base's.
        const double moved = largestDifference(probabilities(m_ws, "base"), probabilities(m_ws, "pair"), false);
        qInfo("fine-tuning moved the answer probabilities by %.2e", moved);
        QVERIFY(moved > 100 * kProbabilityTolerance);
    }

    void threeProcessesTrainAsOne() {
        trainOnGroup("three", 3);
        compareWithOneProcess("three");
    }

    // The encoder's pretraining runs data-parallel too, with the flips one process draws.
    void fromScratchWithPretrainingTrainsAsOne() {
        const auto single = test::runMedq(trainFromScratch(m_ws, "scratch-single"));
        QVERIFY2(single.code == 0, qPrintable(single.out + single.err));
        trainOnGroup("scratch-pair", 2, true);
        compareWithOneProcess("scratch-pair", "scratch-single");
        const auto pretraining = [&](const QString& name) {
            return manifest(m_ws, name).value("metrics").toObject().value("training").toObject().value("encoderPretraining").toObject();
        };
        QVERIFY(pretraining("scratch-single").value("steps").toInt() > 0);
        QCOMPARE(pretraining("scratch-pair").value("steps").toInt(), pretraining("scratch-single").value("steps").toInt());
        const double single0 = pretraining("scratch-single").value("finalLoss").toDouble();
        QVERIFY2(std::abs(pretraining("scratch-pair").value("finalLoss").toDouble() - single0) <= kLossTolerance * single0,
                 qPrintable(QString::number(pretraining("scratch-pair").value("finalLoss").toDouble() - single0)));
    }

    void aKilledWorkerFailsTheRunAndItResumes() {
        QProcess lead;
        QString out;
        const QString master = startLead(lead, out, "killed", 2, "400");
        QVERIFY2(!master.isEmpty(), qPrintable(out + lead.readAllStandardError()));
        auto worker = startWorker(master, 1, 2);
        QVERIFY2(test::waitForLine(lead, out, "all 2 ranks joined", 60000), qPrintable(out));
        // Killed once rank 0 has saved a resume point (every 100 steps), well before step 400.
        const QString state = m_ws + "/blobs/checkpoints/killed/resume/state.json";
        QElapsedTimer clock;
        clock.start();
        while (!QFile::exists(state) && clock.elapsed() < 120000 && lead.state() == QProcess::Running) QTest::qWait(50);
        QVERIFY2(QFile::exists(state), qPrintable(out + lead.readAllStandardError()));
        ::kill(pid_t(worker->processId()), SIGKILL);
        QVERIFY(worker->waitForFinished(10000));
        QVERIFY(lead.waitForFinished(60000));
        const QString err = QString::fromUtf8(lead.readAllStandardError());
        QCOMPARE(lead.exitCode(), 1);
        QVERIFY2(err.contains("rank 0 of 2: all-reduce failed: lost the connection to rank 1"), qPrintable(err));
        QVERIFY2(err.contains("resume state of step "), qPrintable(err));
        // No half checkpoint: no manifest, only what resuming needs.
        QVERIFY(manifest(m_ws, "killed").isEmpty());
        QVERIFY(QFile::exists(state));
        // Running the command again (here alone) resumes and finishes the checkpoint.
        const auto again = test::runMedq(fineTune(m_ws, "killed", "400"));
        QVERIFY2(again.code == 0, qPrintable(again.out + again.err));
        const QJsonObject training = manifest(m_ws, "killed").value("metrics").toObject().value("training").toObject();
        QVERIFY2(training.value("startStep").toInt() >= 100, qPrintable(QJsonDocument(training).toJson()));
        QCOMPARE(int(stepLosses(m_ws, "killed").size()), 400);
    }

    void usageErrors() {
        QCOMPARE(test::runMedq({"model", "train", m_ws, "--world-size", "2"}).code, 1);  // no --master
        QCOMPARE(test::runMedq({"model", "train", m_ws, "--world-size", "0"}).code, 1);
        QVERIFY(test::runMedq({"model", "train", "--help"}).out.contains("--world-size"));
    }
};

QTEST_GUILESS_MAIN(CliTrainDistTest)
#include "tst_cli_train_dist.moc"
