#pragma once
// `medq pacs find|get`: C-FIND of studies on a PACS (Study Root) and C-GET of one study into
// a folder, as the SCU (DCMTK's DcmSCU). One association per call.
#include "common/Result.h"
#include "pacs/PacsNode.h"

#include <QStringList>
#include <vector>

namespace medq::pacs {

struct StudyQuery {
    QString modality;   // ModalitiesInStudy, e.g. "CT"; empty: any
    QString studyDate;  // a DICOM date or range, e.g. "20240101-20240131"; empty: any
};

// What a lead needs to pick a study; no patient names or IDs are asked for.
struct StudyMatch {
    QString studyUid;
    QString date;
    QString modalities;
    QString description;
    int instances = -1;  // NumberOfStudyRelatedInstances when the PACS gives it
};

struct RetrievedFile {
    QString path;
    QString sopClassUid;
    QString sopInstanceUid;
};

class QueryRetrieve {
public:
    QueryRetrieve(QString callingAeTitle, PacsNode node) : m_callingAe(std::move(callingAeTitle)), m_node(std::move(node)) {}
    Result<std::vector<StudyMatch>> findStudies(const StudyQuery& query) const;
    // Every instance of the study, written to `dir` (which must exist) under new-UID names.
    Result<std::vector<RetrievedFile>> getStudy(const QString& studyUid, const QString& dir) const;
    // C-MOVE of the study to `destinationAe`, which the PACS must know (host and port) and
    // which must be listening; the number of instances the PACS says it sent.
    Result<int> moveStudy(const QString& studyUid, const QString& destinationAe) const;

private:
    QString m_callingAe;
    PacsNode m_node;
};

}  // namespace medq::pacs
