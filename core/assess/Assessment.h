#pragma once
// What `medq assess` and the workstation say about one image: its modality, the overall
// quality level with its probabilities and a 1-5 score, every attribute of its modality
// with severity probabilities, the description, and the uncertainty the loop routes by.
#include "common/Vocabulary.h"
#include "io/Modality.h"
#include "taxonomy/Severity.h"

#include <QImage>
#include <QJsonObject>
#include <QString>
#include <array>
#include <optional>
#include <vector>

namespace medq::assess {

struct AttributeAssessment {
    QString key;                          // taxonomy key ("motion_ghosting")
    QString name;                         // display name
    std::array<double, 4> probabilities{};  // none, mild, moderate, severe
    Severity severity = Severity::None;   // the most likely
    double expectedSeverity() const;      // sum of p * severity, 0..3
};

struct Assessment {
    QString path;
    Modality modality = Modality::Other;
    int width = 0, height = 0, depth = 1;
    std::array<double, 3> levelProbabilities{};  // good, usable, reject (the question's option order)
    QualityLevel level = QualityLevel::Good;     // the most likely
    double score = 0;                            // QualityScore::fromLevels, 1..5
    std::vector<AttributeAssessment> attributes;  // taxonomy order
    std::optional<QString> description;           // absent with --no-description, or when no draft
    // Set when the generated description was no draft at all (loop::DegenerateDraft); then
    // `description` is absent: a row of periods is never passed on as the model's verdict.
    std::optional<DraftProblem> descriptionProblem;
    // The overall level the description states in its own words ("Overall, the quality of
    // this image is usable", read by eval::FindingExtractor), when it states one. The level
    // question and the decoder are two readings that can disagree (base300 rated a NIfTI
    // sample reject and wrote "… is good"); the reader is told instead of shown both.
    std::optional<QualityLevel> descriptionConclusion;
    bool descriptionContradictsLevel() const {
        return description && descriptionConclusion && *descriptionConclusion != level;
    }
    double answerUncertainty = 0, textUncertainty = 0, uncertainty = 0;  // loop::routingUncertainty
    std::optional<Queue> route;  // where the loop's calibrated thresholds would send it
    QImage thumbnail;            // what the model saw, small; not serialised

    // The attribute with the highest expected severity, or null when none is at least mild.
    const AttributeAssessment* worstAttribute() const;
    QJsonObject toJson() const;
    // Reads toJson() back (the thumbnail is not serialised); nullopt when a field is missing.
    static std::optional<Assessment> fromJson(const QJsonObject& json);
};

// The 1-5 score: the expected value of Good = 5, Usable = 3, Reject = 1 under the model's
// level probabilities, so 5 is surely good and 1 surely rejected.
struct QualityScore {
    static double fromLevels(const std::array<double, 3>& goodUsableReject);
};

// Whether `level` is at `threshold` or worse (Reject is worse than Usable, Usable than Good).
bool atOrWorse(QualityLevel level, QualityLevel threshold);

}  // namespace medq::assess
