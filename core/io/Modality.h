#pragma once
// The five Med-IQA modalities the workstation knows, plus `Other` for everything else.
#include <QString>
#include <array>
#include <optional>

namespace medq {

enum class Modality { MRI, CT, Endoscopy, Histopathology, Fundus, Other };

constexpr std::array<Modality, 5> kClinicalModalities = {
    Modality::MRI, Modality::CT, Modality::Endoscopy, Modality::Histopathology, Modality::Fundus};

// Stable lower-case key stored in the workspace ("mri", "ct", ...).
QString modalityKey(Modality m);
// Human-readable name ("MRI", "Fundus photography", ...).
QString modalityDisplayName(Modality m);
// Accepts keys and common synonyms ("mr", "fundus", "pathology", ...), case-insensitive.
std::optional<Modality> modalityFromString(const QString& text);

}  // namespace medq
