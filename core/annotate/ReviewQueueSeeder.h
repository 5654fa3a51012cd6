#pragma once
// Puts images that have no task yet into a review queue as description requests, so a
// workspace without a model (review-only mode) still has work to show.
#include "store/Workspace.h"

namespace medq::annotate {

class ReviewQueueSeeder {
public:
    // Returns how many items were queued. One transaction; idempotent.
    static int queueImagesWithoutTasks(store::Workspace& ws, Queue queue, const QString& reason);
    // Queues the chosen images (the image browser's "Queue for annotation"): each image's
    // description request, created when it has none, unless one of its tasks already waits in
    // a queue. Returns how many were queued; the rest already waited. One transaction.
    static int queueImages(store::Workspace& ws, const std::vector<store::Id>& imageIds, Queue queue,
                           const QString& reason);
};

}  // namespace medq::annotate
