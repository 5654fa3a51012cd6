#pragma once
// Quality attributes of the five clinical modalities, built once and read-only.
#include "common/Result.h"
#include "io/Modality.h"
#include "taxonomy/QualityAttribute.h"

#include <map>
#include <vector>

namespace medq {

// Registry of quality attributes per modality, with lookup by modality and key.
//
// Attributes are listed per modality in a fixed order (modality-specific artefacts first, then
// general ones); code that needs a canonical order (degradation stages, descriptions) uses it.
class Taxonomy {
public:
    static const Taxonomy& instance();

    // Attributes of a modality in taxonomy order; empty for Modality::Other.
    const std::vector<QualityAttribute>& attributes(Modality modality) const;
    // nullptr when the key is unknown for that modality.
    const QualityAttribute* find(Modality modality, const QString& key) const;
    // Position of the key in the modality's order, or -1.
    int indexOf(Modality modality, const QString& key) const;
    QStringList keys(Modality modality) const;
    std::vector<const QualityAttribute*> all() const;
    std::size_t size() const;

    // A recipe is valid when every key is known, none repeats, no severity is None, and no two
    // attributes exclude each other. The error names the offending key.
    Status validate(Modality modality, const std::vector<AttributeSeverity>& recipe) const;

private:
    Taxonomy();
    std::map<Modality, std::vector<QualityAttribute>> m_attributes;
};

}  // namespace medq
