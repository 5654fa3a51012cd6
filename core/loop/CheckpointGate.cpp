#include "loop/CheckpointGate.h"

#include <algorithm>

namespace medq::loop {

CheckpointVerdict CheckpointGate::decide(double before, double after,
                                         const std::map<QString, ModalityChange>& changes) const {
    CheckpointVerdict v;
    v.gain = after - before;
    // The modality (answers or descriptions) that dropped most among those whose drop is
    // beyond the tolerance and chance.
    double largest = 0;  // significant or not, for the reason text
    for (const auto& [modality, change] : changes) {
        largest = std::max(largest, change.largestDrop());
        const ModalityChange::Drop d = change.significantDrop(m_tolerance, m_alpha);
        if (d.amount > v.worstDrop) {
            v.worstDrop = d.amount;
            v.worstP = d.p;
            v.worst = modality + QLatin1Char(' ') + d.what;
        }
    }
    v.drafts = pooledDrafts(changes);
    const bool draftsHeld = !v.drafts.dropped(m_tolerance, m_alpha);
    const bool withinMargin = v.gain > -m_margin;
    const bool accept = withinMargin && v.worst.isEmpty() && draftsHeld;
    v.decision = accept ? CheckpointDecision::Accepted : CheckpointDecision::RolledBack;
    if (accept && v.gain > 0)
        v.reason = QStringLiteral("validation score %1 -> %2 (+%3); largest modality drop %4")
                       .arg(before, 0, 'f', 4)
                       .arg(after, 0, 'f', 4)
                       .arg(v.gain, 0, 'f', 4)
                       .arg(largest, 0, 'f', 3);
    else if (accept)
        v.reason = QStringLiteral("validation score %1 -> %2 (%3, within the non-inferiority margin %4); "
                                  "largest modality drop %5")
                       .arg(before, 0, 'f', 4)
                       .arg(after, 0, 'f', 4)
                       .arg(v.gain, 0, 'f', 4)
                       .arg(m_margin, 0, 'f', 4)
                       .arg(largest, 0, 'f', 3);
    else if (!withinMargin && m_margin > 0)
        v.reason = QStringLiteral("validation score fell by more than the non-inferiority margin %3 (%1 -> %2)")
                       .arg(before, 0, 'f', 4)
                       .arg(after, 0, 'f', 4)
                       .arg(m_margin, 0, 'f', 4);
    else if (!withinMargin)
        v.reason =
            QStringLiteral("validation score did not improve (%1 -> %2)").arg(before, 0, 'f', 4).arg(after, 0, 'f', 4);
    else if (!v.worst.isEmpty())
        v.reason = QStringLiteral("%1 dropped by %2 (tolerance %3, paired test p = %4)")
                       .arg(v.worst)
                       .arg(v.worstDrop, 0, 'f', 3)
                       .arg(m_tolerance, 0, 'f', 3)
                       .arg(v.worstP, 0, 'g', 2);
    else
        v.reason = QStringLiteral("%1 of %2 validation descriptions lost their draft, %3 gained one "
                                  "(tolerance %4, paired test p = %5)")
                       .arg(v.drafts.lost)
                       .arg(v.drafts.drafted)
                       .arg(v.drafts.gained)
                       .arg(m_tolerance, 0, 'f', 3)
                       .arg(v.drafts.pValue(), 0, 'g', 2);
    return v;
}

CheckpointVerdict CheckpointGate::skipped(int newExamples) {
    CheckpointVerdict v;
    v.decision = CheckpointDecision::Skipped;
    v.reason = newExamples == 0 ? QStringLiteral("no accepted annotations") : QStringLiteral("fine-tuning disabled");
    return v;
}

}  // namespace medq::loop
