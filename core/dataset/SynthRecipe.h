#pragma once
// A synthetic item as a recipe: which clean base, which attributes at which severities,
// and the seed. Rendering a recipe always gives the same pixels (core/synth is seeded).
#include "io/Modality.h"
#include "taxonomy/Severity.h"

#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace medq::dataset {

struct SynthRecipe {
    Modality modality = Modality::Other;
    int base = -1;  // -1: procedural phantom from `seed`; else index into BaseLibrary's real bases
    std::uint64_t seed = 0;
    std::vector<AttributeSeverity> attributes;

    // Compact form for pool_items.attributes: "index:severity,..." over the taxonomy list.
    QString encodeAttributes() const;
    static std::optional<std::vector<AttributeSeverity>> decodeAttributes(Modality modality, const QString& text);
    // Readable, complete form stored with benchmark images: "mri|-1|42|noise:mild,aliasing:severe".
    QString toText() const;
    static std::optional<SynthRecipe> fromText(const QString& text);
};

int modalityIndex(Modality m);  // position in kClinicalModalities, -1 for Other

}  // namespace medq::dataset
