#include "store/SettingsRepository.h"

namespace medq::store {

std::optional<QString> SettingsRepository::get(const QString& key) const {
    Statement s = m_db.prepare("SELECT value FROM settings WHERE key=?");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return s.columnText(0);
}

void SettingsRepository::set(const QString& key, const QString& value) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES(?, ?)");
    s.bind(1, key).bind(2, value);
    s.run();
    scope.commit();
}

QString SettingsRepository::getOrInsert(const QString& key, const QString& value) {
    WriteScope scope(m_db);
    Statement s = m_db.prepare("INSERT OR IGNORE INTO settings(key, value) VALUES(?, ?)");
    s.bind(1, key).bind(2, value);
    s.run();
    const QString stored = get(key).value_or(value);
    scope.commit();
    return stored;
}

}  // namespace medq::store
