#pragma once
// What the person looking at a queue item is told of why it is there. The quality gate's
// gold items (validation images with known answers, mixed into a round's queues) measure an
// annotator only while they cannot be told from the rest, so whoever may not see quality
// checks (store::Action::SeeQualityChecks) gets the same words for every item a round put in
// a queue: the queue's reason, without the model's uncertainty (a gold item's own
// uncertainty can lie outside its queue's band) and without how the item was selected (gold
// items are not retrieved). A lead sees the stored reason, the uncertainty and the gold mark.
// Items a person queued by hand (no round) keep their stored reason for everybody.
#include "store/Records.h"

#include <QString>
#include <optional>

namespace medq::annotate {

struct QueueItemDisclosure {
    QString reason;                     // "Why here"
    std::optional<double> uncertainty;  // empty: not shown
    bool gold = false;                  // shown as a gold item

    // `viewerRole` as stored in the annotators table ("annotator" or "lead"); an unknown
    // role sees what an annotator sees.
    static QueueItemDisclosure of(const store::QueueItemRecord& item, const QString& viewerRole);
    // The words every round item of `queue` shows to an annotator.
    static QString blindReason(Queue queue, bool spotCheck);
};

}  // namespace medq::annotate
