// The quick proxy of the default training recipe (issue "A model that reads image quality on
// sources it has never seen"): a small benchmark with the default recipe's split, a short
// training run, and the test split's scores on real sources training never saw, by question
// type, with the attribute head's recall and precision there, next to phantoms. Meant to
// rank recipe changes in minutes; the full recipe confirms what it keeps.
//
//   bench_generalization [--out DIR] [--reuse] [--per-modality 200] [--steps 1000]
//       [--encoder-epochs 4] [--preset default] [--threads 2] [--label TEXT] [--source-measures [--measure-route token|head|only]] [--csv FILE]
//
// --reuse keeps DIR's benchmark (built once for a seed) and trains a new checkpoint on it.
#include "common/Vocabulary.h"
#include "dataset/BenchmarkBuildJob.h"
#include "learn/EvaluateModelJob.h"
#include "learn/TrainModelJob.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <atomic>
#include <cstdio>

using namespace medq;

namespace {

jobs::JobOutcome run(jobs::Job& job) {
    static std::atomic<bool> never{false};
    return job.run(jobs::Progress(&never, {}));
}

double pct(const QJsonObject& cell, const char* key = "accuracy") { return 100.0 * cell.value(QLatin1String(key)).toDouble(); }

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({"out", "Folder of the benchmark workspace (default: a temporary one).", "DIR"});
    p.addOption({"reuse", "Keep DIR's benchmark when it has one."});
    p.addOption({"per-modality", "Benchmark items per modality (default 200).", "N", "200"});
    p.addOption({"steps", "Training steps (default 1000: fewer only learn the majority answer).", "N", "1000"});
    p.addOption({"encoder-epochs", "Encoder pretraining epochs on the attribute labels (default 4).", "N", "4"});
    p.addOption({"preset", "Model preset (default: default).", "P", "default"});
    p.addOption({"threads", "Intra-op threads (default 2).", "N", "2"});
    p.addOption({"label", "Name of this configuration in the output.", "TEXT", "quick"});
    p.addOption({"source-measures", "The network also reads per-source standardised quality measures."});
    p.addOption({"measure-route", "With --source-measures: token, head or only (ModelConfig::MeasureRoute).", "ROUTE", "token"});
    p.addOption({"csv", "Append one row of the figures to this CSV file.", "FILE"});
    p.process(app);

    QTemporaryDir tmp;
    const QString dir = p.isSet("out") ? p.value("out") : tmp.filePath("W");
    QElapsedTimer clock;
    clock.start();
    if (!(p.isSet("reuse") && store::Workspace::exists(dir))) {
        QDir(dir).removeRecursively();
        auto created = store::Workspace::create(dir);
        if (!created) return std::fprintf(stderr, "%s\n", qPrintable(created.error().message())), 1;
        created.value().reset();
        dataset::BenchmarkOptions b;
        b.perModality = p.value("per-modality").toInt();
        b.trainFraction = 0.7;  // the default recipe's split
        b.valFraction = 0.1;
        dataset::BenchmarkBuildJob bench(dir, b);
        const auto built = run(bench);
        if (!built.ok()) return std::fprintf(stderr, "benchmark: %s\n", qPrintable(built.message)), 1;
        std::printf("%s\n", qPrintable(built.message));
    }
    const double benchMinutes = clock.elapsed() / 60000.0;

    clock.restart();
    learn::TrainOptions t;
    t.preset = p.value("preset");
    t.sourceMeasures = p.isSet("source-measures");
    const auto route = model::ModelConfig::measureRouteNamed(p.value("measure-route"));
    if (!route) return std::fprintf(stderr, "--measure-route: not %s\n", qPrintable(model::ModelConfig::measureRouteWords())), 2;
    t.measureRoute = *route;
    t.name = QStringLiteral("%1-%2").arg(p.value("label")).arg(QDateTime::currentSecsSinceEpoch());
    t.config.maxSteps = p.value("steps").toInt();
    t.config.batchSize = 32;
    t.config.encoderEpochs = p.value("encoder-epochs").toInt();
    t.config.threads = p.value("threads").toInt();
    learn::TrainModelJob train(dir, t);
    const auto trained = run(train);
    if (!trained.ok()) return std::fprintf(stderr, "training: %s\n", qPrintable(trained.message)), 1;
    const double trainMinutes = clock.elapsed() / 60000.0;

