#pragma once
// The workstation's draft of any opened image: the assessment battery of `medq assess` run
// on the image the viewer already holds, on the engine thread. The model of a checkpoint is
// kept loaded between jobs, so stepping through images costs one assessment each.
#include "assess/ImageAssessor.h"
#include "io/Image.h"
#include "jobs/Job.h"

#include <memory>

namespace medq::assess {

class AssessImageJob : public jobs::Job {
public:
    // `label` names the image in messages (its path); `modality` overrides the image's own.
    AssessImageJob(QString checkpointDir, QString label, std::shared_ptr<const Image> image, Modality modality,
                   AssessorOptions options = {});
    QString kind() const override { return QStringLiteral("assess"); }
    QString title() const override;
    // result: Assessment::toJson() (read back with Assessment::fromJson).
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_checkpointDir, m_label;
    std::shared_ptr<const Image> m_image;
    Modality m_modality;
    AssessorOptions m_options;
};

}  // namespace medq::assess
