#pragma once
// Finds a site's clean base images in a folder (`synth bench|pool --bases DIR`): every file
// is read; its modality comes from its DICOM tags or its path (a subfolder named ct, mri,
// endoscopy, histopathology or fundus); volumes give slices at 30, 50 and 70% of their depth
// and the single-slice files of one DICOM series are one source of which the same three
// positions are taken. Each chosen image passes SiteBaseCheck or is refused with the file
// and the reason.
#include "common/Result.h"
#include "io/Image.h"
#include "jobs/Progress.h"

#include <QString>
#include <vector>

namespace medq::dataset {

struct SiteBaseCandidate {
    QString file;    // absolute path
    int slice = -1;  // slice of a volume; -1 for a 2D image
    QString source;  // the file's path in the folder, or "series <hash>" for a DICOM series
    Modality modality = Modality::Other;
};

struct SiteBaseRefusal {
    QString file;  // with " (slice N)" for a volume's slice
    QString reason;
};

struct SiteBaseScanResult {
    int files = 0;
    std::vector<SiteBaseCandidate> bases;
    std::vector<SiteBaseRefusal> refused;
    // "a.txt: not an image; b.png: 16x16 is smaller ..." for the first `max` refusals.
    QString refusalSummary(int max = 5) const;
};

class SiteBaseScan {
public:
    // An error when `dir` is no folder, holds no files or no usable base.
    static Result<SiteBaseScanResult> scan(const QString& dir, const jobs::Progress& progress);
    // The candidate's pixels fitted to BaseLibrary::kWorkingSize.
    static Result<Image> load(const SiteBaseCandidate& base);
    // Distinct indices at 30, 50 and 70% of `count` items (fewer when count < 3).
    static std::vector<int> positions(int count);
};

}  // namespace medq::dataset
