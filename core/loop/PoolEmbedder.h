#pragma once
// Step 3 of a round: pool embeddings in a memory-mapped file (blobs/indexes/pool.emb) and
// the faiss index over them (blobs/indexes/pool.faiss). Incremental: items already
// embedded are kept (a kill loses at most the batch in flight), new pool items are added
// to the saved index. Embeddings are made by one fixed checkpoint, the "embedder", so
// queries and pool stay in the same space while the current model changes.
#include "common/Result.h"
#include "jobs/Progress.h"
#include "store/Records.h"

#include <QJsonObject>
#include <QString>

namespace medq::model { class QualityModel; }
namespace medq::store { class Workspace; }

namespace medq::loop {

struct PoolIndexPaths {
    QString embeddings;
    QString index;
    static PoolIndexPaths of(store::Workspace& ws);
};

class PoolEmbedder {
public:
    // `tag` names the embedder checkpoint; a file made by another one (or in another space,
    // embeddingTag) is rebuilt.
    PoolEmbedder(store::Workspace& ws, const model::QualityModel& embedder, const QString& tag);

    // Embeds pool items (in id order, at most `limit` in the file; 0: all) and brings the
    // index up to date. Returns counts and timings.
    Result<QJsonObject> update(int limit, const jobs::Progress& progress);

    // Preprocessed pixels of pool items, rendered or read in parallel (for embedding and
    // drafting); the first item that fails fails them all.
    Result<std::vector<std::vector<float>>> pixels(const std::vector<store::Id>& poolItemIds) const;

    // The same item by item: a file item that failed says the state to mark it with. For a
    // model that reads measures (ModelConfig::sourceMeasures), each item's measures come
    // standardised against the model's MeasureReference: a pool item is read alone, and its
    // embedding must not depend on which other items share its batch.
    struct ItemPixels {
        Result<std::vector<float>> pixels;
        std::optional<PoolFileStatus> fileStatus;
        std::vector<float> measures;
        QString modality;  // modalityKey()
    };
    std::vector<ItemPixels> pixelsEach(const std::vector<store::Id>& poolItemIds) const;

private:
    store::Workspace& m_ws;
    const model::QualityModel& m_model;
    QString m_tag;
};

}  // namespace medq::loop
