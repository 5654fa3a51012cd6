#pragma once
// A unit of long work run on the engine thread: reports progress, honours cancel, and
// ends with an outcome. A job that fails or is cancelled leaves the workspace as it was.
#include "common/Vocabulary.h"
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
    // As the jobs table stores it.
    static RunStatus runStatus(Status s) {
        return s == Status::Done ? RunStatus::Done : s == Status::Failed ? RunStatus::Failed : RunStatus::Cancelled;
    }
    static QString statusName(Status s) { return key(runStatus(s)); }
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
