#include "annotate/QueueItemDisclosure.h"

#include "store/Permissions.h"

namespace medq::annotate {

QString QueueItemDisclosure::blindReason(Queue queue, bool spotCheck) {
    switch (queue) {
    case Queue::Expert: return QStringLiteral("write this item: the model's draft is not reliable enough to check");
    case Queue::Verify: return QStringLiteral("check the model's draft and correct what is wrong");
    case Queue::AutoAccept:
        return spotCheck ? QStringLiteral("spot check of a draft the model was sure of")
                         : QStringLiteral("the model was sure of its draft");
    }
    return {};
}

QueueItemDisclosure QueueItemDisclosure::of(const store::QueueItemRecord& item, const QString& viewerRole) {
    const auto role = store::roleFromKey(viewerRole);
    const bool seesChecks = role && store::Permissions::allows(*role, store::Action::SeeQualityChecks);
    if (seesChecks || !item.roundId) return {item.reason, item.uncertainty, seesChecks && item.isGold};
    return {blindReason(item.queue, item.spotCheck), std::nullopt, false};
}

}  // namespace medq::annotate
