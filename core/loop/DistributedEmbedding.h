#pragma once
// Pool embedding spread over a group of processes (docs/scale-out.md, "Distributed pool
// embedding"). Rank 0 lists the pool items still to embed, in id order, into a file under
// blobs/dist/<run>/ and posts an "embed" task naming the workspace and the embedder
// checkpoint (every rank needs both at the same paths: a shared filesystem). Chunks of
// items are handed out by the store's counter; each rank embeds its chunks with the same
// model and writes them, atomically, as blobs/dist/<run>/chunk-<n>.emb. A chunk claimed
// longer than the lease ago and still without its file is claimed again by a rank that
// has run out of new chunks, so a worker that dies costs a lease, not the run. Rank 0 then
// appends the chunks to the embedding file in item order, in the same batches as the
// single-process path (so the file is byte for byte the same), and brings the index up to
// date with PoolEmbedder::update. A world size of 1 never comes here.
#include "common/Result.h"
#include "jobs/Progress.h"

#include <QJsonObject>
#include <QString>
#include <chrono>

namespace medq::dist {
class Group;
class TaskChannel;
}  // namespace medq::dist
namespace medq::model {
class QualityModel;
}
namespace medq::store {
class Workspace;
}

namespace medq::loop {

// The name of the task `medq worker` runs for this.
inline const QString kEmbedTask = QStringLiteral("embed");
// Rows per forward pass of the embedder on pool items (as a round's step 3 loads it); every
// rank uses the same, so the same item gets the same vector.
constexpr int kPoolInferenceRows = 32;

struct DistributedEmbeddingOptions {
    // Pool items per chunk; rounded up to a multiple of kEmbeddingBatch so that batches are
    // those of the single-process path.
    int chunkItems = 512;
    // A chunk claimed this long ago without its result is handed out again. More than one
    // chunk's embedding time on the slowest rank; clocks of the machines must agree to well
    // within it (claims carry the claiming machine's time).
    std::chrono::milliseconds lease{std::chrono::seconds(120)};
    // > 0: the embedding file holds at most this many items afterwards (PoolEmbedder::update's
    // limit, a round's poolEmbedLimit).
    qint64 limit = 0;
};

// Rank 0: embeds the pool items not yet in the embedding file with every rank of `group`
// and `embedder` (loaded from `checkpointDir`, named `name`; the file's tag is
// embeddingTag(name, embedder)), then updates the index.
// Returns PoolEmbedder::update's description with the distribution's figures ("ranks",
// "chunks", "chunksByRank", "redoneChunks", "lostRanks"). Ranks that stopped answering are
// excused from the task's report; the others must report success.
Result<QJsonObject> embedPoolDistributed(store::Workspace& ws, const model::QualityModel& embedder,
                                         const QString& checkpointDir, const QString& name, dist::Group& group,
                                         dist::TaskChannel& channel, const DistributedEmbeddingOptions& options,
                                         const jobs::Progress& progress);

// A worker's part of the "embed" task: opens the workspace and the checkpoint the task
// names and embeds chunks until none is left.
Status embedPoolPart(dist::Group& group, const QJsonObject& task);

}  // namespace medq::loop
