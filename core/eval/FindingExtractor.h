#pragma once
// Reads a quality description the way the rubric needs it: which attributes it reports
// (with severity when the wording says so), which it states are absent, and its
// conclusion. Built on the taxonomy's phrase banks and cue words, no language model.
#include "io/Modality.h"
#include "taxonomy/Severity.h"

#include <QMap>
#include <QSet>
#include <QString>
#include <optional>

namespace medq::eval {

struct Findings {
    QMap<QString, Severity> present;  // attribute key -> severity (Moderate when unspecified)
    QSet<QString> absent;             // attributes explicitly stated absent
    std::optional<QualityLevel> conclusion;
    // Pairs: +1 first better, -1 second better, 0 similar; nullopt when not stated.
    std::optional<int> preference;
};

class FindingExtractor {
public:
    // `modality` Other means: look for every modality's attributes.
    static Findings extract(const QString& text, Modality modality);
};

}  // namespace medq::eval