    clock.restart();
    learn::EvaluateOptions e;
    e.checkpoint = t.name;
    e.withExpert = false;
    learn::EvaluateModelJob evaluate(dir, e);
    const auto evaluated = run(evaluate);
    if (!evaluated.ok()) return std::fprintf(stderr, "evaluation: %s\n", qPrintable(evaluated.message)), 1;
    const double evalMinutes = clock.elapsed() / 60000.0;

    const QJsonObject r = evaluated.result;
    const QJsonObject unseen = r.value("bySource").toObject().value("unseen").toObject();
    const QJsonObject phantom = r.value("bySource").toObject().value("phantom").toObject();
    const QJsonObject unseenCell = unseen.value("perception").toObject();
    const QJsonObject head = r.value("attributeHeadBySource").toObject().value("unseen").toObject();
    std::printf("%s: benchmark %.1f min, training %.1f min, evaluation %.1f min\n", qPrintable(p.value("label")), benchMinutes,
                trainMinutes, evalMinutes);
    std::printf("%-28s %8s %8s %8s %8s\n", "test split", "model", "majority", "uniform", "items");
    auto line = [](const char* label, const QJsonObject& cell) {
        std::printf("%-28s %7.1f%% %7.1f%% %7.1f%% %8d\n", label, pct(cell), pct(cell, "majorityChance"), pct(cell, "uniformChance"),
                    cell.value("total").toInt());
    };
    line("real, unseen sources", unseenCell);
    const QJsonObject types = unseenCell.value("byType").toObject();
    for (auto it = types.begin(); it != types.end(); ++it) line(qPrintable("  unseen " + it.key()), it.value().toObject());
    line("phantoms", phantom.value("perception").toObject());
    line("all", r.value("perception").toObject());
    std::printf("ECE %.3f; rubric unseen %.2f, phantoms %.2f of 8\n", r.value("perception").toObject().value("expectedCalibrationError").toDouble(),
                unseen.value("meanRubricTotal").toDouble(), phantom.value("meanRubricTotal").toDouble());
    std::printf("attribute head, unseen: %d images, recall %.1f%%, precision %.1f%%\n", head.value("images").toInt(),
                pct(head, "presentRecall"), pct(head, "presentPrecision"));

    if (p.isSet("csv")) {
        QFile csv(p.value("csv"));
        const bool fresh = !csv.exists();
        if (!csv.open(QIODevice::Append | QIODevice::Text)) return std::fprintf(stderr, "%s: cannot write\n", qPrintable(p.value("csv"))), 1;
        if (fresh)
            csv.write(QStringLiteral("label,per_modality,steps,encoder_epochs,preset,train_minutes,unseen,unseen_majority,%1,%2,%3,%4,"
                                     "phantom,all,ece,head_recall_unseen,head_precision_unseen\n")
                          .arg(key(QuestionType::YesNo), key(QuestionType::What), key(QuestionType::How), key(QuestionType::Comparison))
                          .toUtf8());
        auto typeAcc = [&](QuestionType type) { return QString::number(pct(types.value(key(type)).toObject()), 'f', 1); };
        csv.write(QStringList{p.value("label"), p.value("per-modality"), p.value("steps"), p.value("encoder-epochs"), p.value("preset"),
                              QString::number(trainMinutes, 'f', 1), QString::number(pct(unseenCell), 'f', 1),
                              QString::number(pct(unseenCell, "majorityChance"), 'f', 1), typeAcc(QuestionType::YesNo), typeAcc(QuestionType::What),
                              typeAcc(QuestionType::How), typeAcc(QuestionType::Comparison), QString::number(pct(phantom.value("perception").toObject()), 'f', 1),
                              QString::number(pct(r.value("perception").toObject()), 'f', 1),
                              QString::number(r.value("perception").toObject().value("expectedCalibrationError").toDouble(), 'f', 3),
                              QString::number(pct(head, "presentRecall"), 'f', 1), QString::number(pct(head, "presentPrecision"), 'f', 1)}
                      .join(',').toUtf8() + '\n');
    }
    return 0;
}
