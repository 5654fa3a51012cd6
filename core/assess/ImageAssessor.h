#pragma once
// Runs the model's fixed assessment battery on images already preprocessed for it: the
// overall-quality question, the severity of every attribute of the image's modality (from the
// attribute head, or asked as "how severe is <attribute>?"), and optionally a description.
// The same code serves `medq assess` and the workstation's draft of any opened image.
#include "assess/Assessment.h"
#include "common/Result.h"
#include "loop/Routing.h"

#include <optional>
#include <vector>

namespace medq::model { class QualityModel; }

namespace medq::assess {

struct AssessInput {
    QString path;
    Modality modality = Modality::Other;  // a clinical modality (Other is refused)
    int width = 0, height = 0, depth = 1;
    std::vector<float> pixels;            // ImagePreprocessor output for the model's image size
    // For a model that reads measures (ModelConfig::sourceMeasures): the image's
    // QualityMeasures, and the source they are standardised within (MeasureSources).
    std::vector<float> measures;
    QString source;
};

// Where attribute severities come from: the model's attribute head (one pass of the image
// encoder reads every attribute; about eight times faster) or a "how severe is <attribute>?"
// question per attribute (a decoder pass each). Without a head the questions are asked.
enum class AttributeReading { Head, Questions };

struct AssessorOptions {
    bool describe = true;
    AttributeReading attributes = AttributeReading::Head;
    int maxDescriptionTokens = 96;
    int thumbnailSide = 96;                        // 0: no thumbnail
    std::optional<loop::RoutingThresholds> route;  // when given, Assessment::route is filled
};

class ImageAssessor {
public:
    // `model` is not owned and must outlive the assessor; one thread at a time.
    ImageAssessor(const model::QualityModel& model, AssessorOptions options);

    // One assessment per input, in order. Inputs are moved from (their pixels released).
    Result<std::vector<Assessment>> assess(std::vector<AssessInput> inputs) const;

private:
    std::vector<int> headSlots(Modality modality) const;

    const model::QualityModel& m_model;
    AssessorOptions m_options;
};

// The model's view of an image (preprocessed CHW floats in [0, 1]) as a small RGB thumbnail.
QImage modelViewThumbnail(const std::vector<float>& pixels, int imageSize, int side);

}  // namespace medq::assess
