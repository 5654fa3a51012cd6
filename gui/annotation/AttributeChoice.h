#pragma once
// One quality attribute the annotator can tick for the current image's modality.
#include <QString>
#include <vector>

namespace medq::gui {

struct AttributeChoice {
    QString key;         // stored in labels, e.g. "mri.motion_ghosting"
    QString label;       // shown, e.g. "Motion ghosting"
    QString definition;  // tooltip
};

using AttributeChoices = std::vector<AttributeChoice>;

}  // namespace medq::gui
