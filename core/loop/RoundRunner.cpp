#include "loop/RoundRunner.h"

#include "loop/RoundSteps.h"
#include "store/Permissions.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <optional>

namespace medq::loop {

using jobs::JobOutcome;
using namespace round;

const QStringList& RoundRunner::steps() {
    static const QStringList list{QStringLiteral("evaluate"), QStringLiteral("prototypes"), QStringLiteral("index"),
                                  QStringLiteral("retrieve"), QStringLiteral("route"), QStringLiteral("annotate"),
                                  QStringLiteral("gate"), QStringLiteral("finetune"), QStringLiteral("assess")};
    return list;
}

JobOutcome RoundRunner::run(const jobs::Progress& progress) {
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
        if (r.status != QLatin1String("done")) current = r;
    RoundOptions options = m_options;
    if (current) {
        auto stored = RoundOptions::fromJson(current->metrics.value(QStringLiteral("options")).toObject());
        if (stored) options = stored.take();
    } else {
        const auto all = ws.rounds().all();
        const int number = all.empty() ? 1 : all.back().number + 1;
        store::Transaction tx(ws.db());
        const store::Id id = ws.rounds().start(number, options.strategy, options.budget);
        ws.rounds().update(id, QStringLiteral("running"), QString(), QJsonObject{{"options", options.toJson()}});
        ws.audit().append(options.actor, QStringLiteral("round.start"), QStringLiteral("rounds"), id,
                          QJsonObject{{"number", number}, {"strategy", options.strategy}, {"budget", options.budget}});
        tx.commit();
        current = ws.rounds().byNumber(number);
    }
    Round r{ws, *current, options, current->metrics};
    const QStringList& list = steps();
    const int from = r.record.step.isEmpty() ? 0 : int(list.indexOf(r.record.step)) + 1;
    QElapsedTimer clock;
    clock.start();
    try {
        for (int i = from; i < list.size(); ++i) {
            const jobs::Progress sub = progress.sub(double(i) / list.size(), double(i + 1) / list.size());
            sub.report(0.0, QStringLiteral("Round %1: %2").arg(r.record.number).arg(list[i]));
            Status s;
            const QString& step = list[i];
            if (step == QLatin1String("evaluate")) s = stepEvaluate(r, sub);
            else if (step == QLatin1String("prototypes")) s = stepPrototypes(r, sub);
            else if (step == QLatin1String("index")) s = stepIndex(r, sub);
            else if (step == QLatin1String("retrieve")) s = stepRetrieve(r, sub);
            else if (step == QLatin1String("route")) s = stepRoute(r, sub);
            else if (step == QLatin1String("annotate")) {
                auto finished = stepAnnotate(r, sub);
                if (!finished) s = finished.error();
                else if (!finished.value())
                    return {JobOutcome::Status::Done,
                            QStringLiteral("round %1 waits for %2 queue items to be annotated").arg(r.record.number).arg(r.loop.pendingHumanItems(r.record.id)),
                            QJsonObject{{"round", r.record.number}, {"waiting", true}}};
            } else if (step == QLatin1String("gate")) s = stepGate(r, sub);
            else if (step == QLatin1String("finetune")) s = stepFinetune(r, sub);
            else s = stepAssess(r, sub);
            if (!s) {
                ws.rounds().update(r.record.id, QStringLiteral("failed"), r.record.step, r.metrics);
                return {JobOutcome::Status::Failed, QStringLiteral("round %1, %2: %3").arg(r.record.number).arg(step, s.error().message()), {}};
            }
        }
    } catch (const jobs::JobCancelled&) {
        ws.rounds().update(r.record.id, QStringLiteral("cancelled"), r.record.step, r.metrics);
        throw;
    } catch (const std::exception& e) {
        ws.rounds().update(r.record.id, QStringLiteral("failed"), r.record.step, r.metrics);
        return {JobOutcome::Status::Failed, QStringLiteral("round %1: %2").arg(r.record.number).arg(QString::fromUtf8(e.what())), {}};
    }
    const QJsonObject assessment = r.metrics.value(QStringLiteral("assessment")).toObject();
    const QJsonObject finetune = r.metrics.value(QStringLiteral("finetune")).toObject();
    return {JobOutcome::Status::Done,
            QStringLiteral("round %1 (%2): %3 annotated, %4 human-seconds, checkpoint %5 (%6), test score %7")
                .arg(r.record.number).arg(options.strategy)
                .arg(r.metrics.value(QStringLiteral("retrieval")).toObject().value(QStringLiteral("selected")).toInt())
                .arg(r.metrics.value(QStringLiteral("annotation")).toObject().value(QStringLiteral("humanSeconds")).toDouble(), 0, 'f', 0)
                .arg(finetune.value(QStringLiteral("candidate")).toString(), finetune.value(QStringLiteral("decision")).toString())
                .arg(assessment.value(QStringLiteral("score")).toDouble(), 0, 'f', 4),
            QJsonObject{{"round", r.record.number}, {"metrics", r.metrics}, {"seconds", clock.elapsed() / 1000.0}}};
}

}  // namespace medq::loop
