#pragma once
// The SHA-256 hash chain over audit_log rows: how a row's hash is computed, how the chain
// is checked, and where its head is anchored (settings key "audit.chain_head").
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <QString>
#include <optional>

namespace medq::store {

// Outcome of walking the chain; brokenRow names the first row that does not fit.
struct AuditVerification {
    bool intact = true;
    int rowsChecked = 0;
    std::optional<Id> brokenRow;
    QString reason;
    QString headHash;  // hash of the last row (write it down to anchor the log outside the workspace)
};

class AuditChain {
public:
    // prev_hash of the first row: 64 zeros.
    static QString genesisHash();
    // SHA-256 over the fields each framed as "<byte length>:<bytes>|", so no choice of field
    // contents can make two different rows serialise alike. `detailsText` is the stored JSON
    // text, hashed byte for byte.
    static QString rowHash(const QString& prevHash, const QString& at, const QString& actor, const QString& action,
                           const QString& entity, std::optional<Id> entityId, const QString& detailsText);

    // The last row's (id, hash), or nullopt for an empty log. Call inside the writing transaction.
    static std::optional<std::pair<Id, QString>> lastRow(SqliteConnection& db);
    // Records the new head next to the rows, so truncating the tail or appending rows
    // behind AuditLog's back is caught by verify().
    static void recordHead(SqliteConnection& db, Id id, const QString& hash);
    // Migration v4: hashes rows that have none yet, in id order, and records the head.
    static void chainUnhashedRows(SqliteConnection& db);
    static AuditVerification verify(SqliteConnection& db);

    static constexpr const char* kHeadSetting = "audit.chain_head";
};

}  // namespace medq::store
