#include "store/Workspace.h"

#include "store/Schema.h"

#include <QFileInfo>

namespace medq::store {

Workspace::Workspace(const QString& dir, std::unique_ptr<SqliteConnection> db)
    : m_dir(dir), m_db(std::move(db)), m_images(*m_db), m_tasks(*m_db), m_outputs(*m_db), m_annotations(*m_db),
      m_rounds(*m_db), m_prototypes(*m_db), m_audit(*m_db), m_jobs(*m_db), m_queues(*m_db), m_drafts(*m_db),
      m_pool(*m_db), m_poolFiles(*m_db), m_settings(*m_db), m_siteBases(*m_db), m_received(*m_db) {}

bool Workspace::exists(const QString& dir) { return QFileInfo(QDir(dir).filePath(kDatabaseName)).isFile(); }

Result<std::unique_ptr<Workspace>> Workspace::create(const QString& dir) {
    if (exists(dir)) return Error{dir, QStringLiteral("a workspace already exists here")};
    QDir d(dir);
    if (QFileInfo(dir).exists() && !QFileInfo(dir).isDir()) return Error{dir, QStringLiteral("not a folder")};
    for (const char* sub : {"blobs/thumbnails", "blobs/checkpoints", "blobs/indexes", "logs"}) {
        if (!d.mkpath(QString::fromLatin1(sub)))
            return Error{dir, QStringLiteral("cannot create folder %1").arg(QString::fromLatin1(sub))};
    }
    try {
        auto db = std::make_unique<SqliteConnection>(d.filePath(kDatabaseName), true);
        Schema::migrate(*db);
        std::unique_ptr<Workspace> ws(new Workspace(d.absolutePath(), std::move(db)));
        ws->audit().append(QStringLiteral("system"), QStringLiteral("workspace.create"));
        return ws;
    } catch (const StoreError& e) {
        return Error{dir, QString::fromUtf8(e.what())};
    }
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString& dir) {
    if (!exists(dir)) return Error{dir, QStringLiteral("no workspace here (run `medq init` first)")};
    try {
        QDir d(dir);
        auto db = std::make_unique<SqliteConnection>(d.filePath(kDatabaseName), false);
        Schema::migrate(*db);
        for (const char* sub : {"blobs/thumbnails", "blobs/checkpoints", "blobs/indexes", "logs"})
            d.mkpath(QString::fromLatin1(sub));
        return std::unique_ptr<Workspace>(new Workspace(d.absolutePath(), std::move(db)));
    } catch (const StoreError& e) {
        return Error{dir, QString::fromUtf8(e.what())};
    }
}

int Workspace::schemaVersion() { return m_db->userVersion(); }

QMap<QString, qint64> Workspace::tableSizes() {
    QStringList tables;
    {
        Statement s = m_db->prepare(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        while (s.step()) tables << s.columnText(0);
    }
    QMap<QString, qint64> out;
    for (const QString& t : tables) {
        // Table names come from sqlite_master, not from user input.
        Statement s = m_db->prepare(QStringLiteral("SELECT COUNT(*) FROM \"%1\"").arg(t).toUtf8().constData());
        out.insert(t, s.step() ? s.columnInt(0) : 0);
    }
    return out;
}

QStringList Workspace::checkIntegrity() {
    QStringList problems;
    {
        Statement s = m_db->prepare("PRAGMA integrity_check");
        while (s.step()) {
            const QString row = s.columnText(0);
            if (row != QLatin1String("ok")) problems << row;
        }
    }
    Statement fk = m_db->prepare("PRAGMA foreign_key_check");
    while (fk.step())
        problems << QStringLiteral("foreign key violation in %1 row %2").arg(fk.columnText(0)).arg(fk.columnInt(1));
    return problems;
}

}  // namespace medq::store
