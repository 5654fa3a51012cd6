// Round steps route and annotate: drafts routed by uncertainty, then annotated (headless) or left
// to people.
#include "loop/internal/RoundSteps.h"

#include "learn/ExampleAssembler.h"
#include "loop/DegenerateDraft.h"
#include "loop/FailurePrototypes.h"
#include "loop/GoldPlacement.h"
#include "loop/HeadlessAnnotation.h"
#include "loop/Retrieval.h"
#include "loop/Routing.h"
#include "loop/RoutingCalibrator.h"

namespace medq::loop::round {
namespace {

// Thresholds for the current checkpoint (RoutingCalibrator: stored ones while they apply, else
// calibrated on validation drafts).
Result<RoutingThresholds> calibration(Round& r, const model::QualityModel& net, const QString& checkpoint,
                                      learn::ExampleAssembler& assembler, const jobs::Progress& progress) {
    const CalibrationSettings settings{r.options.targetErrorRate, r.options.expertErrorRate, r.options.calibrationLimit,
                                       ReviewBias{r.options.reviewAnchoring, r.options.maxAccuracyLoss}};
    return RoutingCalibrator(r.ws).thresholdsFor(checkpoint, settings, [&]() -> Result<std::vector<CalibrationPoint>> {
        ItemDrafter drafter(r.ws, &net, checkpoint, assembler);
        drafter.setScorer(&r.scorer);
        auto drafts = drafter.draft(splitImages(r.ws, r.options.validationSplit, r.options.calibrationLimit, 77),
                                    progress);
        if (!drafts) return drafts.error();
        std::vector<CalibrationPoint> points;
        for (const auto& d : drafts.value()) points.push_back(d.calibrationPoint());
        return points;
    });
}

QString routeReason(Queue queue) {
    switch (queue) {
    case Queue::AutoAccept: return QStringLiteral("<= auto-accept threshold");
    case Queue::Expert: return QStringLiteral(">= expert threshold");
    case Queue::Verify: break;
    }
    return QStringLiteral("between the thresholds");
}

}  // namespace

Status stepRoute(Round& r, const jobs::Progress& progress) {
    const QString checkpoint = r.registry.current();
    auto net = r.loadModel(checkpoint);
    if (!net) return net.error();
    learn::ExampleAssembler assembler(r.ws, net.value().config());
    auto thresholds = calibration(r, net.value(), checkpoint, assembler, progress.sub(0.0, 0.4));
    if (!thresholds) return thresholds.error();

    const auto selections = r.loop.selections(r.record.id);
    std::vector<store::Id> images;
    for (const auto& s : selections) images.push_back(*s.imageId);
    // Gold items: validation images with known answers, drafted like the rest.
    std::vector<store::Id> gold;
    const int goldCount = int(std::lround(r.options.goldRate * double(images.size())));
    for (store::Id id : splitImages(r.ws, r.options.validationSplit, 0)) {
        if (int(gold.size()) >= goldCount) break;
        if (coin(r.options.seed + std::uint64_t(r.record.number), id, 0.5)) gold.push_back(id);
    }
    std::vector<store::Id> all = images;
    all.insert(all.end(), gold.begin(), gold.end());
    ItemDrafter drafter(r.ws, &net.value(), checkpoint, assembler);
    auto drafts = drafter.draft(all, progress.sub(0.4, 0.95));
    if (!drafts) return drafts.error();

    RoutingMetrics routing;
    routing.thresholds = thresholds.value();
    routing.routed = true;
    for (Queue q : allValues<Queue>()) routing.counts[q] = 0;
    routing.gold = int(gold.size());
    r.metrics.routing = routing;
    r.commit(RoundStep::Route, [&] {
        ItemDrafter::save(r.ws, drafts.value());
        std::vector<store::QueueItemRecord> queue;
        int reviewed = 0, written = 0;  // the round's human work, which the gold items follow
        for (std::size_t i = 0; i < drafts.value().size(); ++i) {
            const ItemDraft& d = drafts.value()[i];
            const bool isGold = i >= images.size();
            store::QueueItemRecord q;
            q.taskId = d.tasks.front().task.id;
            for (const auto& t : d.tasks)
                if (t.task.kind == TaskKind::Description) q.taskId = t.task.id;
            q.roundId = r.record.id;
            q.uncertainty = d.uncertainty;
            q.isGold = isGold;
            if (isGold) {
                // Items come first, gold after them: the counts are complete here.
                const int expertGold = GoldPlacement::expertGold(int(gold.size()), reviewed, written);
                q.queue = int(i - images.size()) < expertGold ? Queue::Expert : Queue::Verify;
                q.reason = q.queue == Queue::Expert
                               ? QStringLiteral("gold item (known answers) mixed in by the quality gate, written from scratch")
                               : QStringLiteral("gold item (known answers) mixed in by the quality gate, reviewed from a draft");
            } else {
                const store::SelectionRecord& s = selections[i];
                q.prototypeId = s.prototypeId;
                const std::optional<DraftProblem> problem = d.draftProblem();
                q.queue = thresholds.value().route(d.uncertainty, !problem);
                q.spotCheck = q.queue == Queue::AutoAccept &&
                              coin(r.options.seed + 17, d.imageId, r.options.spotCheckRate);
                q.reason = QStringLiteral("%1; uncertainty %2%3")
                               .arg(s.prototypeId
                                        ? QStringLiteral("retrieved by prototype %1").arg(*s.prototypeId)
                                        : QStringLiteral("selected by %1 sampling").arg(key(r.options.strategy)))
                               .arg(d.uncertainty, 0, 'f', 3)
                               .arg(problem ? QStringLiteral("; the model could not draft this image (%1), so a person writes it")
                                                  .arg(DegenerateDraft::reason(*problem))
                                            : QLatin1Char(' ') + routeReason(q.queue));
                if (problem) routing.noDraft += 1;
                r.loop.setRoute(r.record.id, s.poolItemId, q.queue, d.uncertainty);
                routing.counts[q.queue] += 1;
                if (q.spotCheck) routing.spotChecks += 1;
                if (q.queue == Queue::Expert) ++written;
                else if (q.queue == Queue::Verify || q.spotCheck) ++reviewed;
            }
            queue.push_back(q);
        }
        r.ws.queues().enqueue(queue);
        r.metrics.routing = routing;
    });
    return {};
}

// Returns false when people still have items to do (human annotation).
Result<bool> stepAnnotate(Round& r, const jobs::Progress& progress) {
    if (r.options.annotator == AnnotatorKind::Human) {
        const int pending = r.loop.pendingHumanItems(r.record.id);
        if (pending > 0) return false;
        r.commit(RoundStep::Annotate);
        return true;
    }
    HeadlessAnnotator primary(r.ws, kPrimary, annotatorConfig(r, 0));
    HeadlessAnnotator secondary(r.ws, kSecondary, annotatorConfig(r, 1));
    const QString checkpoint = r.registry.current();
    AnnotationMetrics annotation;
    for (Queue q : allValues<Queue>()) annotation.secondsByQueue[q] = 0.0;
    const auto queue = r.loop.roundQueueItems(r.record.id);
    Status failed;
    r.commit(RoundStep::Annotate, [&] {
        for (std::size_t i = 0; i < queue.size() && failed.ok(); ++i) {
            const store::QueueItemRecord& q = queue[i];
            if (q.status != ItemStatus::Pending) continue;
            progress.checkCancelled();
            if (i % 8 == 0)
                progress.report(double(i) / double(queue.size()),
                                QStringLiteral("Annotating item %1 of %2").arg(i + 1).arg(queue.size()));
            const auto task = r.ws.tasks().get(q.taskId);
            const std::uint64_t seed = r.options.seed * 7 + std::uint64_t(task->imageId);
            Result<AnnotatedItem> done = Error{};
            const bool human = q.queue != Queue::AutoAccept || q.spotCheck;
            if (!human) done = HeadlessAnnotator::acceptDraft(r.ws, task->imageId, checkpoint);
            else done = primary.annotate(task->imageId, q.queue != Queue::Expert, checkpoint, seed);
            if (!done) {
                failed = done.error();
                break;
            }
            (q.isGold ? annotation.goldSeconds : annotation.secondsByQueue[q.queue]) += done.value().seconds;
            annotation.actions[done.value().action] += 1;
            if (human && !q.isGold && coin(r.options.seed + 29, task->imageId, r.options.doubleRate)) {
                auto second = secondary.annotate(task->imageId, q.queue != Queue::Expert, checkpoint, seed + 1);
                if (!second) {
                    failed = second.error();
                    break;
                }
                annotation.doubleSeconds += second.value().seconds;
                ++annotation.doubleAnnotated;
            }
            r.ws.queues().setStatus(q.id, ItemStatus::Done);
        }
        // Summed in the order the stored JSON lists them (keys sorted), so the total is the same to the last bit.
        std::map<QString, double> parts{{QStringLiteral("double"), annotation.doubleSeconds},
                                        {QStringLiteral("gold"), annotation.goldSeconds}};
        for (const auto& [queueKey, seconds] : annotation.secondsByQueue) parts[key(queueKey)] = seconds;
        annotation.humanSeconds = 0;
        for (const auto& [name, seconds] : parts) annotation.humanSeconds += seconds;
        r.metrics.annotation = annotation;
        if (!failed) throw std::runtime_error(failed.error().message().toStdString());  // rolls the step back
    });
    return true;
}

}  // namespace medq::loop::round
