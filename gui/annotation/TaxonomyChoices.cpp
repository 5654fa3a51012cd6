#include "annotation/TaxonomyChoices.h"

#include "taxonomy/Taxonomy.h"

namespace medq::gui {

AttributeChoices attributeChoicesFor(Modality modality) {
    AttributeChoices specific, general;
    for (const QualityAttribute& a : Taxonomy::instance().attributes(modality))
        (a.general ? general : specific).push_back({a.key, a.displayName, a.definition});
    specific.insert(specific.end(), general.begin(), general.end());
    return specific;
}

}  // namespace medq::gui
