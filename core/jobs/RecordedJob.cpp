#include "jobs/RecordedJob.h"

#include <exception>

namespace medq::jobs {

JobOutcome RecordedJob::run(const Progress& progress) {
    const std::int64_t id = m_onStart ? m_onStart(kind(), title()) : 0;
    JobOutcome outcome;
    try {
        outcome = m_inner->run(progress);
    } catch (const JobCancelled&) {
        if (m_onFinish) m_onFinish(id, {JobOutcome::Status::Cancelled, QStringLiteral("cancelled"), {}});
        throw;
    } catch (const std::exception& e) {
        outcome = {JobOutcome::Status::Failed, QString::fromUtf8(e.what()), {}};
    }
    if (m_onFinish) m_onFinish(id, outcome);
    return outcome;
}

}  // namespace medq::jobs
