#include "store/AuditChain.h"

#include <QCryptographicHash>

namespace medq::store {
namespace {

void addField(QCryptographicHash& h, const QByteArray& bytes) {
    h.addData(QByteArray::number(bytes.size()));
    h.addData(QByteArrayView(":"));
    h.addData(bytes);
    h.addData(QByteArrayView("|"));
}

struct StoredHead {
    Id id = 0;
    QString hash;
};

std::optional<StoredHead> readHead(SqliteConnection& db) {
    Statement s = db.prepare("SELECT value FROM settings WHERE key=?");
    s.bind(1, QString::fromLatin1(AuditChain::kHeadSetting));
    if (!s.step()) return std::nullopt;
    const QStringList parts = s.columnText(0).split(QLatin1Char(' '));
    if (parts.size() != 2) return StoredHead{-1, {}};
    return StoredHead{parts[0].toLongLong(), parts[1]};
}

}  // namespace

QString AuditChain::genesisHash() { return QString(64, QLatin1Char('0')); }

QString AuditChain::rowHash(const QString& prevHash, const QString& at, const QString& actor, const QString& action,
                            const QString& entity, std::optional<Id> entityId, const QString& detailsText) {
    QCryptographicHash h(QCryptographicHash::Sha256);
    addField(h, prevHash.toUtf8());
    addField(h, at.toUtf8());
    addField(h, actor.toUtf8());
    addField(h, action.toUtf8());
    addField(h, entity.toUtf8());
    addField(h, entityId ? QByteArray::number(qlonglong(*entityId)) : QByteArray());
    addField(h, detailsText.toUtf8());
    return QString::fromLatin1(h.result().toHex());
}

std::optional<std::pair<Id, QString>> AuditChain::lastRow(SqliteConnection& db) {
    Statement s = db.prepare("SELECT id, COALESCE(hash, '') FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!s.step()) return std::nullopt;
    return std::make_pair(s.columnInt(0), s.columnText(1));
}

void AuditChain::recordHead(SqliteConnection& db, Id id, const QString& hash) {
    Statement s = db.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES(?, ?)");
    s.bind(1, QString::fromLatin1(kHeadSetting)).bind(2, QStringLiteral("%1 %2").arg(id).arg(hash));
    s.run();
}

void AuditChain::chainUnhashedRows(SqliteConnection& db) {
    WriteScope scope(db);
    QString prev = genesisHash();
    Id lastId = 0;
    bool any = false;
    std::vector<std::pair<Id, std::pair<QString, QString>>> updates;  // id -> (prev, hash)
    {
        Statement s = db.prepare(
            "SELECT id, at, actor, action, entity, entity_id, details, hash FROM audit_log ORDER BY id");
        while (s.step()) {
            any = true;
            lastId = s.columnInt(0);
            if (!s.columnIsNull(7)) {  // already chained: continue from it
                prev = s.columnText(7);
                continue;
            }
            const QString hash = rowHash(prev, s.columnText(1), s.columnText(2), s.columnText(3), s.columnText(4),
                                         s.columnOptionalInt(5), s.columnText(6));
            updates.push_back({lastId, {prev, hash}});
            prev = hash;
        }
    }
    Statement u = db.prepare("UPDATE audit_log SET prev_hash=?, hash=? WHERE id=?");
    for (const auto& [id, hashes] : updates) {
        u.bind(1, hashes.first).bind(2, hashes.second).bind(3, id);
        u.run();
    }
    if (any) recordHead(db, lastId, prev);
    scope.commit();
}

AuditVerification AuditChain::verify(SqliteConnection& db) {
    AuditVerification v;
    auto broken = [&v](Id id, const QString& reason) {
        v.intact = false;
        v.brokenRow = id;
        v.reason = reason;
        return v;
    };
    const auto head = readHead(db);
    QString prev = genesisHash();
    Id prevId = 0;
    std::optional<Id> firstAfterHead;  // a row behind the recorded head was appended outside AuditLog
    Statement s = db.prepare(
        "SELECT id, at, actor, action, entity, entity_id, details, prev_hash, hash FROM audit_log ORDER BY id");
    while (s.step()) {
        const Id id = s.columnInt(0);
        if (head && id > head->id && !firstAfterHead) firstAfterHead = id;
        if (s.columnIsNull(8) || s.columnIsNull(7)) return broken(id, QStringLiteral("row has no hash"));
        const QString storedPrev = s.columnText(7);
        const QString storedHash = s.columnText(8);
        if (storedPrev != prev) {
            return broken(id, prevId == 0 ? QStringLiteral("first row does not start the chain (rows before it were deleted)")
                                          : QStringLiteral("does not link to row %1 (a row between them was deleted, "
                                                           "inserted or changed)").arg(prevId));
        }
        const QString computed = rowHash(prev, s.columnText(1), s.columnText(2), s.columnText(3), s.columnText(4),
                                         s.columnOptionalInt(5), s.columnText(6));
        if (computed != storedHash)
            return broken(id, QStringLiteral("content does not match its hash (the row was edited)"));
        prev = storedHash;
        prevId = id;
        ++v.rowsChecked;
    }
    if (prevId == 0) {
        if (head) return broken(head->id, QStringLiteral("the log is empty but its recorded head is row %1").arg(head->id));
        v.headHash = prev;
        return v;
    }
    if (!head) return broken(prevId, QStringLiteral("the chain head record is missing"));
    if (firstAfterHead)
        return broken(*firstAfterHead, QStringLiteral("comes after the recorded head, row %1 (appended outside "
                                                      "AuditLog)").arg(head->id));
    if (head->id > prevId)
        return broken(prevId, QStringLiteral("the log ends before its recorded head, row %1 (rows were deleted "
                                             "from the end)").arg(head->id));
    if (head->id != prevId || head->hash != prev)
        return broken(prevId, QStringLiteral("does not match the recorded chain head"));
    v.headHash = prev;
    return v;
}

}  // namespace medq::store
