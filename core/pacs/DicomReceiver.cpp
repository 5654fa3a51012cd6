#include "pacs/DicomReceiver.h"

#include "pacs/AeTitle.h"
#include "pacs/ReceivedIntake.h"
#include "pacs/ReceivedRecord.h"
#include "store/Workspace.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/dimse.h>
#include <dcmtk/dcmnet/dstorscp.h>

#include <QDir>
#include <QFile>
#include <set>
#include <string>

namespace medq::pacs {
namespace {

// Transfer syntaxes the readers decode (core/io: DCMTK's JPEG, JPEG-LS and RLE codecs,
// OpenJPEG for JPEG 2000), uncompressed first so a sender that can offers those.
const char* const kTransferSyntaxes[] = {
    UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax, UID_BigEndianExplicitTransferSyntax,
    UID_JPEGProcess1TransferSyntax,        UID_JPEGProcess2_4TransferSyntax,       UID_JPEGProcess14TransferSyntax,
    UID_JPEGProcess14SV1TransferSyntax,    UID_JPEGLSLosslessTransferSyntax,       UID_JPEGLSLossyTransferSyntax,
    UID_RLELosslessTransferSyntax,         UID_JPEG2000LosslessOnlyTransferSyntax, UID_JPEG2000TransferSyntax};

class StorageScp : public DcmStorageSCP {
public:
    StorageScp(store::Workspace& ws, const ReceiverOptions& options, const std::atomic<bool>& stop,
               const DicomReceiver::Log& log, ReceiverCounts& counts)
        : m_ws(ws), m_options(options), m_stop(stop), m_log(log), m_counts(counts) {}

protected:
    Uint16 checkAndProcessSTORERequest(const T_DIMSE_C_StoreRQ& request, DcmFileFormat& fileformat) override {
        const QString caller = QString::fromLatin1(getPeerAETitle().c_str());
        const QString what = QStringLiteral("instance of class %1 from %2").arg(QString::fromLatin1(request.AffectedSOPClassUID), caller);
        DcmDataset* dataset = fileformat.getDataset();
        if (!dataset || !dataset->tagExists(DCM_PixelData)) {
            ++m_counts.refused;
            m_log(QStringLiteral("refused an %1: it has no pixel data (a report or presentation state is no image)").arg(what));
            return STATUS_STORE_Error_CannotUnderstand;
        }
        const QString uid = QString::fromLatin1(request.AffectedSOPInstanceUID);
        try {
            if (wasReceived(m_ws, uid)) {
                ++m_counts.duplicates;
                m_log(QStringLiteral("already received this %1: acknowledged, not stored again").arg(what));
                return STATUS_Success;
            }
        } catch (const std::exception& e) {
            return refuse(what, QStringLiteral("the workspace cannot be read: %1").arg(QString::fromUtf8(e.what())));
        }
        m_lastStored.clear();
        const Uint16 status = DcmStorageSCP::checkAndProcessSTORERequest(request, fileformat);
        if (status != STATUS_Success || m_lastStored.isEmpty()) {
            if (!m_lastStored.isEmpty()) QFile::remove(m_lastStored);
            return refuse(what, QStringLiteral("it could not be written to %1").arg(receivedDir()),
                          status != STATUS_Success ? status : Uint16(STATUS_STORE_Refused_OutOfResources));
        }
        try {
            recordReceived(m_ws, {m_lastStored, QString::fromLatin1(request.AffectedSOPClassUID), uid, caller}, m_options.destination);
        } catch (const std::exception& e) {
            QFile::remove(m_lastStored);
            return refuse(what, QStringLiteral("it could not be recorded: %1").arg(QString::fromUtf8(e.what())));
        }
        ++m_counts.stored;
        m_log(QStringLiteral("stored an %1 as %2").arg(what, QDir(receivedDir()).relativeFilePath(m_lastStored)));
        return STATUS_Success;
    }

    void notifyInstanceStored(const OFString& filename, const OFString&, const OFString&, DcmDataset*) const override {
        m_lastStored = QString::fromLocal8Bit(filename.c_str());
    }

