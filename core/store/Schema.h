#pragma once
// The workspace schema as an ordered list of forward migrations. Version N is reached by
// applying migrations 1..N, each in its own transaction; PRAGMA user_version records it.
// Later issues append migrations; existing ones are never edited.
#include "store/SqliteConnection.h"

#include <vector>

namespace medq::store {

struct Migration {
    int version;      // 1, 2, 3, ... consecutive
    const char* sql;  // one or more statements
    // Optional step run after `sql` in the same transaction, for data work SQL cannot do
    // (v4 hashes the existing audit rows: SQLite has no SHA-256).
    void (*finish)(SqliteConnection& db) = nullptr;
};

class Schema {
public:
    static const std::vector<Migration>& migrations();
    static int latestVersion();
    // Applies every migration above the database's version. Throws StoreError (leaving the
    // database at the last fully applied version) if one fails, or if the database is newer.
    static void migrate(SqliteConnection& db, const std::vector<Migration>& list = migrations());
};

}  // namespace medq::store
