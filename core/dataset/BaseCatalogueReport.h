#pragma once
// What the real-base catalogue holds on this machine, for `medq synth bases` and docs/bases.md:
// per base its source, package, generation, split and whether it is installed; per modality the
// distinct sources per split; and a sheet of every installed base as the benchmark renders it.
#include "io/Modality.h"

#include <QImage>
#include <QJsonObject>
#include <QString>

namespace medq::dataset {

class BaseCatalogueReport {
public:
    static QString table();  // one line per base, then per-modality source counts
    static QJsonObject json();
    // Every installed base at the working size, one row per modality, each labelled with its
    // source and split. Text needs a QGuiApplication (fonts).
    static QImage sheet(int cellSize = 128);
    // One row per installed source (its first base): the base, then `variants` seeded
    // variations of it (synth::BaseAugmenter) as augmented benchmark items start from.
    static QImage augmentationSheet(int variants = 5, int cellSize = 112);
    // Per modality a row of the first phantoms and a row of the varied ones (seeds 1..count).
    static QImage phantomSheet(int count = 8, int cellSize = 112);
};

}  // namespace medq::dataset
