// Round steps finetune and assess: quality-assured fine-tuning with accept or roll back, then the
// new score.
#include "loop/RoundSteps.h"

#include "learn/ExampleAssembler.h"
#include "loop/ModalityRegression.h"
#include "train/Trainer.h"

#include <QDir>
#include <QFile>
#include <algorithm>
#include <random>

namespace medq::loop::round {
namespace {

double largestDrop(const std::map<QString, ModalityChange>& changes) {
    double d = 0;
    for (const auto& [modality, change] : changes) d = std::max(d, change.largestDrop());
    return d;
}

Result<std::vector<train::TrainingExample>> acceptedExamples(Round& r, learn::ExampleAssembler& assembler) {
    struct Accepted {
        store::TaskRecord task;
        QString answer;
        QJsonValue attributes;
    };
    std::vector<Accepted> labels;
    QHash<store::Id, QJsonValue> imageAttributes;  // from each image's accepted description
    for (const store::AcceptedLabel& label : r.loop.acceptedUpTo(r.record.id)) {
        const auto task = r.ws.tasks().get(label.taskId);
        if (!task) continue;
        for (const auto& a : r.ws.annotations().history(label.taskId)) {
            if (a.id != label.annotationId) continue;
            const bool description = task->kind == QLatin1String("description");
            labels.push_back({*task, description ? a.text : a.answer, a.labels.value(QStringLiteral("attributes"))});
            if (description && a.labels.contains(QStringLiteral("attributes")))
                imageAttributes.insert(task->imageId, labels.back().attributes);
        }
    }
    std::vector<train::TrainingExample> out;
    for (const Accepted& l : labels) {
        if (l.answer.trimmed().isEmpty()) continue;
        // A perception answer carries no attribute labels: those of the image's accepted description count.
        auto e = assembler.example(l.task, l.answer, l.attributes.isUndefined() ? imageAttributes.value(l.task.imageId) : l.attributes);
        if (!e) return e.error();
        out.push_back(e.take());
    }
    return out;
}

}  // namespace

Status stepFinetune(Round& r, const jobs::Progress& progress) {
    const QString base = r.registry.current();
    auto net = r.loadModel(base);
    if (!net) return net.error();
    learn::ExampleAssembler assembler(r.ws, net.value().config().imageSize);
    assembler.setAttributeSlots(net.value().config().attributeSlots);
    progress.report(0.0, QStringLiteral("Preparing accepted annotations"));
    auto examples = acceptedExamples(r, assembler);
    if (!examples) return examples.error();
    const int fresh = int(examples.value().size());
    // Replay of the base training split so the model does not forget what it knew.
    auto replayTasks = r.ws.tasks().inSplit(QStringLiteral("train"));
    std::mt19937_64 rng(r.options.seed + std::uint64_t(r.record.number));
    std::shuffle(replayTasks.begin(), replayTasks.end(), rng);
    const int replay = std::min<int>(int(replayTasks.size()), int(std::lround(r.options.replayRatio * fresh)));
    for (int i = 0; i < replay; ++i) {
        if (replayTasks[std::size_t(i)].answer.isEmpty()) continue;
        auto e = assembler.example(replayTasks[std::size_t(i)]);
        if (e) examples.value().push_back(e.take());
    }
    std::shuffle(examples.value().begin(), examples.value().end(), rng);

    const QString name = QStringLiteral("round-%1-%2").arg(r.record.number).arg(r.options.strategy);
    const QString dir = r.registry.resolve(name);
    QJsonObject info{{"base", base}, {"candidate", name}, {"newExamples", fresh}, {"replayExamples", replay}};
    if (!QFile::exists(dir + QStringLiteral("/manifest.json")) && r.options.fineTuneSteps > 0 && fresh > 0) {
        train::TrainConfig config;
        config.maxSteps = r.options.fineTuneSteps;
        config.batchSize = r.options.batchSize;
        config.learningRate = r.options.learningRate;
        config.warmupSteps = std::min(10, r.options.fineTuneSteps / 5);
        config.checkpointEvery = 25;
        config.seed = r.options.seed + std::uint64_t(r.record.number);
        config.threads = r.threads();
        if (r.options.loraRank > 0) {
            config.useLora = true;
            config.lora.rank = r.options.loraRank;
        }
        model::CheckpointInfo ci;
        ci.parentCheckpoint = base;
        ci.trainingDataHash = train::trainingDataHash(examples.value());
        train::Trainer trainer(net.value(), config);
        QDir().mkpath(r.registry.root());
        auto report = train::Trainer::hasResumeState(dir)
                          ? trainer.resume(examples.value(), {}, dir, progress.sub(0.05, 0.7), ci)
                          : trainer.train(examples.value(), {}, dir, progress.sub(0.05, 0.7), ci);
        if (!report) return report.error();
        info.insert(QStringLiteral("steps"), report.value().steps);
        info.insert(QStringLiteral("finalLoss"), report.value().losses.empty() ? -1.0 : report.value().losses.back());
        info.insert(QStringLiteral("samplesPerSecond"), report.value().samplesPerSecond);
    }
    if (!QFile::exists(dir + QStringLiteral("/manifest.json"))) {
        info.insert(QStringLiteral("decision"), QStringLiteral("skipped"));
        info.insert(QStringLiteral("reason"), fresh == 0 ? QStringLiteral("no accepted annotations") : QStringLiteral("fine-tuning disabled"));
        r.metrics.insert(QStringLiteral("finetune"), info);
        r.commit(QStringLiteral("finetune"));
        return {};
    }

    // Accept only if validation improves and no modality drops beyond the tolerance and chance.
    RoundOptions valOptions = r.options;
    valOptions.evalSplit = QStringLiteral("val");
    valOptions.evalLimit = r.options.validationLimit;
    valOptions.heldOutLimit = 0;
    Round validation{r.ws, r.record, valOptions, {}};
    std::vector<ItemDraft> draftsBefore, draftsAfter;
    auto before = assess(validation, base, progress.sub(0.7, 0.85), true, &draftsBefore);
    if (!before) return before.error();
    auto after = assess(validation, name, progress.sub(0.85, 1.0), true, &draftsAfter);
    if (!after) return after.error();
    const double gain = after.value().value(QStringLiteral("score")).toDouble() - before.value().value(QStringLiteral("score")).toDouble();
    // The modality (answers or descriptions) that dropped most among those whose drop is
    // beyond the tolerance and chance.
    const auto changes = compareByModality(draftsBefore, draftsAfter);
    QString worst;
    double worstDrop = 0, worstP = 1;
    for (const auto& [modality, change] : changes) {
        const ModalityChange::Drop d = change.significantDrop(r.options.tolerance, r.options.regressionAlpha);
        if (d.amount > worstDrop) {
            worstDrop = d.amount;
            worstP = d.p;
            worst = modality + QLatin1Char(' ') + d.what;
        }
    }
    const bool accept = gain > 0 && worst.isEmpty();
    const QString reason = accept ? QStringLiteral("validation score %1 -> %2 (+%3); largest modality drop %4")
                                        .arg(before.value()[QStringLiteral("score")].toDouble(), 0, 'f', 4)
                                        .arg(after.value()[QStringLiteral("score")].toDouble(), 0, 'f', 4).arg(gain, 0, 'f', 4)
                                        .arg(largestDrop(changes), 0, 'f', 3)
                         : gain <= 0 ? QStringLiteral("validation score did not improve (%1 -> %2)")
                                           .arg(before.value()[QStringLiteral("score")].toDouble(), 0, 'f', 4)
                                           .arg(after.value()[QStringLiteral("score")].toDouble(), 0, 'f', 4)
                                     : QStringLiteral("%1 dropped by %2 (tolerance %3, paired test p = %4)")
                                           .arg(worst).arg(worstDrop, 0, 'f', 3).arg(r.options.tolerance, 0, 'f', 3).arg(worstP, 0, 'g', 2);
    info.insert(QStringLiteral("validationBefore"), before.value());
    info.insert(QStringLiteral("validationAfter"), after.value());
    info.insert(QStringLiteral("modalityChanges"), toJson(changes));
    info.insert(QStringLiteral("decision"), accept ? QStringLiteral("accepted") : QStringLiteral("rolled back"));
    info.insert(QStringLiteral("reason"), reason);
    r.metrics.insert(QStringLiteral("finetune"), info);
    r.commit(QStringLiteral("finetune"), [&] {
        r.ws.audit().append(r.options.actor, accept ? QStringLiteral("checkpoint.accept") : QStringLiteral("checkpoint.rollback"),
                            QStringLiteral("checkpoints"), std::nullopt, QJsonObject{{"checkpoint", name}, {"base", base}, {"reason", reason}});
        if (accept) r.registry.setCurrent(name, r.options.actor);
    });
    return {};
}

Status stepAssess(Round& r, const jobs::Progress& progress) {
    const QString checkpoint = r.registry.current();
    auto summary = assess(r, checkpoint, progress, true);
    if (!summary) return summary.error();
    r.metrics.insert(QStringLiteral("assessment"), summary.value());
    store::Transaction tx(r.ws.db());
    r.ws.rounds().update(r.record.id, QStringLiteral("done"), QStringLiteral("assess"), r.metrics, checkpoint);
    tx.commit();
    r.record.step = QStringLiteral("assess");
    return {};
}

}  // namespace medq::loop::round
