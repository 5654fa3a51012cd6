#pragma once
// A unit of long work run on the engine thread: reports progress, honours cancel, and
// ends with an outcome. A job that fails or is cancelled leaves the workspace as it was.
#include "jobs/Progress.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace medq::jobs {

struct JobOutcome {
    enum class Status { Done, Failed, Cancelled };
    Status status = Status::Done;
    QString message;     // user-facing summary or error
    QJsonObject result;  // machine-readable figures
    bool ok() const { return status == Status::Done; }
    static QString statusName(Status s) {
        return s == Status::Done ? QStringLiteral("done")
               : s == Status::Failed ? QStringLiteral("failed") : QStringLiteral("cancelled");
    }
};

class Job {
public:
    virtual ~Job() = default;
    virtual QString kind() const = 0;   // "import", "synth", "train", ...
    virtual QString title() const = 0;  // shown in the engine panel
    // Runs on the engine thread. May throw JobCancelled (via Progress::checkCancelled).
    virtual JobOutcome run(const Progress& progress) = 0;
};

}  // namespace medq::jobs

Q_DECLARE_METATYPE(medq::jobs::JobOutcome)
