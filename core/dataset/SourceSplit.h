#pragma once
// Which benchmark split each real source serves, and how an item relates to training. A
// source is one acquisition: the slices of one volume and the crops of one slide are one
// source, so a model is never tested on a patient, scanner or slide it trained on. Test is
// served first (at least one source and at least a third, rounded up, even when training is
// left with phantoms alone for that modality: the honest measure), then validation takes one
// when two or more remain, and training the rest.
#include <QMap>
#include <QString>
#include <QStringList>

namespace medq::dataset {

enum class BenchmarkSplit { Train = 0, Val = 1, Test = 2 };
QString splitKey(BenchmarkSplit split);  // "train", "val", "test"

// Where an evaluated item comes from, relative to the training split: a real source that
// training saw, one it never saw, a procedural phantom, or a site's own image (not rendered
// from a base: imports, reference sets).
enum class SourceKind { Seen, Unseen, Phantom, Site };
QString sourceKindKey(SourceKind kind);  // "seen", "unseen", "phantom", "site"

class SourceSplit {
public:
    // The split of each of `sources` (distinct keys of one modality). The order is a hash of
    // each key, so it does not depend on the order given or on which other sources exist.
    static QMap<QString, BenchmarkSplit> assign(const QStringList& sources);
    // Adds `sources` to splits given before, which never change: the new ones (in hash order)
    // fill test up to the same share of all sources, then validation, then training. On no
    // earlier splits this is assign().
    static QMap<QString, BenchmarkSplit> extend(const QMap<QString, BenchmarkSplit>& given, const QStringList& sources);
};

}  // namespace medq::dataset
