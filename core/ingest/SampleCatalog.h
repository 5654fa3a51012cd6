#pragma once
// Real sample images that Debian packages install (pydicom's and nibabel's test files,
// scikit-image's data), with the modality each one shows. Used by the demo workspace.
#include "io/Modality.h"

#include <QStringList>
#include <vector>

namespace medq::ingest {

struct SampleFile {
    QString path;  // absolute; a folder means a DICOM series
    Modality modality;
    QString note;  // what it is
};

class SampleCatalog {
public:
    // Every catalogued sample that exists on this machine.
    static std::vector<SampleFile> installed();
    // Catalogued samples that are missing (the installer was not run).
    static QStringList missing();
};

}  // namespace medq::ingest
