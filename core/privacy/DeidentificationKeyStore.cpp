#include "privacy/DeidentificationKeyStore.h"

#include "store/Workspace.h"

#include <QRandomGenerator>

namespace medq::privacy {

DeidentificationKeys DeidentificationKeyStore::forWorkspace(store::Workspace& ws) {
    const QString shiftKey = QString::fromLatin1(kDateShiftKey);
    const QString secretKey = QString::fromLatin1(kUidSecretKey);
    store::SettingsRepository& settings = ws.settings();
    auto shift = settings.get(shiftKey);
    auto secret = settings.get(secretKey);
    if (!shift || !secret) {
        // Secrets, not experiment parameters: these come from the OS entropy source on
        // purpose, unlike every seeded random choice elsewhere. Offsets of 1 to 10 years into
        // the past keep shifted dates plausible and never in the future.
        QRandomGenerator* random = QRandomGenerator::system();
        const int days = -int(random->bounded(366, 3653));
        QByteArray bytes(32, Qt::Uninitialized);
        random->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
        // Checked again under the write lock: another process may have created them meanwhile.
        store::WriteScope scope(ws.db());
        const bool creating = !settings.get(shiftKey) || !settings.get(secretKey);
        shift = settings.getOrInsert(shiftKey, QString::number(days));
        secret = settings.getOrInsert(secretKey, QString::fromLatin1(bytes.toHex()));
        if (creating)
            ws.audit().append(QStringLiteral("system"), QStringLiteral("privacy.keys.create"), QStringLiteral("settings"),
                              std::nullopt, QJsonObject{{"keys", QJsonArray{shiftKey, secretKey}}});
        scope.commit();
    }
    return {shift->toInt(), QByteArray::fromHex(secret->toLatin1())};
}

}  // namespace medq::privacy
