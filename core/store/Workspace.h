#pragma once
// A workspace: one folder holding workspace.sqlite (the single source of truth) and
// blobs/ (thumbnails, checkpoints, indexes) plus logs/.
#include "common/Result.h"
#include "store/AnnotationRepository.h"
#include "store/AuditLog.h"
#include "store/ImageRepository.h"
#include "store/PoolFileRepository.h"
#include "store/PoolRepository.h"
#include "store/QueueRepository.h"
#include "store/RoundRepository.h"
#include "store/SettingsRepository.h"
#include "store/ReceivedInstanceRepository.h"
#include "store/SiteBaseRepository.h"
#include "store/SqliteConnection.h"
#include "store/TaskRepository.h"

#include <QDir>
#include <QMap>
#include <memory>

namespace medq::store {

class Workspace {
public:
    static constexpr const char* kDatabaseName = "workspace.sqlite";

    // Creates the folder layout and database (fails if a workspace already exists there).
    static Result<std::unique_ptr<Workspace>> create(const QString& dir);
    // Opens an existing workspace and applies pending migrations.
    static Result<std::unique_ptr<Workspace>> open(const QString& dir);
    static bool exists(const QString& dir);

    const QDir& dir() const { return m_dir; }
    QString blobPath(const QString& relative) const { return m_dir.filePath(QStringLiteral("blobs/") + relative); }
    QString thumbnailDir() const { return blobPath(QStringLiteral("thumbnails")); }

    SqliteConnection& db() { return *m_db; }
    ImageRepository& images() { return m_images; }
    TaskRepository& tasks() { return m_tasks; }
    ModelOutputRepository& outputs() { return m_outputs; }
    AnnotationRepository& annotations() { return m_annotations; }
    RoundRepository& rounds() { return m_rounds; }
    PrototypeRepository& prototypes() { return m_prototypes; }
    AuditLog& audit() { return m_audit; }
    JobRepository& jobs() { return m_jobs; }
    QueueRepository& queues() { return m_queues; }
    DraftRepository& drafts() { return m_drafts; }
    PoolRepository& pool() { return m_pool; }
    PoolFileRepository& poolFiles() { return m_poolFiles; }
    SettingsRepository& settings() { return m_settings; }
    SiteBaseRepository& siteBases() { return m_siteBases; }
    ReceivedInstanceRepository& received() { return m_received; }

    int schemaVersion();
    // Row count of every table, for `medq info`.
    QMap<QString, qint64> tableSizes();
    // Runs PRAGMA integrity_check and foreign_key_check; empty list means healthy.
    QStringList checkIntegrity();

private:
    Workspace(const QString& dir, std::unique_ptr<SqliteConnection> db);

    QDir m_dir;
    std::unique_ptr<SqliteConnection> m_db;
    ImageRepository m_images;
    TaskRepository m_tasks;
    ModelOutputRepository m_outputs;
    AnnotationRepository m_annotations;
    RoundRepository m_rounds;
    PrototypeRepository m_prototypes;
    AuditLog m_audit;
    JobRepository m_jobs;
    QueueRepository m_queues;
    DraftRepository m_drafts;
    PoolRepository m_pool;
    PoolFileRepository m_poolFiles;
    SettingsRepository m_settings;
    SiteBaseRepository m_siteBases;
    ReceivedInstanceRepository m_received;
};

}  // namespace medq::store
