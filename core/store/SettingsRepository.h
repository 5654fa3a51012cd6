#pragma once
// Workspace-wide key/value settings (the `settings` table), e.g. the de-identification keys.
#include "store/SqliteConnection.h"

#include <QString>
#include <optional>

namespace medq::store {

class SettingsRepository {
public:
    explicit SettingsRepository(SqliteConnection& db) : m_db(db) {}

    std::optional<QString> get(const QString& key) const;
    void set(const QString& key, const QString& value);
    // Stores `value` unless the key exists; returns what is stored afterwards. Atomic, so two
    // processes creating the same per-workspace secret end up with one.
    QString getOrInsert(const QString& key, const QString& value);

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
