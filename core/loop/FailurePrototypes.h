#pragma once
// Step 2 of a round: the items the model failed on, described by their image embedding
// plus error features (which attributes it got wrong, which modality), clustered with
// k-means (k by silhouette, core/index); each kept cluster's medoid becomes a prototype.
#include "common/Result.h"
#include "index/KMeansClustering.h"
#include "jobs/Progress.h"
#include "loop/ItemDrafter.h"
#include "loop/RoundOptions.h"
#include "store/RoundRepository.h"

#include <QStringList>
#include <vector>

namespace medq::store { class Workspace; }

namespace medq::loop {

struct FailedItem {
    store::Id imageId = 0;
    store::Id anchorTaskId = 0;  // the item's description task (else its first task)
    QString modality;
    double failureRate = 0;      // wrong answers + failed description, over the item's scored tasks
    QStringList missed;          // "modality.attribute" keys the model got wrong
    std::vector<float> embedding;  // L2-normalised image embedding
};

struct Prototype {
    store::PrototypeRecord record;                // round id left 0
    std::vector<store::PrototypeMember> members;  // anchor tasks with cosine distance to the medoid
    std::vector<float> query;                     // normalised mean member embedding: the retrieval anchor
};

struct PrototypeSet {
    std::vector<Prototype> prototypes;  // kept and dropped (record.status, record.reason)
    index::Clustering clustering;
    int failedItems = 0;
};

// The failed items among scored drafts (embeddings filled by the caller, parallel to drafts).
std::vector<FailedItem> collectFailures(store::Workspace& ws, const std::vector<ItemDraft>& drafts,
                                        const std::vector<std::vector<float>>& embeddings, const RoundOptions& options);

// Clusters failures; fails when there are too few to cluster (fewer than 2 x kMin).
Result<PrototypeSet> buildPrototypes(const std::vector<FailedItem>& failures, const RoundOptions& options,
                                     const jobs::Progress& progress);

}  // namespace medq::loop
