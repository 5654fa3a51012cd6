#pragma once
// PRIVATE to core/loop's DistributedEmbedding.cpp: one run's description as every rank
// sees it, and one rank's share of the chunks (claims from the counter, then take-overs of
// chunks whose lease ran out).
#include "common/Result.h"
#include "jobs/Progress.h"
#include "loop/BatchEmbedding.h"
#include "loop/DistributedEmbedding.h"

#include <QDir>
#include <QJsonObject>
#include <QString>

namespace medq::dist {
class Group;
}

namespace medq::loop::embedding {

// What every rank needs to take part: posted by rank 0 as the task.
struct EmbedRun {
    QString workspace;   // absolute path, the same on every machine
    QString checkpoint;  // the embedder's folder, absolute
    QString tag;
    QString run;         // blobs/dist/<run>, and the store keys' prefix
    int chunkItems = kEmbeddingBatch;
    qint64 items = 0;
    qint64 leaseMs = 120000;

    qint64 chunks() const { return (items + chunkItems - 1) / chunkItems; }
    QString folder() const { return QDir(workspace).filePath(QStringLiteral("blobs/dist/") + run); }
    QString idsPath() const { return QDir(folder()).filePath(QStringLiteral("ids.bin")); }
    QString chunkPath(qint64 c) const { return QDir(folder()).filePath(QStringLiteral("chunk-%1.emb").arg(c)); }
    QString leftOutPath(qint64 c) const { return QDir(folder()).filePath(QStringLiteral("chunk-%1.left.json").arg(c)); }
    QString key(const QString& what) const { return QStringLiteral("embed/%1/%2").arg(run, what); }

    QJsonObject toTask() const {
        return {{"task", kEmbedTask}, {"workspace", workspace}, {"checkpoint", checkpoint}, {"tag", tag},
                {"run", run},         {"chunkItems", chunkItems}, {"items", items},       {"leaseMs", leaseMs}};
    }
    static Result<EmbedRun> fromTask(const QJsonObject& t) {
        EmbedRun r;
        r.workspace = t.value("workspace").toString();
        r.checkpoint = t.value("checkpoint").toString();
        r.tag = t.value("tag").toString();
        r.run = t.value("run").toString();
        r.chunkItems = t.value("chunkItems").toInt();
        r.items = t.value("items").toInteger();
        r.leaseMs = t.value("leaseMs").toInteger();
        if (r.workspace.isEmpty() || r.checkpoint.isEmpty() || r.run.isEmpty() || r.chunkItems <= 0 || r.items <= 0 ||
            r.leaseMs <= 0)
            return Error{QStringLiteral("embed task"), QStringLiteral("incomplete task (is this worker an older medq?)")};
        return r;
    }
};

// A line on stdout (what a rank does, for the person watching and for the tests).
void say(const QString& line);
// Writes `bytes` to `path` through a temporary file renamed over it.
Status writeAtomically(const QString& path, const QByteArray& bytes);

// This rank's share of `run`: returns once every chunk is done (by any rank), or the error
// of a chunk that failed on any rank. `progress` (rank 0) is reported and checked for cancel.
Status embedChunks(dist::Group& group, const EmbedRun& run, store::Workspace& ws, const model::QualityModel& model,
                   const jobs::Progress* progress);

}  // namespace medq::loop::embedding
