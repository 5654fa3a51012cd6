#pragma once
// Per-source alignment of the attribute head's readings, from unlabelled images only.
// A new scanner, series or stain batch shifts every image feature by about the same amount,
// and a head trained on other sources reads that shift as degradation (every clean CT of a
// new source called "metal streak"). The head is linear on the mean encoder feature, so
// moving a source's mean feature onto the training sources' mean is the same as moving its
// mean log-probability per slot and severity onto theirs: that is what `align` does. It
// needs many images per source, which a site's pool has (docs/unseen-sources.md).
#include "model/QualityModel.h"

#include <QHash>
#include <QStringList>
#include <array>
#include <vector>

namespace medq::learn {

class HeadSourceAlignment {
public:
    using LogMeans = std::vector<std::array<double, 4>>;  // per slot, per severity
    // Mean log-probability per slot and severity over `readings` (probabilities floored at
    // 1e-9 so a hard zero cannot dominate).
    static LogMeans meanLogProbabilities(const model::AttributeReadings& readings);

    // The training images' mean per group (a modality: only its own images say what its
    // slots read on a clean mix).
    explicit HeadSourceAlignment(QHash<QString, LogMeans> referenceByGroup) : m_reference(std::move(referenceByGroup)) {}
    // `readings[i]` of an image from `sources[i]` in `groups[i]`, each source's mean moved to
    // its group's reference, renormalised per slot. Sources with fewer than `minImages`
    // images, or of a group without a reference, are left as read.
    model::AttributeReadings align(const model::AttributeReadings& readings, const QStringList& sources,
                                   const QStringList& groups, int minImages = 8) const;

private:
    QHash<QString, LogMeans> m_reference;
};

}  // namespace medq::learn
