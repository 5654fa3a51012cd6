#pragma once
// One quality attribute of a modality: what it is, which degradation synthesises it, and the
// words used to describe and ask about it.
#include "io/Modality.h"
#include "taxonomy/Severity.h"

#include <QString>
#include <QStringList>
#include <array>

namespace medq {

// A named, describable image-quality attribute (artefact or general degradation) of one modality.
struct QualityAttribute {
    Modality modality = Modality::Other;
    QString key;          // stable snake_case key, unique within the modality ("motion_ghosting")
    QString displayName;  // "Motion ghosting"
    QString noun;         // used inside questions: "Is there <noun> in this image?"
    QString definition;   // one or two sentences for annotators
    QString degradation;  // key of the synth degradation implementing it ("mri.motion_ghosting")
    bool general = false; // general (noise, blur, contrast, exposure) vs modality-specific
    // Noun phrases for descriptions, several phrasings per severity: index 0 mild, 1 moderate,
    // 2 severe. They read well after "There is ..." / "The image shows ...".
    std::array<QStringList, 3> phrases;
    QStringList absentPhrases;  // noun phrases stating absence ("no motion ghosting")
    QString clinicalImpact;     // one sentence: what the artefact does to reading
    QStringList cues;           // lower-case words a finding extractor matches ("ghost", "motion")
    QStringList excludes;       // keys that cannot be present at the same time (over vs under exposure)

    const QStringList& phrasesFor(Severity severity) const {
        const int i = severity == Severity::Severe ? 2 : severity == Severity::Moderate ? 1 : 0;
        return phrases[std::size_t(i)];
    }
};

}  // namespace medq
