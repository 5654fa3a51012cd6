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
    // -1: procedural phantom from `seed` (synth::Phantoms::make); -2: a varied phantom of
    // generation 2 (synth::Phantoms::varied); 0 up to kSiteBaseFirst: index into the packaged
    // real bases (RealBaseCatalogue); from kSiteBaseFirst: the workspace's site base (site_bases row
    // base - kSiteBaseFirst). One integer, so pool_items and stored recipes keep their form.
    int base = -1;
    static constexpr int kSiteBaseFirst = 1000000;
    static constexpr int kPhantom = -1, kVariedPhantom = -2;
    bool isSiteBase() const { return base >= kSiteBaseFirst; }
    std::int64_t siteBaseId() const { return std::int64_t(base) - kSiteBaseFirst; }
    static int siteBase(std::int64_t siteBaseId) { return int(siteBaseId + kSiteBaseFirst); }
    std::uint64_t seed = 0;
    std::vector<AttributeSeverity> attributes;
    // A real or site base varied by synth::BaseAugmenter (from `seed`) before degradation.
    // Recipes written before it existed have none, so they render as they always did.
    bool augmented = false;

    // Compact form for pool_items.attributes: "index:severity,..." over the taxonomy list.
    QString encodeAttributes() const;
    static std::optional<std::vector<AttributeSeverity>> decodeAttributes(Modality modality, const QString& text);
    // Readable, complete form stored with benchmark images: "mri|-1|42|noise:mild,aliasing:severe",
    // with "|augmented" after it for an augmented base.
    QString toText() const;
    static std::optional<SynthRecipe> fromText(const QString& text);
};

int modalityIndex(Modality m);  // position in kClinicalModalities, -1 for Other

}  // namespace medq::dataset
