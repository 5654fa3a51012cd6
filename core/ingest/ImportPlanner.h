#pragma once
// Turns the paths a user names into import units: single files, and DICOM series
// (single-frame files sharing a SeriesInstanceUID) that become one volume.
#include "jobs/Progress.h"

#include <QStringList>
#include <vector>

namespace medq::ingest {

struct ImportUnit {
    QStringList files;  // one file, or the files of a series (unordered)
    bool isSeries = false;
};

struct ImportFailure {
    QString path;
    QString reason;
};

struct ImportPlan {
    std::vector<ImportUnit> units;
    std::vector<ImportFailure> failures;  // named explicitly but unreadable
    int skipped = 0;                      // found in a folder scan but not an image
};

class ImportPlanner {
public:
    // Folders are scanned (recursively if asked); files found there that are not images are
    // skipped quietly, while a file named explicitly that is not an image is a failure.
    static ImportPlan plan(const QStringList& inputs, bool recursive, const jobs::Progress& progress);
};

}  // namespace medq::ingest
