#pragma once
// DICOM > Query PACS > Retrieve as an engine job: for each chosen study, one after another,
// retrieveStudy (C-GET) or moveStudy (C-MOVE to a receiver listening as the node's move
// destination for the time of the move), as the node says (StudyRetrieval.h), with progress
// per study; Cancel stops between studies.
#include "jobs/Job.h"
#include "pacs/PacsNodeList.h"

#include <QStringList>

namespace medq::pacs {

class RetrieveStudyJob : public jobs::Job {
public:
    RetrieveStudyJob(QString workspaceDir, QString callingAe, NamedPacsNode node, QStringList studyUids, ReceiveDestination destination)
        : m_dir(std::move(workspaceDir)), m_callingAe(std::move(callingAe)), m_node(std::move(node)),
          m_studies(std::move(studyUids)), m_destination(destination) {}
    QString kind() const override { return QStringLiteral("pacs.get"); }
    QString title() const override;
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir;
    QString m_callingAe;
    NamedPacsNode m_node;
    QStringList m_studies;
    ReceiveDestination m_destination;
};

}  // namespace medq::pacs
