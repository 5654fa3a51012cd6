#pragma once
// The group summary a lead reads after `medq assess`: one self-contained HTML page (the
// thumbnails are inlined) with the counts per level, modality and attribute, the worst
// images first, and the files that could not be assessed, in the spirit of MRIQC's group
// reports.
#include "assess/AssessmentSummary.h"
#include "common/Result.h"

#include <QString>
#include <QStringList>

namespace medq::assess {

struct ReportContext {
    QString checkpoint;   // the checkpoint folder the model came from
    QStringList inputs;   // the paths given on the command line
    QString jsonlName;    // the per-image results next to the page (may be empty)
    std::optional<QualityLevel> failAt;
};

class AssessmentReport {
public:
    static QString html(const AssessmentSummary& summary, const ReportContext& context);
    // Writes html() to `path` (atomically: a temporary file renamed into place).
    static Status write(const QString& path, const AssessmentSummary& summary, const ReportContext& context);
};

}  // namespace medq::assess
