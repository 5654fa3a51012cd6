#pragma once
// The attribute list the annotation panel offers for a modality, from the taxonomy.
#include "annotation/AttributeChoice.h"
#include "io/Modality.h"

namespace medq::gui {

// Modality-specific attributes first (they are what an expert looks for), then general ones.
AttributeChoices attributeChoicesFor(Modality modality);

}  // namespace medq::gui
