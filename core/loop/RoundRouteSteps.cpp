// Round steps route and annotate: drafts routed by uncertainty, then annotated (headless) or left
// to people.
#include "loop/RoundSteps.h"

#include "learn/ExampleAssembler.h"
#include "loop/FailurePrototypes.h"
#include "loop/HeadlessAnnotation.h"
#include "loop/Retrieval.h"
#include "loop/Routing.h"

#include <QJsonDocument>

namespace medq::loop::round {
namespace {

// Thresholds for the current checkpoint, calibrated on validation drafts (cached per checkpoint).
Result<RoutingThresholds> calibration(Round& r, const model::QualityModel& net, const QString& checkpoint,
                                      learn::ExampleAssembler& assembler, const jobs::Progress& progress) {
    if (const auto stored = r.ws.settings().get(kCalibrationSetting)) {
        const RoutingThresholds t = RoutingThresholds::fromJson(QJsonDocument::fromJson(stored->toUtf8()).object());
        if (t.checkpoint == checkpoint && t.targetErrorRate == r.options.targetErrorRate && t.items > 0) return t;
    }
    ItemDrafter drafter(r.ws, &net, checkpoint, assembler);
    drafter.setScorer(&r.scorer);
    auto drafts = drafter.draft(splitImages(r.ws, QStringLiteral("val"), r.options.calibrationLimit, 77), progress);
    if (!drafts) return drafts.error();
    std::vector<CalibrationPoint> points;
    for (const auto& d : drafts.value()) points.push_back({d.uncertainty, d.acceptable(), d.lost()});
    RoutingThresholds t = calibrateRouting(points, r.options.targetErrorRate, r.options.expertErrorRate);
    t.checkpoint = checkpoint;
    r.ws.settings().set(kCalibrationSetting, QString::fromUtf8(QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact)));
    return t;
}

}  // namespace

Status stepRoute(Round& r, const jobs::Progress& progress) {
    const QString checkpoint = r.registry.current();
    auto net = r.loadModel(checkpoint);
    if (!net) return net.error();
    learn::ExampleAssembler assembler(r.ws, net.value().config().imageSize);
    auto thresholds = calibration(r, net.value(), checkpoint, assembler, progress.sub(0.0, 0.4));
    if (!thresholds) return thresholds.error();

    const auto selections = r.loop.selections(r.record.id);
    std::vector<store::Id> images;
    for (const auto& s : selections) images.push_back(*s.imageId);
    // Gold items: validation images with known answers, drafted like the rest.
    std::vector<store::Id> gold;
    const int goldCount = int(std::lround(r.options.goldRate * double(images.size())));
    for (store::Id id : splitImages(r.ws, QStringLiteral("val"), 0)) {
        if (int(gold.size()) >= goldCount) break;
        if (coin(r.options.seed + std::uint64_t(r.record.number), id, 0.5)) gold.push_back(id);
    }
    std::vector<store::Id> all = images;
    all.insert(all.end(), gold.begin(), gold.end());
    ItemDrafter drafter(r.ws, &net.value(), checkpoint, assembler);
    auto drafts = drafter.draft(all, progress.sub(0.4, 0.95));
    if (!drafts) return drafts.error();

    std::vector<double> uncertainties;
    QJsonObject counts{{"auto_accept", 0}, {"verify", 0}, {"expert", 0}, {"spotChecks", 0}, {"gold", int(gold.size())}};
    r.metrics.insert(QStringLiteral("routing"), QJsonObject{{"thresholds", thresholds.value().toJson()}});
    r.commit(QStringLiteral("route"), [&] {
        ItemDrafter::save(r.ws, drafts.value());
        std::vector<store::QueueItemRecord> queue;
        for (std::size_t i = 0; i < drafts.value().size(); ++i) {
            const ItemDraft& d = drafts.value()[i];
            const bool isGold = i >= images.size();
            store::QueueItemRecord q;
            q.taskId = d.tasks.front().task.id;
            for (const auto& t : d.tasks)
                if (t.task.kind == QLatin1String("description")) q.taskId = t.task.id;
            q.roundId = r.record.id;
            q.uncertainty = d.uncertainty;
            q.isGold = isGold;
            if (isGold) {
                q.queue = QStringLiteral("verify");
                q.reason = QStringLiteral("gold item (known answers) mixed in by the quality gate");
            } else {
                const store::SelectionRecord& s = selections[i];
                q.prototypeId = s.prototypeId;
                q.queue = thresholds.value().route(d.uncertainty);
                q.spotCheck = q.queue == QLatin1String("auto_accept") && coin(r.options.seed + 17, d.imageId, r.options.spotCheckRate);
                q.reason = QStringLiteral("%1; uncertainty %2 %3")
                               .arg(s.prototypeId ? QStringLiteral("retrieved by prototype %1").arg(*s.prototypeId)
                                                  : QStringLiteral("selected by %1 sampling").arg(r.options.strategy))
                               .arg(d.uncertainty, 0, 'f', 3)
                               .arg(q.queue == QLatin1String("auto_accept") ? QStringLiteral("<= auto-accept threshold")
                                    : q.queue == QLatin1String("expert") ? QStringLiteral(">= expert threshold")
                                                                         : QStringLiteral("between the thresholds"));
                r.loop.setRoute(r.record.id, s.poolItemId, q.queue, d.uncertainty);
                counts.insert(q.queue, counts.value(q.queue).toInt() + 1);
                if (q.spotCheck) counts.insert(QStringLiteral("spotChecks"), counts.value(QStringLiteral("spotChecks")).toInt() + 1);
            }
            queue.push_back(q);
        }
        r.ws.queues().enqueue(queue);
        QJsonObject routing = r.metrics.value(QStringLiteral("routing")).toObject();
        routing.insert(QStringLiteral("counts"), counts);
        r.metrics.insert(QStringLiteral("routing"), routing);
    });
    return {};
}

