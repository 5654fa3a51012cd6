#include "pacs/QueryRetrieve.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scu.h>

#include <QDir>
#include <memory>
#include <set>
#include <string>

namespace medq::pacs {
namespace {

OFList<OFString> uncompressed() {
    OFList<OFString> ts;
    ts.push_back(UID_LittleEndianExplicitTransferSyntax);
    ts.push_back(UID_LittleEndianImplicitTransferSyntax);
    return ts;
}

// Files named by a fresh UID, never the instance's own (it identifies the patient's study).
class RetrievingScu : public DcmSCU {
public:
    explicit RetrievingScu(QString dir) : m_dir(std::move(dir)) {}

protected:
    OFString createStorageFilename(DcmDataset*) override {
        char uid[100];
        dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
        return QDir(m_dir).filePath(QStringLiteral("GET.%1.dcm").arg(QString::fromLatin1(uid))).toLocal8Bit().constData();
    }

private:
    QString m_dir;
};

QString text(DcmItem& item, const DcmTagKey& tag) {
    OFString value;
    item.findAndGetOFStringArray(tag, value);
    return QString::fromLatin1(value.c_str()).trimmed();
}

template <typename Response>
struct Responses {
    OFList<Response*> list;
    ~Responses() {
        for (Response* r : list) delete r;
    }
};

// Opens an association with the contexts added to `scu`; the error names the node.
Status connect(DcmSCU& scu, const QString& callingAe, const PacsNode& node) {
    scu.setAETitle(callingAe.toStdString().c_str());
    scu.setPeerHostName(node.host.toStdString().c_str());
    scu.setPeerPort(node.port);
    scu.setPeerAETitle(node.aeTitle.toStdString().c_str());
    scu.setACSETimeout(10);
    scu.setDIMSETimeout(60);
    scu.setConnectionTimeout(10);
    if (OFCondition c = scu.initNetwork(); c.bad()) return Error{node.text(), QString::fromLatin1(c.text())};
    if (OFCondition c = scu.negotiateAssociation(); c.bad())
        return Error{node.text(), QStringLiteral("no association: %1 (is the PACS up, and does it know the AE title %2?)")
                                      .arg(QString::fromLatin1(c.text()), callingAe)};
    return {};
}

}  // namespace

Result<std::vector<StudyMatch>> QueryRetrieve::findStudies(const StudyQuery& query) const {
    DcmSCU scu;
    scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, uncompressed());
    if (Status s = connect(scu, m_callingAe, m_node); !s) return s.error();
    const T_ASC_PresentationContextID context = scu.findPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
    if (context == 0) {
        scu.releaseAssociation();
        return Error{m_node.text(), QStringLiteral("the PACS refused study queries (C-FIND, Study Root)")};
    }
    DcmDataset keys;
    keys.putAndInsertOFStringArray(DCM_QueryRetrieveLevel, "STUDY");
    keys.putAndInsertOFStringArray(DCM_StudyInstanceUID, "");
    keys.putAndInsertOFStringArray(DCM_StudyDate, query.studyDate.toStdString().c_str());
    keys.putAndInsertOFStringArray(DCM_ModalitiesInStudy, query.modality.toStdString().c_str());
    keys.putAndInsertOFStringArray(DCM_StudyDescription, "");
    keys.putAndInsertOFStringArray(DCM_NumberOfStudyRelatedInstances, "");
    Responses<QRResponse> responses;
    const OFCondition c = scu.sendFINDRequest(context, &keys, &responses.list);
    scu.releaseAssociation();
    if (c.bad()) return Error{m_node.text(), QStringLiteral("the study query failed: %1").arg(QString::fromLatin1(c.text()))};
    std::vector<StudyMatch> out;
    for (QRResponse* r : responses.list) {
        if (!r->m_dataset) continue;  // the final response carries no match
        StudyMatch m;
        m.studyUid = text(*r->m_dataset, DCM_StudyInstanceUID);
        m.date = text(*r->m_dataset, DCM_StudyDate);
        m.modalities = text(*r->m_dataset, DCM_ModalitiesInStudy);
        m.description = text(*r->m_dataset, DCM_StudyDescription);
        bool ok = false;
        const int n = text(*r->m_dataset, DCM_NumberOfStudyRelatedInstances).toInt(&ok);
        m.instances = ok ? n : -1;
        if (!m.studyUid.isEmpty()) out.push_back(std::move(m));
    }
    return out;
}

