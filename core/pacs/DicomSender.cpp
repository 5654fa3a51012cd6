#include "pacs/DicomSender.h"

#include <dcmtk/dcmnet/dstorscu.h>

#include <QFile>
#include <QHash>

namespace medq::pacs {
namespace {

// Keeps each instance's outcome as DcmStorageSCU reports it.
class ReportingStorageScu : public DcmStorageSCU {
public:
    QHash<QString, SentFile> outcomes;  // by file name

protected:
    void notifySOPInstanceSent(const TransferEntry& entry) override {
        SentFile f;
        f.path = QString::fromLocal8Bit(entry.Filename.getCharPointer());
        f.sopInstanceUid = QString::fromLatin1(entry.SOPInstanceUID.c_str());
        const Uint16 code = entry.ResponseStatusCode;
        const QString hex = QStringLiteral("0x") + QString::number(code, 16).rightJustified(4, QLatin1Char('0')).toUpper();
        if (!entry.RequestSent) {
            f.status = QStringLiteral("not sent (no presentation context the PACS accepted)");
        } else if (code == STATUS_Success) {
            f.stored = true;
            f.status = QStringLiteral("stored");
        } else if ((code & 0xF000) == 0xB000) {  // PS3.7 C.4.2.1.4: warnings mean stored
            f.stored = true;
            f.status = QStringLiteral("stored with warning %1").arg(hex);
        } else {
            f.status = QStringLiteral("refused, status %1").arg(hex);
        }
        outcomes.insert(f.path, f);
    }
};

}  // namespace

Result<std::vector<SentFile>> DicomSender::send(const QStringList& files) const {
    if (files.isEmpty()) return std::vector<SentFile>{};
    ReportingStorageScu scu;
    for (const QString& path : files) {
        if (OFCondition c = scu.addDicomFile(OFFilename(QFile::encodeName(path).constData()), ERM_fileOnly, OFTrue); c.bad())
            return Error{path, QStringLiteral("not a DICOM file to send: %1").arg(QString::fromLatin1(c.text()))};
    }
    scu.setAETitle(m_callingAe.toStdString().c_str());
    scu.setPeerHostName(m_node.host.toStdString().c_str());
    scu.setPeerPort(m_node.port);
    scu.setPeerAETitle(m_node.aeTitle.toStdString().c_str());
    scu.setACSETimeout(10);
    scu.setDIMSETimeout(60);
    scu.setConnectionTimeout(10);
    // The contexts come from the files' SOP classes and must be there before the network.
    if (OFCondition c = scu.addPresentationContexts(); c.bad())
        return Error{m_node.text(), QStringLiteral("cannot propose the files' SOP classes: %1").arg(QString::fromLatin1(c.text()))};
    if (OFCondition c = scu.initNetwork(); c.bad()) return Error{m_node.text(), QString::fromLatin1(c.text())};
    if (OFCondition c = scu.negotiateAssociation(); c.bad())
        return Error{m_node.text(), QStringLiteral("no association: %1 (is the PACS up, and does it know the AE title %2?)")
                                        .arg(QString::fromLatin1(c.text()), m_callingAe)};
    const OFCondition sent = scu.sendSOPInstances();
    scu.releaseAssociation();
    if (sent.bad() && scu.outcomes.isEmpty())
        return Error{m_node.text(), QStringLiteral("sending failed: %1").arg(QString::fromLatin1(sent.text()))};
    std::vector<SentFile> out;
    for (const QString& path : files) {
        // DcmStorageSCU reports files by the name they were added under.
        SentFile f = scu.outcomes.value(QString::fromLocal8Bit(QFile::encodeName(path)));
        if (f.path.isEmpty()) f = {path, {}, false, QStringLiteral("not sent: %1").arg(QString::fromLatin1(sent.text()))};
        f.path = path;
        out.push_back(f);
    }
    return out;
}

}  // namespace medq::pacs
