#include "pacs/RetrieveStudyJob.h"

#include "pacs/StudyRetrieval.h"

#include <QJsonObject>

namespace medq::pacs {

QString RetrieveStudyJob::title() const {
    const QString by = m_node.retrieve == RetrieveMethod::Move ? QStringLiteral("C-MOVE") : QStringLiteral("C-GET");
    return m_studies.size() == 1 ? QStringLiteral("Retrieve a study from %1 by %2").arg(m_node.node.aeTitle, by)
                                 : QStringLiteral("Retrieve %1 studies from %2 by %3").arg(m_studies.size()).arg(m_node.node.aeTitle, by);
}

jobs::JobOutcome RetrieveStudyJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    RetrievalReport total;
    QStringList problems;
    for (int i = 0; i < m_studies.size(); ++i) {
        if (progress.isCancelled()) return {JobOutcome::Status::Cancelled, QStringLiteral("cancelled after %1 of %2 studies").arg(i).arg(m_studies.size()), {}};
        progress.report(double(i) / m_studies.size(),
                        QStringLiteral("Retrieving study %1 of %2 from %3").arg(i + 1).arg(m_studies.size()).arg(m_node.description()));
        auto report = m_node.retrieve == RetrieveMethod::Move
                          ? moveStudy(m_dir, m_node.moveDestination, m_node.node, m_studies[i], m_destination, m_node.movePort)
                          : retrieveStudy(m_dir, m_callingAe, m_node.node, m_studies[i], m_destination);
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
    const QString where = m_node.name.isEmpty() ? m_node.node.text() : QStringLiteral("PACS node %1").arg(m_node.name);
    if (!problems.isEmpty()) return {JobOutcome::Status::Failed, QStringLiteral("%1: %2").arg(where, problems.join(QLatin1Char('\n'))), result};
    return {JobOutcome::Status::Done,
            QStringLiteral("%1 (%2 by %3)").arg(total.summary(), where, m_node.retrieve == RetrieveMethod::Move ? QStringLiteral("C-MOVE") : QStringLiteral("C-GET")),
            result};
}

}  // namespace medq::pacs
