// Round step gate: gold items, double annotation and consistency checks on the round's annotations.
#include "loop/internal/RoundSteps.h"

#include "loop/GoldPlacement.h"
#include "loop/GoldTrust.h"
#include "loop/HeadlessAnnotation.h"
#include "loop/QualityGate.h"

#include <QJsonArray>
#include <map>
#include <set>

namespace medq::loop::round {

Status stepGate(Round& r, const jobs::Progress& progress) {
    progress.report(0.0, QStringLiteral("Checking annotations"));
    const auto queue = r.loop.roundQueueItems(r.record.id);
    HeadlessAnnotator fixer(r.ws, kSecondary, annotatorConfig(r, 1));
    const QString checkpoint = r.registry.current();
    QHash<QString, std::pair<int, int>> gold;  // annotator -> (correct, answered)
    // (annotator, the gold's queue) -> (correct, answered): trust per way of working (GoldPlacement.h)
    std::map<std::pair<QString, Queue>, std::pair<int, int>> goldByWay;
    std::vector<std::pair<QString, QString>> levels;
    GateMetrics metrics;
    r.commit(RoundStep::Gate, [&] {
        auto latestHuman = [&](store::Id descriptionTask) {
            QString who;
            for (const auto& a : r.ws.annotations().history(descriptionTask))
                if (a.annotator != kAutoAcceptAnnotator && a.annotator != kSecondary) who = a.annotator;
            return who;
        };
        // Gold first: it decides who is trusted.
        for (const auto& q : queue) {
            if (!q.isGold) continue;
            const auto task = r.ws.tasks().get(q.taskId);
            const QString who = latestHuman(q.taskId);
            if (who.isEmpty()) continue;
            const auto [correct, answered] = goldAnswers(r.ws, task->imageId, who);
            gold[who].first += correct;
            gold[who].second += answered;
            auto& way = goldByWay[{who, GoldPlacement::measuredBy(q.queue)}];
            way.first += correct;
            way.second += answered;
            r.loop.addGateCheck({0, r.record.id, task->imageId, who, GateCheckKind::Gold,
                                 answered > 0 && double(correct) / answered >= r.options.minGoldAccuracy,
                                 QStringLiteral("%1 of %2 answers right").arg(correct).arg(answered)});
        }
        std::set<std::pair<QString, Queue>> untrusted;
        const GoldTrust trust(r.options.minGoldAccuracy);
        for (const auto& [way, counts] : goldByWay) {
            const auto [correct, answered] = counts;
            if (!trust.flags(correct, answered)) continue;
            const double accuracy = double(correct) / answered;
            const double upper = GoldTrust::wilsonUpper(correct, answered, GoldTrust::kDefaultZ);
            untrusted.insert(way);
            metrics.flagged.append(QJsonObject{{"annotator", way.first},
                                               {"queue", key(way.second)},
                                               {"goldAccuracy", accuracy},
                                               {"upperBound", upper}});
            r.ws.audit().append(r.options.actor, QStringLiteral("annotator.flag"), QStringLiteral("annotators"),
                                std::nullopt,
                                QJsonObject{{"annotator", way.first},
                                            {"queue", key(way.second)},
                                            {"goldAccuracy", accuracy},
                                            {"upperBound", upper},
                                            {"answered", answered},
                                            {"round", r.record.number}});
        }
        for (const auto& q : queue) {
            if (q.isGold) continue;
            const auto task = r.ws.tasks().get(q.taskId);
            const store::Id image = task->imageId;
            const bool human = q.queue != Queue::AutoAccept || q.spotCheck;
            QString who = human ? latestHuman(q.taskId) : kAutoAcceptAnnotator;
            // Agreement with the second annotator where there is one.
            if (const auto second = r.ws.annotations().latest(q.taskId, kSecondary);
                second && human && !who.isEmpty()) {
                const auto first = r.ws.annotations().latest(q.taskId, who);
                if (first) {
                    levels.emplace_back(first->qualityLevel, second->qualityLevel);
                    r.loop.addGateCheck({0, r.record.id, image, who, GateCheckKind::Agreement,
                                         first->qualityLevel == second->qualityLevel,
                                         QStringLiteral("%1 vs %2").arg(first->qualityLevel, second->qualityLevel)});
                }
            }
            GateVerdict verdict = human ? checkConsistency(r.ws, image, who) : GateVerdict{};
            if (human)
                r.loop.addGateCheck(
                    {0, r.record.id, image, who, GateCheckKind::Consistency, verdict.passed, verdict.detail});
            const bool distrusted = untrusted.count({who, GoldPlacement::measuredBy(q.queue)}) > 0;
            if (human && r.options.qualityGate && (!verdict.passed || distrusted)) {
                // Back to a queue: an expert (here the second annotator) redoes the item.
                ++metrics.returned;
                r.ws.queues().setStatus(q.id, ItemStatus::Returned);
                store::QueueItemRecord again = q;
                again.queue = Queue::Expert;
                again.spotCheck = false;
                again.status = ItemStatus::Done;
                again.reason = QStringLiteral("returned by the quality gate: %1")
                                   .arg(distrusted ? QStringLiteral("annotator below the gold threshold in the %1 queue")
                                                         .arg(key(GoldPlacement::measuredBy(q.queue)))
                                                   : verdict.detail);
                r.ws.queues().enqueue({again});
                auto redo = fixer.annotate(image, false, checkpoint, r.options.seed * 13 + std::uint64_t(image));
                if (!redo) throw std::runtime_error(redo.error().message().toStdString());
                who = kSecondary;
                verdict = checkConsistency(r.ws, image, who);
                r.loop.addGateCheck(
                    {0, r.record.id, image, who, GateCheckKind::Consistency, verdict.passed, verdict.detail});
                if (!verdict.passed) {
                    ++metrics.dropped;
                    continue;
                }
            } else if (human && verdict.passed) {
                ++metrics.consistent;
            }
            for (const auto& t : r.ws.tasks().forImage(image)) {
                if (const auto a = r.ws.annotations().latest(t.id, who)) {
                    r.loop.accept({t.id, r.record.id, a->id, q.queue});
                    ++metrics.acceptedLabels;
                }
            }
        }
        for (auto it = gold.begin(); it != gold.end(); ++it)
            metrics.goldAccuracy[it.key()] = it.value().second ? double(it.value().first) / it.value().second : 0.0;
        metrics.kappa = cohensKappa(levels);
        metrics.agreementPairs = int(levels.size());
        r.metrics.gate = metrics;
    });
    return {};
}

}  // namespace medq::loop::round
