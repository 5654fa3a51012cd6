#include "ingest/DemoWorkspaceJob.h"

#include "annotate/ReviewQueueSeeder.h"
#include "ingest/ImportJob.h"
#include "ingest/SampleCatalog.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <map>

namespace medq::ingest {

QString DemoWorkspaceJob::defaultLocation() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/medq/demo");
}

jobs::JobOutcome DemoWorkspaceJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    const auto samples = SampleCatalog::installed();
    if (samples.empty())
        return {JobOutcome::Status::Failed,
                QStringLiteral("no sample images found: run installer/install-deps.sh first"), {}};
    if (!store::Workspace::exists(m_dir)) {
        auto created = store::Workspace::create(m_dir);
        if (!created) return {JobOutcome::Status::Failed, created.error().message(), {}};
    }
    // One import per modality so each sample keeps the modality it is known to show.
    std::map<int, QStringList> byModality;
    for (const auto& s : samples) byModality[int(s.modality)] << s.path;
    int imported = 0, duplicates = 0, step = 0;
    QJsonArray failures;
    for (const auto& [modality, paths] : byModality) {
        ImportOptions options;
        options.inputs = paths;
        options.modality = Modality(modality);
        options.actor = QStringLiteral("demo");
        ImportJob job(m_dir, options);
        const double from = 0.9 * step / double(byModality.size());
        const double to = 0.9 * (step + 1) / double(byModality.size());
        ++step;
        const JobOutcome out = job.run(progress.sub(from, to));
        if (out.status != JobOutcome::Status::Done) return out;
        imported += out.result.value(QStringLiteral("imported")).toInt();
        duplicates += out.result.value(QStringLiteral("duplicates")).toInt();
        for (const auto& f : out.result.value(QStringLiteral("failures")).toArray()) failures.append(f);
    }
    progress.checkCancelled();
    progress.report(0.95, QStringLiteral("Queueing images for review"));
    auto ws = store::Workspace::open(m_dir);
    if (!ws) return {JobOutcome::Status::Failed, ws.error().message(), {}};
    const int queued = annotate::ReviewQueueSeeder::queueImagesWithoutTasks(
        *ws.value(), Queue::Expert, QStringLiteral("demo sample: a real image to review"));
    progress.report(1.0, QStringLiteral("Demo workspace ready"));
    return {JobOutcome::Status::Done,
            QStringLiteral("demo workspace %1: imported %2, %3 already present, %4 queued for review")
                .arg(m_dir).arg(imported).arg(duplicates).arg(queued),
            QJsonObject{{"imported", imported}, {"duplicates", duplicates}, {"queued", queued}, {"failures", failures},
                        {"workspace", m_dir}}};
}

}  // namespace medq::ingest
