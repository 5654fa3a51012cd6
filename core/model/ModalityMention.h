#pragma once
// Which modality a generated description names: a draft of an MRI that opens "This fundus
// image shows" is wrong before any finding is read, and a radiologist stops trusting the
// rest. The first modality word in the text counts ("CT", "MRI"/"MR", "endoscopy",
// "fundus", "histopathology"/"histology"/"slide"/"tile"/"H&E"); whole words, case as the references
// write them for the abbreviations. The decoder's guard uses the same words, so a draft it
// lets through is never counted here.
#include "io/Modality.h"

#include <QString>
#include <optional>

namespace medq::model {

class ModalityMention {
public:
    // The first modality the text names; nullopt when it names none.
    static std::optional<Modality> first(const QString& text);
    // Whether a description of an image of `modalityKey` names another modality first
    // (false when the key is not a clinical modality or the text names none).
    static bool namesAnother(const QString& text, const QString& modalityKey);
    // Whether the text names any modality other than `own`, anywhere: what the description
    // guard (GenerationOptions::keepToModality) never lets a draft do.
    static bool namesOtherThan(const QString& text, Modality own);
};

}  // namespace medq::model
