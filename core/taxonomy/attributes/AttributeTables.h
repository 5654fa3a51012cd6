#pragma once
// Internal: the attribute tables of each modality, one source file per modality.
#include "taxonomy/QualityAttribute.h"

#include <vector>

namespace medq::taxonomy_tables {

std::vector<QualityAttribute> mriAttributes();
std::vector<QualityAttribute> ctAttributes();
std::vector<QualityAttribute> endoscopyAttributes();
std::vector<QualityAttribute> histopathologyAttributes();
std::vector<QualityAttribute> fundusAttributes();

// Starts an attribute with its identity; the table files fill in the words.
inline QualityAttribute makeAttribute(Modality modality, const char* key, const char* displayName,
                                      const char* noun, const char* degradation, bool general) {
    QualityAttribute a;
    a.modality = modality;
    a.key = QString::fromLatin1(key);
    a.displayName = QString::fromLatin1(displayName);
    a.noun = QString::fromLatin1(noun);
    a.degradation = QString::fromLatin1(degradation);
    a.general = general;
    return a;
}

}  // namespace medq::taxonomy_tables
