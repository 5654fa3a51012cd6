#include "pacs/ReceivedRecord.h"

#include "store/Workspace.h"

#include <QCryptographicHash>

namespace medq::pacs {

QString instanceHash(const QString& sopInstanceUid) {
    return QString::fromLatin1(QCryptographicHash::hash(sopInstanceUid.toLatin1(), QCryptographicHash::Sha256).toHex());
}

bool wasReceived(store::Workspace& ws, const QString& sopInstanceUid) {
    return ws.received().findByHash(instanceHash(sopInstanceUid)).has_value();
}

void recordReceived(store::Workspace& ws, const ReceivedFile& file, ReceiveDestination destination) {
    store::Transaction tx(ws.db());
    store::ReceivedInstanceRecord row;
    row.instanceHash = instanceHash(file.sopInstanceUid);
    row.sopClassUid = file.sopClassUid;
    row.callingAet = file.callingAet;
    row.path = file.path;
    row.destination = destination;
    ws.received().add(row);
    tx.commit();
}

}  // namespace medq::pacs
