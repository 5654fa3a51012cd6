#include "pacs/ReceiverContexts.h"

#include <dcmtk/dcmdata/dcuid.h>

#include <QSet>

namespace medq::pacs {
namespace {

QString className(const QString& uid) {
    const char* name = dcmFindNameOfUID(uid.toLatin1().constData(), nullptr);
    return name ? QStringLiteral("%1 (%2)").arg(uid, QString::fromLatin1(name)) : QStringLiteral("%1 (unknown)").arg(uid);
}

}  // namespace

QStringList ReceiverContexts::storageClasses() {
    QStringList classes;
    QSet<QString> seen{QStringLiteral(UID_VerificationSOPClass)};  // an SCP profile names each class once
    for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs; ++i) {
        const QString uid = QString::fromLatin1(dcmLongSCUStorageSOPClassUIDs[i]);
        if (!seen.contains(uid)) {
            seen.insert(uid);
            classes << uid;
        }
    }
    return classes;
}

QStringList ReceiverContexts::transferSyntaxes() {
    // The readers decode these (core/io: DCMTK's JPEG, JPEG-LS and RLE codecs, OpenJPEG for
    // JPEG 2000); uncompressed first so a sender that can offers those.
    return {QStringLiteral(UID_LittleEndianExplicitTransferSyntax), QStringLiteral(UID_LittleEndianImplicitTransferSyntax),
            QStringLiteral(UID_BigEndianExplicitTransferSyntax),    QStringLiteral(UID_JPEGProcess1TransferSyntax),
            QStringLiteral(UID_JPEGProcess2_4TransferSyntax),       QStringLiteral(UID_JPEGProcess14TransferSyntax),
            QStringLiteral(UID_JPEGProcess14SV1TransferSyntax),     QStringLiteral(UID_JPEGLSLosslessTransferSyntax),
            QStringLiteral(UID_JPEGLSLossyTransferSyntax),          QStringLiteral(UID_RLELosslessTransferSyntax),
            QStringLiteral(UID_JPEG2000LosslessOnlyTransferSyntax), QStringLiteral(UID_JPEG2000TransferSyntax)};
}

QString ReceiverContexts::refusal(const QString& abstractSyntax, const QStringList& proposedSyntaxes) {
    if (abstractSyntax == QLatin1String(UID_VerificationSOPClass)) return {};
    static const QStringList classes = storageClasses();
    if (!classes.contains(abstractSyntax))
        return QStringLiteral("SOP class %1 is not one the receiver accepts: its presentation context is refused as "
                              "abstract syntax not supported")
            .arg(className(abstractSyntax));
    static const QStringList syntaxes = transferSyntaxes();
    for (const QString& ts : proposedSyntaxes)
        if (syntaxes.contains(ts)) return {};
    return QStringLiteral("SOP class %1 was offered only in transfer syntaxes the readers cannot decode (%2): "
                          "its presentation context is refused as transfer syntaxes not supported")
        .arg(className(abstractSyntax), proposedSyntaxes.join(QStringLiteral(", ")));
}

}  // namespace medq::pacs
