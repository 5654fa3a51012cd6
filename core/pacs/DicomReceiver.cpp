#include "pacs/DicomReceiver.h"

#include "pacs/AeTitle.h"
#include "pacs/ReceivedIntake.h"
#include "pacs/ReceivedRecord.h"
#include "pacs/ReceiverContexts.h"
#include "store/Workspace.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/dimse.h>
#include <dcmtk/dcmnet/dstorscp.h>

#include <QDir>
#include <QFile>

namespace medq::pacs {
namespace {

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

    // A proposed context the receiver refuses: the sender hears "abstract syntax (or transfer
    // syntaxes) not supported" and cannot send such instances; the log says why.
    void notifyAssociationRequest(const T_ASC_Parameters& params, DcmSCPActionType& desiredAction) override {
        DcmStorageSCP::notifyAssociationRequest(params, desiredAction);
        auto* proposal = const_cast<T_ASC_Parameters*>(&params);  // ASC_getPresentationContext only reads
        const QString caller = QString::fromLatin1(params.DULparams.callingAPTitle);
        for (int i = 0; i < ASC_countPresentationContexts(proposal); ++i) {
            T_ASC_PresentationContext context;
            if (ASC_getPresentationContext(proposal, i, &context).bad()) continue;
            QStringList syntaxes;
            for (int t = 0; t < context.transferSyntaxCount; ++t) syntaxes << QString::fromLatin1(context.proposedTransferSyntaxes[t]);
            const QString reason = ReceiverContexts::refusal(QString::fromLatin1(context.abstractSyntax), syntaxes);
            if (!reason.isEmpty()) m_log(QStringLiteral("refused a proposal from %1: %2").arg(caller, reason));
        }
    }

    // A C-STORE whose data set did not arrive whole (cut short, or the association broke):
    // nothing of it was written or recorded, since storing starts only after the whole data
    // set was read; the sender gets no success.
    OFCondition handleIncomingCommand(T_DIMSE_Message* message, const DcmPresentationContextInfo& info) override {
        const bool isStore = message->CommandField == DIMSE_C_STORE_RQ;
        const QString sopClass = isStore ? QString::fromLatin1(message->msg.CStoreRQ.AffectedSOPClassUID) : QString();
        const OFCondition c = DcmStorageSCP::handleIncomingCommand(message, info);
        if (isStore && c.bad()) {
            ++m_counts.refused;
            m_log(QStringLiteral("refused an instance of class %1 from %2: its data set could not be received whole (%3); nothing was stored")
                      .arg(sopClass, QString::fromLatin1(getPeerAETitle().c_str()), QString::fromLatin1(c.text())));
        }
        return c;
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
    for (const QString& ts : ReceiverContexts::transferSyntaxes()) syntaxes.push_back(ts.toLatin1().constData());
    for (const QString& uid : ReceiverContexts::storageClasses())
        if (OFCondition c = scp.addPresentationContext(uid.toLatin1().constData(), syntaxes); c.bad())
            return Error{uid, QString::fromLatin1(c.text())};
    scp.setConnectionBlockingMode(DUL_NOBLOCK);
    scp.setConnectionTimeout(1);
    // The port is open before "listening" is said: a sender (or the PACS of a C-MOVE, which
    // moveStudy starts on that line) that connects at once is not refused.
    OFCondition c = scp.openListenPort();
    if (c.good()) {
        m_log(QStringLiteral("listening as %1 on port %2; received instances are %3")
                  .arg(title.value()).arg(m_options.port)
                  .arg(m_options.destination == ReceiveDestination::Pool ? QStringLiteral("registered in the pool") : QStringLiteral("imported")));
        c = scp.acceptAssociations();
    }
    if (c.bad() && c != NET_EC_StopAfterConnectionTimeout && c != NET_EC_StopAfterAssociation)
        return Error{QStringLiteral("port %1").arg(m_options.port), QStringLiteral("cannot listen: %1").arg(QString::fromLatin1(c.text()))};
    return {};
}

}  // namespace medq::pacs
