#include "pacs/RetrieveStudyJob.h"

#include "pacs/StudyRetrieval.h"

#include <QJsonObject>

namespace medq::pacs {

QString RetrieveStudyJob::title() const {
    return m_studies.size() == 1 ? QStringLiteral("Retrieve a study from %1").arg(m_node.aeTitle)
                                 : QStringLiteral("Retrieve %1 studies from %2").arg(m_studies.size()).arg(m_node.aeTitle);
}

jobs::JobOutcome RetrieveStudyJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    RetrievalReport total;
    QStringList problems;
    for (int i = 0; i < m_studies.size(); ++i) {
        if (progress.isCancelled()) return {JobOutcome::Status::Cancelled, QStringLiteral("cancelled after %1 of %2 studies").arg(i).arg(m_studies.size()), {}};
        progress.report(double(i) / m_studies.size(), QStringLiteral("Retrieving study %1 of %2 from %3").arg(i + 1).arg(m_studies.size()).arg(m_node.text()));
        auto report = retrieveStudy(m_dir, m_callingAe, m_node, m_studies[i], m_destination);
        if (!report) {
            problems << report.error().message();
            continue;
        }
        total.retrieved += report.value().retrieved;
        total.duplicates += report.value().duplicates;
        total.takenIn += report.value().takenIn;
        total.failed += report.value().failed;
    }
    const QJsonObject result{{"retrieved", total.retrieved}, {"duplicates", total.duplicates}, {"takenIn", total.takenIn}, {"failed", total.failed}};
    if (!problems.isEmpty()) return {JobOutcome::Status::Failed, problems.join(QLatin1Char('\n')), result};
    return {JobOutcome::Status::Done, total.summary(), result};
}

}  // namespace medq::pacs
