#include "store/SqliteConnection.h"

#include <QDateTime>
#include <QFile>
#include <sqlite3.h>

namespace medq::store {
namespace {
[[noreturn]] void throwError(sqlite3* db, const char* what) {
    throw StoreError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}
}  // namespace

Statement::Statement(sqlite3* db, const char* sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) throwError(db, "prepare");
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) { other.m_stmt = nullptr; }

Statement& Statement::bind(int i, std::int64_t v) {
    if (sqlite3_bind_int64(m_stmt, i, v) != SQLITE_OK) throwError(m_db, "bind");
    return *this;
}
Statement& Statement::bind(int i, double v) {
    if (sqlite3_bind_double(m_stmt, i, v) != SQLITE_OK) throwError(m_db, "bind");
    return *this;
}
Statement& Statement::bind(int i, const QString& v) {
    const QByteArray utf8 = v.toUtf8();
    if (sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        throwError(m_db, "bind");
    return *this;
}
Statement& Statement::bind(int i, const QByteArray& blob) {
    if (sqlite3_bind_blob(m_stmt, i, blob.constData(), int(blob.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        throwError(m_db, "bind");
    return *this;
}
Statement& Statement::bind(int i, std::nullopt_t) {
    if (sqlite3_bind_null(m_stmt, i) != SQLITE_OK) throwError(m_db, "bind");
    return *this;
}
Statement& Statement::bind(int i, const std::optional<std::int64_t>& v) {
    return v ? bind(i, *v) : bind(i, std::nullopt);
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throwError(m_db, "step");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::columnInt(int c) const { return sqlite3_column_int64(m_stmt, c); }
double Statement::columnDouble(int c) const { return sqlite3_column_double(m_stmt, c); }
QString Statement::columnText(int c) const {
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, c));
    return t ? QString::fromUtf8(t, sqlite3_column_bytes(m_stmt, c)) : QString();
}
QByteArray Statement::columnBlob(int c) const {
    const void* b = sqlite3_column_blob(m_stmt, c);
    return b ? QByteArray(static_cast<const char*>(b), sqlite3_column_bytes(m_stmt, c)) : QByteArray();
}
bool Statement::columnIsNull(int c) const { return sqlite3_column_type(m_stmt, c) == SQLITE_NULL; }
std::optional<std::int64_t> Statement::columnOptionalInt(int c) const {
    if (columnIsNull(c)) return std::nullopt;
    return columnInt(c);
}

SqliteConnection::SqliteConnection(const QString& path, bool create) : m_path(path) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    const QByteArray native = QFile::encodeName(path);
    if (sqlite3_open_v2(native.constData(), &m_db, flags, nullptr) != SQLITE_OK) {
        const std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreError("cannot open " + native.toStdString() + ": " + msg);
    }
    sqlite3_busy_timeout(m_db, 10000);
    // WAL lets readers (the GUI) proceed while the engine writes; synchronous=NORMAL in
    // WAL mode is still safe against application crashes (kill -9), see sqlite.org/wal.html.
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec("PRAGMA foreign_keys=ON");
}

SqliteConnection::~SqliteConnection() { sqlite3_close_v2(m_db); }

void SqliteConnection::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw StoreError("exec: " + msg);
    }
}

std::int64_t SqliteConnection::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int SqliteConnection::changes() const { return sqlite3_changes(m_db); }
bool SqliteConnection::inTransaction() const { return !sqlite3_get_autocommit(m_db); }

int SqliteConnection::userVersion() {
    Statement s = prepare("PRAGMA user_version");
    return s.step() ? int(s.columnInt(0)) : 0;
}

void SqliteConnection::setUserVersion(int v) {
    exec(QStringLiteral("PRAGMA user_version=%1").arg(v).toUtf8().constData());
}

Transaction::Transaction(SqliteConnection& c) : m_conn(c) { m_conn.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_conn.exec("ROLLBACK");
        } catch (const StoreError&) {
            // The transaction may already be gone (SQLite rolls back on some errors).
        }
    }
}

void Transaction::commit() {
    m_conn.exec("COMMIT");
    m_done = true;
}

QString nowIso() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

}  // namespace medq::store
