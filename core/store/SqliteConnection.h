#pragma once
// Thin RAII layer over the SQLite C API: a connection, prepared statements and
// transactions. Failures throw StoreError (they are internal errors, not user input).
#include <QByteArray>
#include <QString>
#include <cstdint>
#include <optional>
#include <stdexcept>

struct sqlite3;
struct sqlite3_stmt;

namespace medq::store {

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Statement {
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const QString& value);
    Statement& bind(int index, const QByteArray& blob);
    Statement& bind(int index, std::nullopt_t);
    Statement& bind(int index, const std::optional<std::int64_t>& value);

    // Steps once: true while a row is available.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    std::int64_t columnInt(int col) const;
    double columnDouble(int col) const;
    QString columnText(int col) const;
    QByteArray columnBlob(int col) const;
    bool columnIsNull(int col) const;
    std::optional<std::int64_t> columnOptionalInt(int col) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

class SqliteConnection {
public:
    // Opens (creating if asked) the database with WAL, foreign keys and a busy timeout.
    SqliteConnection(const QString& path, bool create);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    void exec(const char* sql);
    Statement prepare(const char* sql) { return Statement(m_db, sql); }
    std::int64_t lastInsertId() const;
    int changes() const;
    int userVersion();
    void setUserVersion(int v);
    bool inTransaction() const;
    sqlite3* handle() const { return m_db; }
    const QString& path() const { return m_path; }

private:
    sqlite3* m_db = nullptr;
    QString m_path;
};

// BEGIN IMMEDIATE on construction; rolls back unless commit() was called.
class Transaction {
public:
    explicit Transaction(SqliteConnection& c);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    SqliteConnection& m_conn;
    bool m_done = false;
};

// A transaction that joins the caller's if one is open: repositories use it so that a
// single call is atomic on its own and also composes into a larger caller transaction.
class WriteScope {
public:
    explicit WriteScope(SqliteConnection& c) {
        if (!c.inTransaction()) m_tx.emplace(c);
    }
    void commit() {
        if (m_tx) m_tx->commit();
    }

private:
    std::optional<Transaction> m_tx;
};

// Current UTC time as ISO 8601 with milliseconds, the format every table uses.
QString nowIso();

}  // namespace medq::store
