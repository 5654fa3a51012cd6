#include "learn/AddOwnModelJob.h"

#include "store/Workspace.h"

namespace medq::learn {

jobs::JobOutcome AddOwnModelJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    progress.report(0.1, QStringLiteral("Loading and checking %1").arg(m_request.import.file));
    auto added = registerOwnModel(*opened.value(), m_request);
    if (!added) return {JobOutcome::Status::Failed, added.error().message(), {}};
    return {JobOutcome::Status::Done,
            QStringLiteral("Added %1%2").arg(added.value(), m_request.makeCurrent ? QStringLiteral(" (current)") : QString()),
            QJsonObject{{"checkpoint", added.value()}}};
}

}  // namespace medq::learn
