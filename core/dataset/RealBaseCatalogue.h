#pragma once
// Every real clean base the benchmark and the recipe pool may render on: images that Debian
// and npm packages ship (sample data, toolkit and viewer test corpora), the packages named,
// in generations.
// A base's index is its position in its modality's list and never changes: generations are
// only appended, so recipes stored in older workspaces keep meaning the same image, and a
// later generation's sources join the splits without moving an earlier one's
// (SourceSplit::extend). installer/fetch-real-sources.sh fetches the packages not installed
// as Debian packages at the versions it pins.
#include "io/Modality.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace medq::dataset {

struct RealBase {
    QString source;   // one acquisition: "package:file"; the slices of a volume and crops of a slide share it
    QString package;  // the Debian package that ships the file, or "npm:<name>" for an npm package
    QString path;     // inside the package's root, e.g. "usr/lib/python3/dist-packages/..."
    int generation = 1;
    int slice = -1;           // for volumes: this slice; -1 = at `depthFraction`
    double depthFraction = 0.5;
    int cropX = -1, cropY = -1;  // top-left of a crop (-1 = whole image)
    int cropWidth = 256, cropHeight = 256;  // its size: the working size, or one tile of a mosaic
};

class RealBaseCatalogue {
public:
    static const std::vector<RealBase>& bases(Modality modality);
    static int latestGeneration();
    // Where `base`'s file is on this machine: under a fetched package's folder (the first of
    // realSourceRoots() that has it) or the installed package's own path; empty when absent.
    static QString locate(const RealBase& base);
    // Folders fetch-real-sources.sh extracts packages into, in search order: $MEDQ_REAL_SOURCES,
    // ~/.local/share/medq/real-sources, /usr/local/share/medq/real-sources, /usr/share/medq/real-sources.
    static QStringList realSourceRoots();
};

}  // namespace medq::dataset
