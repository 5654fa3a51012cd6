#pragma once
// Puts images that have no task yet into a review queue as description requests, so a
// workspace without a model (review-only mode) still has work to show.
#include "store/Workspace.h"

namespace medq::annotate {

class ReviewQueueSeeder {
public:
    // Returns how many items were queued. One transaction; idempotent.
    static int queueImagesWithoutTasks(store::Workspace& ws, Queue queue, const QString& reason);
};

}  // namespace medq::annotate
