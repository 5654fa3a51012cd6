#pragma once
// What the receiver (DicomReceiver) accepts when a sender proposes presentation contexts:
// the storage SOP classes DCMTK's long SCU list names (at most 120, leaving room under the
// 128-context ceiling) in the transfer syntaxes the readers decode. A proposal outside that
// is refused at negotiation, and the reason goes to the receiver's log.
#include <QString>
#include <QStringList>

namespace medq::pacs {

class ReceiverContexts {
public:
    // The SOP classes offered to senders (Verification excluded: DCMTK's SCP adds it).
    static QStringList storageClasses();
    // Transfer syntaxes the readers decode, uncompressed first.
    static QStringList transferSyntaxes();
    // Why a proposed context (abstract syntax with its transfer syntaxes) is refused, naming
    // the SOP class; empty when it is accepted.
    static QString refusal(const QString& abstractSyntax, const QStringList& proposedSyntaxes);
};

}  // namespace medq::pacs
