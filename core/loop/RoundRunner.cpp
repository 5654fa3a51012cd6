#include "loop/RoundRunner.h"

#include "jobs/WorkspaceJobLock.h"
#include "loop/HeadlessAnnotation.h"
#include "loop/internal/RoundSteps.h"
#include "store/Permissions.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <algorithm>
#include <optional>

namespace medq::loop {

using jobs::JobOutcome;
using namespace round;

JobOutcome RoundRunner::run(const jobs::Progress& progress) {
    // One round at a time across processes: the lock is held until the round returns.
    auto lock = jobs::WorkspaceJobLock::forJob(m_dir, QStringLiteral("Run a loop round"), m_options.waitForLock, progress);
    if (!lock) return {JobOutcome::Status::Failed, lock.error().message(), {}};
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    store::Workspace& ws = *opened.value();
    if (Status s = m_options.validate(); !s) return {JobOutcome::Status::Failed, s.error().message(), {}};
    if (Status s = store::Permissions::requireFor(ws.annotations(), m_options.actor, store::Action::StartRound);
        !s && m_options.actor != QLatin1String("system"))
        return {JobOutcome::Status::Failed, s.error().message(), {}};

    // An unfinished round continues with the options it started with.
    std::optional<store::RoundRecord> current;
    for (const auto& r : ws.rounds().all())
        if (r.status != RunStatus::Done) current = r;
    RoundOptions options = m_options;
    if (current) {
        auto stored = RoundOptions::fromJson(RoundMetrics::fromJson(current->metrics).options);
        if (stored) options = stored.take();
    } else {
        if (options.annotator == AnnotatorKind::Simulated)
            if (Status s = HeadlessAnnotator::requireTruthIn(ws); !s)
                return {JobOutcome::Status::Failed,
                        QStringLiteral("no round started: %1").arg(s.error().message()),
                        {}};
        const auto all = ws.rounds().all();
        const int number = all.empty() ? 1 : all.back().number + 1;
        store::Transaction tx(ws.db());
        const store::Id id = ws.rounds().start(number, options.strategy, options.budget);
        RoundMetrics started;
        started.options = options.toJson();
        ws.rounds().update(id, RunStatus::Running, std::nullopt, started.toJson());
        ws.audit().append(options.actor, QStringLiteral("round.start"), QStringLiteral("rounds"), id,
                          QJsonObject{{"number", number},
                                      {"strategy", key(options.strategy)},
                                      {"budget", options.budget}});
        tx.commit();
        current = ws.rounds().byNumber(number);
    }
    Round r{ws, *current, options, RoundMetrics::fromJson(current->metrics)};
    r.group = m_group;
    const std::vector<RoundStep>& list = allValues<RoundStep>();
    const int from = r.record.step ? int(std::find(list.begin(), list.end(), *r.record.step) - list.begin()) + 1 : 0;
    QElapsedTimer clock;
    clock.start();
    const int count = int(list.size());
    try {
        for (int i = from; i < count; ++i) {
            const jobs::Progress sub = progress.sub(double(i) / count, double(i + 1) / count);
            const RoundStep step = list[std::size_t(i)];
            sub.report(0.0, QStringLiteral("Round %1: %2").arg(r.record.number).arg(key(step)));
            r.stepClock.start();
            Status s;
            switch (step) {
            case RoundStep::Evaluate: s = stepEvaluate(r, sub); break;
            case RoundStep::Prototypes: s = stepPrototypes(r, sub); break;
            case RoundStep::Index: s = stepIndex(r, sub); break;
            case RoundStep::Retrieve: s = stepRetrieve(r, sub); break;
            case RoundStep::Route: s = stepRoute(r, sub); break;
            case RoundStep::Annotate: {
                auto finished = stepAnnotate(r, sub);
                if (!finished) s = finished.error();
                else if (!finished.value())
                    return {JobOutcome::Status::Done,
                            QStringLiteral("round %1 waits for %2 queue items to be annotated").arg(r.record.number).arg(r.loop.pendingHumanItems(r.record.id)),
                            QJsonObject{{"round", r.record.number}, {"waiting", true}}};
                break;
            }
            case RoundStep::Gate: s = stepGate(r, sub); break;
            case RoundStep::Finetune: s = stepFinetune(r, sub); break;
            case RoundStep::Assess: s = stepAssess(r, sub); break;
            }
            if (!s) {
                ws.rounds().update(r.record.id, RunStatus::Failed, r.record.step, r.metrics.toJson());
                return {JobOutcome::Status::Failed,
                        QStringLiteral("round %1, %2: %3").arg(r.record.number).arg(key(step), s.error().message()),
                        {}};
            }
        }
    } catch (const jobs::JobCancelled&) {
        ws.rounds().update(r.record.id, RunStatus::Cancelled, r.record.step, r.metrics.toJson());
        throw;
    } catch (const std::exception& e) {
        ws.rounds().update(r.record.id, RunStatus::Failed, r.record.step, r.metrics.toJson());
        return {JobOutcome::Status::Failed, QStringLiteral("round %1: %2").arg(r.record.number).arg(QString::fromUtf8(e.what())), {}};
    }
    const RoundMetrics& m = r.metrics;
    return {JobOutcome::Status::Done,
            QStringLiteral("round %1 (%2): %3 annotated, %4 human-seconds, checkpoint %5 (%6), test score %7")
                .arg(r.record.number)
                .arg(key(options.strategy))
                .arg(m.retrieval ? m.retrieval->selected : 0)
                .arg(m.annotation ? m.annotation->humanSeconds : 0.0, 0, 'f', 0)
                .arg(m.finetune ? m.finetune->candidate : QString(), m.finetune ? key(m.finetune->decision) : QString())
                .arg(m.assessment.score(), 0, 'f', 4),
            QJsonObject{{"round", r.record.number}, {"metrics", m.toJson()}, {"seconds", clock.elapsed() / 1000.0}}};
}

}  // namespace medq::loop
