#pragma once
// Step 6 of a round without a person at the desk: a simulated annotator works through the
// round's queues (expert: from scratch; verify and spot checks: reviewing the model's
// draft), and auto-accepted drafts are stored as they are. Every result is an append-only
// annotation with its action and the seconds the cost model charges.
#include "common/Result.h"
#include "store/Records.h"
#include "synth/SimulatedAnnotator.h"

#include <QString>
#include <vector>

namespace medq::store { class Workspace; }

namespace medq::loop {

// Who stores accepted model drafts in the annotations table.
using store::kAutoAcceptAnnotator;

// The labels a draft's description reports: what a reviewer starts from.
synth::GroundTruth draftLabels(const QString& draftText, Modality modality);

struct AnnotatedItem {
    store::Id imageId = 0;
    QString annotator;
    AnnotationAction action = AnnotationAction::Full;
    double seconds = 0;
    QString qualityLevel;
    std::vector<std::pair<store::Id, store::Id>> annotations;  // (task, annotation) written
};

class HeadlessAnnotator {
public:
    // The simulated annotator answers from ground truth, which a site's own files do not
    // have: a round over a pool holding usable files is refused before it starts, with the
    // way out (the human annotator) in the message.
    static Status requireTruthIn(store::Workspace& ws);

    HeadlessAnnotator(store::Workspace& ws, QString name, synth::AnnotatorConfig config)
        : m_ws(ws), m_name(std::move(name)), m_annotator(std::move(config)) {}
    const QString& name() const { return m_name; }

    // Annotates the item (a synthetic image: its truth comes from the recipe). `review`:
    // correct the draft of `modelVersion`; otherwise write from scratch.
    Result<AnnotatedItem> annotate(store::Id imageId, bool review, const QString& modelVersion, std::uint64_t seed);
    // Stores the draft of `modelVersion` as accepted, at no human cost.
    static Result<AnnotatedItem> acceptDraft(store::Workspace& ws, store::Id imageId, const QString& modelVersion);

private:
    store::Workspace& m_ws;
    QString m_name;
    synth::SimulatedAnnotator m_annotator;
};

}  // namespace medq::loop