    // After each association, what it brought is imported or registered.
    void notifyAssociationTermination() override {
        DcmStorageSCP::notifyAssociationTermination();
        takeIn();
    }

    OFBool stopAfterConnectionTimeout() override { return m_stop.load(); }
    OFBool stopAfterCurrentAssociation() override { return m_stop.load(); }

public:
    QString receivedDir() const { return m_ws.dir().filePath(QStringLiteral("received")); }

    void takeIn() {
        auto report = ReceivedIntake::run(m_ws, m_options.workspaceDir, m_options.deidentify);
        if (!report) {
            m_log(QStringLiteral("intake failed: %1").arg(report.error().message()));
            return;
        }
        m_counts.takenIn += report.value().done;
        m_counts.failed += report.value().failed;
        if (report.value().done + report.value().failed + report.value().deferred > 0)
            m_log(QStringLiteral("%1 (%2)").arg(report.value().summary(), key(m_options.destination)));
    }

private:
    Uint16 refuse(const QString& what, const QString& reason, Uint16 status = STATUS_STORE_Refused_OutOfResources) {
        ++m_counts.refused;
        m_log(QStringLiteral("refused an %1: %2").arg(what, reason));
        return status;
    }

    store::Workspace& m_ws;
    const ReceiverOptions& m_options;
    const std::atomic<bool>& m_stop;
    const DicomReceiver::Log& m_log;
    ReceiverCounts& m_counts;
    mutable QString m_lastStored;  // set by notifyInstanceStored during the base's processing
};

}  // namespace

Status DicomReceiver::run(const std::atomic<bool>& stop) {
    auto title = checkedAeTitle(m_options.aeTitle);
    if (!title) return title.error();
    auto opened = store::Workspace::open(m_options.workspaceDir);
    if (!opened) return opened.error();
    store::Workspace& ws = *opened.value();
    StorageScp scp(ws, m_options, stop, m_log, m_counts);
    if (!QDir().mkpath(scp.receivedDir())) return Error{scp.receivedDir(), QStringLiteral("cannot create the folder")};
    scp.takeIn();  // what a killed run recorded but did not take in

    scp.setAETitle(title.value().toStdString().c_str());
    scp.setPort(m_options.port);
    // New UIDs as file names: the received files' names carry nothing of the patient's.
    scp.setFilenameGenerationMode(DcmStorageSCP::FGM_UniqueFromNewUID);
    scp.setDirectoryGenerationMode(DcmStorageSCP::DGM_NoSubdirectory);
    scp.setFilenameExtension(".dcm");
    if (OFCondition c = scp.setOutputDirectory(scp.receivedDir().toLocal8Bit().constData()); c.bad())
        return Error{scp.receivedDir(), QString::fromLatin1(c.text())};
    OFList<OFString> syntaxes;
    for (const char* ts : kTransferSyntaxes) syntaxes.push_back(ts);
    // An SCP profile may name each SOP class once; DcmStorageSCP has added Verification.
    std::set<std::string> classes{UID_VerificationSOPClass};
    for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs; ++i)
        if (classes.insert(dcmLongSCUStorageSOPClassUIDs[i]).second)
            if (OFCondition c = scp.addPresentationContext(dcmLongSCUStorageSOPClassUIDs[i], syntaxes); c.bad())
                return Error{QString::fromLatin1(dcmLongSCUStorageSOPClassUIDs[i]), QString::fromLatin1(c.text())};
    scp.setConnectionBlockingMode(DUL_NOBLOCK);
    scp.setConnectionTimeout(1);
    m_log(QStringLiteral("listening as %1 on port %2; received instances are %3")
              .arg(title.value()).arg(m_options.port)
              .arg(m_options.destination == ReceiveDestination::Pool ? QStringLiteral("registered in the pool") : QStringLiteral("imported")));
    const OFCondition c = scp.listen();
    if (c.bad() && c != NET_EC_StopAfterConnectionTimeout && c != NET_EC_StopAfterAssociation)
        return Error{QStringLiteral("port %1").arg(m_options.port), QStringLiteral("cannot listen: %1").arg(QString::fromLatin1(c.text()))};
    return {};
}

}  // namespace medq::pacs
