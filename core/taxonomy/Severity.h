#pragma once
// Degradation severities, the overall quality level, and one (attribute, severity) pair.
#include <QString>
#include <array>
#include <optional>

namespace medq {

// How strongly a quality attribute is present. `None` means absent.
enum class Severity { None = 0, Mild = 1, Moderate = 2, Severe = 3 };

constexpr std::array<Severity, 3> kPresentSeverities = {Severity::Mild, Severity::Moderate,
                                                        Severity::Severe};

// "none", "mild", "moderate", "severe" (stable keys, also the display words).
QString severityKey(Severity severity);
std::optional<Severity> severityFromString(const QString& text);

// Overall quality of an image as MedQ-Bench descriptions conclude it; ordered reject < usable < good.
enum class QualityLevel { Reject = 0, Usable = 1, Good = 2 };

// "reject", "usable", "good".
QString qualityLevelKey(QualityLevel level);
std::optional<QualityLevel> qualityLevelFromString(const QString& text);

// One entry of a degradation recipe: a taxonomy attribute key (within a modality) and its severity.
struct AttributeSeverity {
    QString key;
    Severity severity = Severity::Mild;

    bool operator==(const AttributeSeverity& other) const {
        return key == other.key && severity == other.severity;
    }
    bool operator!=(const AttributeSeverity& other) const { return !(*this == other); }
};

}  // namespace medq