// Returns false when people still have items to do (human annotation).
Result<bool> stepAnnotate(Round& r, const jobs::Progress& progress) {
    if (r.options.annotator == QLatin1String("human")) {
        const int pending = r.loop.pendingHumanItems(r.record.id);
        if (pending > 0) return false;
        r.commit(QStringLiteral("annotate"));
        return true;
    }
    HeadlessAnnotator primary(r.ws, kPrimary, annotatorConfig(r, 0));
    HeadlessAnnotator secondary(r.ws, kSecondary, annotatorConfig(r, 1));
    const QString checkpoint = r.registry.current();
    QJsonObject seconds{{"expert", 0.0}, {"verify", 0.0}, {"auto_accept", 0.0}, {"double", 0.0}, {"gold", 0.0}};
    QJsonObject actions;
    int doubled = 0;
    const auto queue = r.loop.roundQueueItems(r.record.id);
    Status failed;
    r.commit(QStringLiteral("annotate"), [&] {
        for (std::size_t i = 0; i < queue.size() && failed.ok(); ++i) {
            const store::QueueItemRecord& q = queue[i];
            if (q.status != QLatin1String("pending")) continue;
            progress.checkCancelled();
            if (i % 8 == 0) progress.report(double(i) / double(queue.size()), QStringLiteral("Annotating item %1 of %2").arg(i + 1).arg(queue.size()));
            const auto task = r.ws.tasks().get(q.taskId);
            const std::uint64_t seed = r.options.seed * 7 + std::uint64_t(task->imageId);
            Result<AnnotatedItem> done = Error{};
            const bool human = q.queue != QLatin1String("auto_accept") || q.spotCheck;
            if (!human) done = HeadlessAnnotator::acceptDraft(r.ws, task->imageId, checkpoint);
            else done = primary.annotate(task->imageId, q.queue != QLatin1String("expert"), checkpoint, seed);
            if (!done) {
                failed = done.error();
                break;
            }
            const QString bucket = q.isGold ? QStringLiteral("gold") : q.queue;
            seconds.insert(bucket, seconds.value(bucket).toDouble() + done.value().seconds);
            actions.insert(done.value().action, actions.value(done.value().action).toInt() + 1);
            if (human && !q.isGold && coin(r.options.seed + 29, task->imageId, r.options.doubleRate)) {
                auto second = secondary.annotate(task->imageId, q.queue != QLatin1String("expert"), checkpoint, seed + 1);
                if (!second) {
                    failed = second.error();
                    break;
                }
                seconds.insert(QStringLiteral("double"), seconds.value(QStringLiteral("double")).toDouble() + second.value().seconds);
                ++doubled;
            }
            r.ws.queues().setStatus(q.id, QStringLiteral("done"));
        }
        double total = 0;
        for (auto it = seconds.begin(); it != seconds.end(); ++it) total += it.value().toDouble();
        r.metrics.insert(QStringLiteral("annotation"), QJsonObject{{"secondsByQueue", seconds}, {"actions", actions},
                                                                   {"doubleAnnotated", doubled}, {"humanSeconds", total}});
        if (!failed) throw std::runtime_error(failed.error().message().toStdString());  // rolls the step back
    });
    return true;
}

}  // namespace medq::loop::round
