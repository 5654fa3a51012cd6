#include "lab/ExpertReferenceJob.h"

#include "learn/ExpertBaseline.h"
#include "loop/RoundMetrics.h"
#include "loop/RoundOptions.h"
#include "store/Workspace.h"

#include <QCoreApplication>

namespace medq::gui {

QString ExpertReferenceJob::title() const {
    return QCoreApplication::translate("medq::gui::ExpertReferenceJob", "Score the simulated expert");
}

jobs::JobOutcome ExpertReferenceJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    store::Workspace& ws = *opened.value();
    // The annotator the rounds were run with (the latest round's), else the defaults.
    synth::AnnotatorConfig config;
    const auto rounds = ws.rounds().all();
    if (!rounds.empty()) {
        const auto options = loop::RoundOptions::fromJson(loop::RoundMetrics::fromJson(rounds.back().metrics).options);
        if (options && !options.value().annotatorConfig.isEmpty()) {
            auto loaded = synth::AnnotatorConfig::load(options.value().annotatorConfig);
            if (!loaded) return {JobOutcome::Status::Failed, loaded.error().message(), {}};
            config = loaded.take();
        }
    }
    progress.report(0.1, QCoreApplication::translate("medq::gui::ExpertReferenceJob", "Simulated expert answers the test split"));
    progress.checkCancelled();
    const learn::BaselineReport report = learn::ExpertBaseline::evaluate(ws, QStringLiteral("test"), config);
    progress.report(1.0, QCoreApplication::translate("medq::gui::ExpertReferenceJob", "Scored"));
    // Imported images have no ground truth: nothing to score is an answer, not a failure (the
    // dashboard keeps the default figures).
    if (report.perception.overall.total == 0 && report.descriptions == 0)
        return {JobOutcome::Status::Done,
                QCoreApplication::translate("medq::gui::ExpertReferenceJob", "no synthetic test tasks to score the simulated expert on"),
                {}};
    return {JobOutcome::Status::Done,
            QCoreApplication::translate("medq::gui::ExpertReferenceJob", "simulated expert: accuracy %1, rubric %2")
                .arg(report.perception.overall.accuracy(), 0, 'f', 3).arg(report.meanRubricTotal, 0, 'f', 2),
            QJsonObject{{"accuracy", report.perception.overall.accuracy()}, {"rubric", report.meanRubricTotal},
                        {"descriptions", report.descriptions}, {"perceptionTotal", report.perception.overall.total}}};
}

}  // namespace medq::gui
