// Round steps finetune and assess: quality-assured fine-tuning with accept or roll back, then the
// new score.
#include "loop/internal/RoundSteps.h"

#include "dataset/ReferenceSet.h"

#include "common/Random.h"
#include "learn/DistributedTraining.h"
#include "learn/ExampleAssembler.h"
#include "learn/TrainRecipe.h"
#include "loop/CheckpointGate.h"
#include "loop/FinetuneLabelMix.h"
#include "loop/FinetuneSchedule.h"
#include "loop/ModalityRegression.h"
#include "train/Trainer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>

namespace medq::loop::round {
namespace {

// A label accepted for training: the task, its accepted answer or description, and the
// annotator's attribute labels (undefined for a perception answer).
struct Accepted {
    store::Id roundId = 0;
    store::TaskRecord task;
    QString answer;
    QJsonValue attributes;
};

std::vector<Accepted> acceptedLabels(Round& r) {
    std::vector<Accepted> labels;
    QHash<store::Id, QJsonValue> imageAttributes;  // from each image's accepted description
    // Images of the real reference test set are never trained on, so its score stays one of
    // images the model has not seen.
    QSet<store::Id> heldBack;
    for (const auto& t : r.ws.tasks().inSplit(dataset::referenceSplit(QStringLiteral("test"))))
        heldBack.insert(t.imageId);
    for (const store::AcceptedLabel& label : r.loop.acceptedUpTo(r.record.id)) {
        const auto task = r.ws.tasks().get(label.taskId);
        if (!task || heldBack.contains(task->imageId)) continue;
        for (const auto& a : r.ws.annotations().history(label.taskId)) {
            if (a.id != label.annotationId) continue;
            const bool description = task->kind == TaskKind::Description;
            const QString answer = description ? a.text : a.answer;
            if (description && a.labels.contains(QStringLiteral("attributes")))
                imageAttributes.insert(task->imageId, a.labels.value(QStringLiteral("attributes")));
            if (!answer.trimmed().isEmpty())
                labels.push_back({label.roundId, *task, answer, a.labels.value(QStringLiteral("attributes"))});
        }
    }
    // A perception answer carries no attribute labels: those of the image's accepted description count.
    for (Accepted& l : labels)
        if (l.attributes.isUndefined()) l.attributes = imageAttributes.value(l.task.imageId);
    const FinetuneLabelMix mix{r.options.fineTuneFromBase ? -1.0 : r.options.earlierLabelsPerNew};
    if (mix.earlierPerNew < 0) return labels;
    std::vector<Accepted> chosen, earlier;
    for (Accepted& l : labels) (l.roundId == r.record.id ? chosen : earlier).push_back(std::move(l));
    // A stream of its own, so that the set's shuffle below draws as it does without a mix.
    Random random(r.options.seed * 7919 + std::uint64_t(r.record.number));
    random.shuffle(earlier);
    earlier.resize(std::size_t(mix.earlierCount(int(chosen.size()), int(earlier.size()))));
    chosen.insert(chosen.end(), std::make_move_iterator(earlier.begin()), std::make_move_iterator(earlier.end()));
    return chosen;
}

// What a round fine-tunes on: its accepted annotations, then a replay of the base training
// split (so the model does not forget what it knew), shuffled; the same on every rank.
struct FinetuneSet {
    std::vector<train::TrainingExample> examples;
    int fresh = 0, replay = 0;
};

Result<FinetuneSet> finetuneSet(Round& r, learn::ExampleAssembler& assembler, const jobs::Progress& progress) {
    const std::vector<Accepted> labels = acceptedLabels(r);
    FinetuneSet set;
    set.fresh = int(labels.size());
    auto replayTasks = r.ws.tasks().inSplit(QStringLiteral("train"));
    Random random(r.options.seed + std::uint64_t(r.record.number));
    random.shuffle(replayTasks);
    set.replay = std::min<int>(int(replayTasks.size()), int(std::lround(r.options.replayRatio * set.fresh)));
    replayTasks.resize(std::size_t(set.replay));
    // Every image is prepared first, on every core (a round of 1,000 at pool 100,000 trains on
    // ~15,000 examples), so that each source's measures are standardised over all its images.
    // An accepted label's image that cannot be read ends the fine-tune; a replayed one is left out.
    std::vector<store::Id> images, replayImages;
    for (const Accepted& l : labels) {
        images.push_back(l.task.imageId);
        if (l.task.secondImageId) images.push_back(*l.task.secondImageId);
    }
    for (const store::TaskRecord& t : replayTasks) {
        if (t.answer.isEmpty()) continue;
        replayImages.push_back(t.imageId);
        if (t.secondImageId) replayImages.push_back(*t.secondImageId);
    }
    const double labelShare = 0.9 * double(images.size()) / double(std::max<std::size_t>(1, images.size() + replayImages.size()));
    if (Status s = assembler.prefetch(images, progress.sub(0.0, labelShare)); !s) return s.error();
    if (Status s = assembler.prefetch(replayImages, progress.sub(labelShare, 0.9), true); !s) return s.error();
    const jobs::Progress assembling = progress.sub(0.9, 1.0);
    const std::size_t total = labels.size() + replayTasks.size();
    for (std::size_t i = 0; i < total; ++i) {
        if (i % 64 == 0) {
            assembling.checkCancelled();
            assembling.report(double(i) / double(total), QStringLiteral("Preparing training examples: %1 of %2").arg(i + 1).arg(total));
        }
        if (i < labels.size()) {
            auto e = assembler.example(labels[i].task, labels[i].answer, labels[i].attributes);
            if (!e) return e.error();
            set.examples.push_back(e.take());
        } else if (const store::TaskRecord& t = replayTasks[i - labels.size()]; !t.answer.isEmpty()) {
            auto e = assembler.example(t);
            if (e) set.examples.push_back(e.take());
        }
    }
    random.shuffle(set.examples);
    return set;
}

}  // namespace

// The checkpoint the workspace's first round started from: where fineTuneFromBase trains from.
QString firstRoundsCheckpoint(Round& r) {
    for (const auto& round : r.ws.rounds().all()) {
        const QString before = RoundMetrics::fromJson(round.metrics).checkpointBefore;
        if (!before.isEmpty()) return before;
    }
    return r.registry.current();
}

Status stepFinetune(Round& r, const jobs::Progress& progress) {
    const QString base = r.registry.current();
    const QString start = r.options.fineTuneFromBase ? firstRoundsCheckpoint(r) : base;
    auto net = r.loadModel(start);
    if (!net) return net.error();
    learn::ExampleAssembler assembler(r.ws, net.value().config());
    assembler.setAttributeSlots(net.value().config().attributeSlots);
    progress.report(0.0, QStringLiteral("Preparing accepted annotations"));
    auto set = finetuneSet(r, assembler, progress.sub(0.0, 0.05));
    if (!set) return set.error();
    const int fresh = set.value().fresh, replay = set.value().replay;
    learn::TrainingData data;
    data.training = std::move(set.value().examples);

    const QString name = QStringLiteral("round-%1-%2").arg(r.record.number).arg(key(r.options.strategy));
    const QString dir = r.registry.resolve(name);
    FinetuneMetrics info;
    info.base = base;
    if (start != base) info.trainedFrom = start;
    info.candidate = name;
    info.newExamples = fresh;
    info.replayExamples = replay;
    const int steps = FinetuneSchedule{r.options.fineTuneSteps, r.options.fineTuneEpochs, r.options.batchSize}.steps(
        fresh > 0 ? int(data.training.size()) : 0);
    if (!QFile::exists(dir + QStringLiteral("/manifest.json")) && steps > 0) {
        train::TrainConfig config;
        config.maxSteps = steps;
        config.batchSize = r.options.batchSize;
        config.learningRate = r.options.learningRate;
        config.warmupSteps = std::min(10, steps / 5);
        config.checkpointEvery = 25;
        config.seed = r.options.seed + std::uint64_t(r.record.number);
        config.threads = r.threads();
        learn::TrainRecipe::setHeadLoss(config);
        if (r.options.loraRank > 0) {
            config.useLora = true;
            config.lora.rank = r.options.loraRank;
        }
        // Drafts are stored by checkpoint name: none made by an earlier checkpoint of this name
        // (deleted by hand) may stand for the one trained now.
        store::LoopRepository(r.ws.db()).removeOutputsOf(name);
        model::CheckpointInfo ci;
        ci.parentCheckpoint = start;
        ci.trainingDataHash = train::trainingDataHash(data.training);
        train::Trainer trainer(net.value(), config);
        QDir().mkpath(r.registry.root());
        const bool resume = train::Trainer::hasResumeState(dir);
        Result<train::TrainReport> report = Error{};
        if (r.group) {
            learn::TrainTask task;
            task.name = kRoundFinetuneTask;
            task.workspace = r.ws.dir().absolutePath();
            task.checkpoint = QFileInfo(dir).absoluteFilePath();
            task.run = name;
            task.source = QJsonObject{{"round", r.record.number}};
            task.config = config.toJson();
            task.dataHash = ci.trainingDataHash;
            task.resume = resume;
            task.prepareMs = 30 * 60 * 1000;
            report = learn::leadTraining(*r.group->group, *r.group->channel, task, trainer, net.value(), data, ci,
                                         progress.sub(0.05, 0.7), r.group->timeout);
        } else {
            report = resume ? trainer.resume(data.training, {}, dir, progress.sub(0.05, 0.7), ci)
                            : trainer.train(data.training, {}, dir, progress.sub(0.05, 0.7), ci);
        }
        if (!report) return report.error();
        info.steps = report.value().steps;
        info.finalLoss = report.value().losses.empty() ? -1.0 : report.value().losses.back();
        info.samplesPerSecond = report.value().samplesPerSecond;
    }
    if (!QFile::exists(dir + QStringLiteral("/manifest.json"))) {
        const CheckpointVerdict verdict = CheckpointGate::skipped(fresh);
        info.decision = verdict.decision;
        info.reason = verdict.reason;
        r.metrics.finetune = info;
        r.commit(RoundStep::Finetune);
        return {};
    }

    // Accept only if validation improves (or falls short by less than the non-inferiority margin)
    // and no modality drops beyond the tolerance and chance.
    RoundOptions valOptions = r.options;
    valOptions.evalSplit = r.options.validationSplit;
    valOptions.evalLimit = r.options.validationLimit;
    valOptions.heldOutLimit = 0;
    Round validation{r.ws, r.record, valOptions, {}};
    std::vector<ItemDraft> draftsBefore, draftsAfter;
    auto before = assess(validation, base, progress.sub(0.7, 0.85), true, &draftsBefore);
    if (!before) return before.error();
    auto after = assess(validation, name, progress.sub(0.85, 1.0), true, &draftsAfter);
    if (!after) return after.error();
    const auto changes = compareByModality(draftsBefore, draftsAfter);
    const CheckpointVerdict verdict =
        CheckpointGate(r.options.tolerance, r.options.regressionAlpha, r.options.nonInferiorityMargin)
            .decide(before.value().score(), after.value().score(), changes);
    info.validationBefore = before.value();
    info.validationAfter = after.value();
    info.modalityChanges = toJson(changes);
    info.decision = verdict.decision;
    info.reason = verdict.reason;
    r.metrics.finetune = info;
    r.commit(RoundStep::Finetune, [&] {
        r.ws.audit().append(r.options.actor,
                            verdict.accepted() ? QStringLiteral("checkpoint.accept")
                                               : QStringLiteral("checkpoint.rollback"),
                            QStringLiteral("checkpoints"), std::nullopt,
                            QJsonObject{{"checkpoint", name}, {"base", base}, {"reason", verdict.reason}});
        if (verdict.accepted()) r.registry.setCurrent(name, r.options.actor);
    });
    return {};
}

Status stepAssess(Round& r, const jobs::Progress& progress) {
    const QString checkpoint = r.registry.current();
    auto summary = assess(r, checkpoint, progress, true);
    if (!summary) return summary.error();
    r.metrics.assessment = summary.take();
    store::Transaction tx(r.ws.db());
    r.recordSeconds(RoundStep::Assess);
    r.ws.rounds().update(r.record.id, RunStatus::Done, RoundStep::Assess, r.metrics.toJson(), checkpoint);
    tx.commit();
    r.record.step = RoundStep::Assess;
    return {};
}

}  // namespace medq::loop::round

namespace medq::loop {

Status roundFinetunePart(dist::Group& group, const QJsonObject& task, const jobs::Progress& progress) {
    const auto assemble = [](store::Workspace& ws, const model::QualityModel& net, const learn::TrainTask& t,
                             const jobs::Progress& progress) -> Result<learn::TrainingData> {
        const int number = t.source.value(QStringLiteral("round")).toInt();
        const auto record = ws.rounds().byNumber(number);
        if (!record) return Error{QStringLiteral("round %1").arg(number), QStringLiteral("not in the workspace %1").arg(t.workspace)};
        auto options = RoundOptions::fromJson(RoundMetrics::fromJson(record->metrics).options);
        if (!options) return options.error();
        round::Round r{ws, *record, options.take(), RoundMetrics::fromJson(record->metrics)};
        learn::ExampleAssembler assembler(ws, net.config());
        assembler.setAttributeSlots(net.config().attributeSlots);
        auto set = round::finetuneSet(r, assembler, progress);
        if (!set) return set.error();
        learn::TrainingData data;
        data.training = std::move(set.value().examples);
        return data;
    };
    return learn::followTraining(group, task, assemble, progress);
}

}  // namespace medq::loop