Result<std::vector<RetrievedFile>> QueryRetrieve::getStudy(const QString& studyUid, const QString& dir) const {
    RetrievingScu scu(dir);
    scu.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, uncompressed());
    // C-GET brings the instances over the same association: we take the storage (SCP) role.
    std::set<std::string> classes;
    for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs; ++i)
        if (classes.insert(dcmLongSCUStorageSOPClassUIDs[i]).second)
            scu.addPresentationContext(dcmLongSCUStorageSOPClassUIDs[i], uncompressed(), ASC_SC_ROLE_SCP);
    scu.setStorageDir(dir.toLocal8Bit().constData());
    scu.setStorageMode(DCMSCU_STORAGE_DISK);
    if (Status s = connect(scu, m_callingAe, m_node); !s) return s.error();
    const T_ASC_PresentationContextID context = scu.findPresentationContextID(UID_GETStudyRootQueryRetrieveInformationModel, "");
    if (context == 0) {
        scu.releaseAssociation();
        return Error{m_node.text(), QStringLiteral("the PACS refused retrieval by C-GET (Study Root)")};
    }
    DcmDataset keys;
    keys.putAndInsertOFStringArray(DCM_QueryRetrieveLevel, "STUDY");
    keys.putAndInsertOFStringArray(DCM_StudyInstanceUID, studyUid.toStdString().c_str());
    Responses<RetrieveResponse> responses;
    const OFCondition c = scu.sendCGETRequest(context, &keys, &responses.list);
    scu.releaseAssociation();
    if (c.bad()) return Error{m_node.text(), QStringLiteral("the retrieval failed: %1").arg(QString::fromLatin1(c.text()))};
    int failed = 0;
    if (!responses.list.empty()) failed = responses.list.back()->m_numberOfFailedSubops;
    std::vector<RetrievedFile> out;
    for (const QString& name : QDir(dir).entryList({QStringLiteral("GET.*.dcm")}, QDir::Files, QDir::Name)) {
        DcmFileFormat file;
        const QString path = QDir(dir).filePath(name);
        if (file.loadFileUntilTag(path.toLocal8Bit().constData(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect,
                                  DCM_PixelData)
                .bad())
            continue;
        out.push_back({path, text(*file.getDataset(), DCM_SOPClassUID), text(*file.getDataset(), DCM_SOPInstanceUID)});
    }
    if (out.empty())
        return Error{studyUid, failed ? QStringLiteral("the PACS sent none of the study's instances (%1 failed)").arg(failed)
                                      : QStringLiteral("the PACS has no instances of this study")};
    return out;
}

Result<int> QueryRetrieve::moveStudy(const QString& studyUid, const QString& destinationAe) const {
    DcmSCU scu;
    scu.addPresentationContext(UID_MOVEStudyRootQueryRetrieveInformationModel, uncompressed());
    if (Status s = connect(scu, m_callingAe, m_node); !s) return s.error();
    const T_ASC_PresentationContextID context = scu.findPresentationContextID(UID_MOVEStudyRootQueryRetrieveInformationModel, "");
    if (context == 0) {
        scu.releaseAssociation();
        return Error{m_node.text(), QStringLiteral("the PACS refused retrieval by C-MOVE (Study Root)")};
    }
    DcmDataset keys;
    keys.putAndInsertOFStringArray(DCM_QueryRetrieveLevel, "STUDY");
    keys.putAndInsertOFStringArray(DCM_StudyInstanceUID, studyUid.toStdString().c_str());
    Responses<RetrieveResponse> responses;
    const OFCondition c = scu.sendMOVERequest(context, destinationAe.toStdString().c_str(), &keys, &responses.list);
    scu.releaseAssociation();
    if (c.bad()) return Error{m_node.text(), QStringLiteral("the move failed: %1").arg(QString::fromLatin1(c.text()))};
    if (responses.list.empty()) return Error{m_node.text(), QStringLiteral("the PACS did not answer the move")};
    const RetrieveResponse& last = *responses.list.back();
    if (last.m_status != STATUS_Success && last.m_numberOfCompletedSubops == 0)
        return Error{studyUid, QStringLiteral("the PACS sent nothing to %1 (status 0x%2, %3 failed): does it know %1's host and port?")
                                   .arg(destinationAe).arg(last.m_status, 4, 16, QLatin1Char('0')).arg(last.m_numberOfFailedSubops)};
    return int(last.m_numberOfCompletedSubops);
}

}  // namespace medq::pacs
