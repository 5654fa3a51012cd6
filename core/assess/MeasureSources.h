#pragma once
// Standardises the measures of images assessed together, for a model that reads them
// (ModelConfig::sourceMeasures). Images of one source (same modality, same folder) are
// standardised within that source, as training and evaluation do, once at least
// SourceStandardiser::kMinImages of them have been seen; the others against their
// modality's reference from the checkpoint (MeasureReference); without either they read as
// zeros, the typical value. A folder walked in chunks streams through take(): the first
// images of a folder wait until it has enough of them or the walk has left it.
#include "assess/ImageAssessor.h"
#include "model/MeasureReference.h"
#include "model/SourceStandardiser.h"

#include <QString>
#include <vector>

namespace medq::assess {

enum class MeasureBasis { OwnSource, ModelReference, None };

struct MeasureBasisCounts {
    int ownSource = 0, modelReference = 0, none = 0;
};

class MeasureSources {
public:
    explicit MeasureSources(model::MeasureReference reference) : m_reference(std::move(reference)) {}

    // The default source of an image file: its modality and folder (a series, an export).
    static QString sourceOfFile(Modality modality, const QString& path);
    // Which basis an image gets, from its source's size so far and the reference.
    static MeasureBasis basisFor(int imagesInSource, bool referenceHasModality);

    // Adds the inputs' raw measures to their sources, then replaces each input's measures by
    // standardised ones, in place. Inputs without measures are left alone (None).
    MeasureBasisCounts standardise(std::vector<AssessInput>& inputs);

    // The next chunk of a walk (sources contiguous): returns the inputs ready, standardised,
    // in order; an input waits while its source is the chunk's last and has too few images.
    std::vector<AssessInput> take(std::vector<AssessInput> chunk);
    // Everything still waiting, standardised (the walk has ended).
    std::vector<AssessInput> flush();

    // Images per basis over every call so far.
    const MeasureBasisCounts& total() const { return m_total; }

private:
    void add(AssessInput& input);
    MeasureBasis standardiseOne(AssessInput& input);

    model::MeasureReference m_reference;
    model::SourceStandardiser m_sources;
    std::vector<AssessInput> m_waiting;
    MeasureBasisCounts m_total;
};

}  // namespace medq::assess
