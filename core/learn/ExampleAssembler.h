#pragma once
// Turns workspace tasks into model inputs: renders or reads each image once, preprocesses
// it for the model, and pairs it with the question (options, answer) or the description.
#include "common/Result.h"
#include "jobs/Progress.h"
#include "learn/PreparedImageCache.h"
#include "model/ImagePreprocessor.h"
#include "model/ModelConfig.h"
#include "model/SourceStandardiser.h"
#include "store/Workspace.h"
#include "train/TrainingExample.h"

#include <QHash>
#include <QJsonValue>

namespace medq::learn {

struct AssembledSet {
    std::vector<train::TrainingExample> examples;
    std::vector<store::Id> taskIds;  // parallel to examples
    int skipped = 0;                 // tasks without a usable answer
};

class ExampleAssembler {
public:
    ExampleAssembler(store::Workspace& ws, int imageSize) : m_ws(ws), m_pre(imageSize) {}
    // Inputs for that model: its image size, and its measures (ModelConfig::sourceMeasures).
    ExampleAssembler(store::Workspace& ws, const model::ModelConfig& config)
        : m_ws(ws), m_pre(config.imageSize), m_sourceMeasures(config.sourceMeasures) {}

    // All tasks of a split with a known answer; `limit` > 0 keeps the first N.
    Result<AssembledSet> split(const QString& split, const jobs::Progress& progress, int limit = 0);
    // One task; `answer` overrides the stored ground truth (e.g. an accepted annotation), and
    // then `attributeLabels` (the annotation's labels["attributes"]) replace the image's
    // ground-truth attributes as targets of the model's attribute head.
    Result<train::TrainingExample> example(const store::TaskRecord& task, const QString& answer = {},
                                           const QJsonValue& attributeLabels = {});
    Result<model::VisualInput> visual(store::Id imageId, std::optional<store::Id> secondImageId);
    Result<model::Pixels> pixels(store::Id imageId);
    // Renders and preprocesses the images not yet cached, on every core, in chunks with
    // progress (rendering dominates: a CT item takes ~0.1 s). With skipUnreadable, an image
    // that cannot be read is left out (pixels() and example() then say why) instead of
    // ending the prefetch.
    Status prefetch(const std::vector<store::Id>& imageIds, const jobs::Progress& progress, bool skipUnreadable = false);

    // Slots of the model's attribute head (ModelConfig::attributeSlots); 0 (default): examples
    // carry no attribute targets.
    void setAttributeSlots(int count) { m_attributeSlots = count; }
    // For a model with ModelConfig::sourceMeasures: every image's QualityMeasures, standardised
    // over the images of its source (SourceBreakdown::sourceOfImage) this assembler has read.
    void setSourceMeasures(bool on) { m_sourceMeasures = on; }
    // Image imageId's standardised measures (empty without setSourceMeasures or before its
    // pixels were read).
    std::vector<float> standardisedMeasures(store::Id imageId);
    // The measure levels of every source read so far, per modality, for the checkpoint of a
    // model trained on them (QualityModel::setMeasureReference).
    model::MeasureReference measureReference();
    // Images of a source too small to standardise on its own are read against this
    // reference (drafting a few new items); without one they read as zeros, as in training
    // and evaluation, where every source is read whole.
    void setFallbackReference(model::MeasureReference reference) { m_fallback = std::move(reference); }
    // Every image read against the fallback reference, as if it came alone (the workstation's
    // single opened image): `medq model eval --measures-alone` measures what that costs.
    void setMeasuresAlone(bool alone) { m_measuresAlone = alone; }

private:
    using Prepared = PreparedImage;
    // Loads and preprocesses one image (and measures it with setSourceMeasures), or takes it
    // from the process's PreparedImageCache when its content hash alone fixes its pixels.
    static Result<Prepared> prepare(const store::ImageRecord& record, const QStringList& files, const QString& siteBases,
                                    const model::ImagePreprocessor& pre, bool withMeasures);
    void keep(store::Id imageId, const store::ImageRecord& record, Prepared prepared);

    store::Workspace& m_ws;
    model::ImagePreprocessor m_pre;
    QHash<store::Id, model::Pixels> m_cache;  // each image once; examples share these
    QHash<store::Id, QString> m_modalityOf;  // modalityKey of every image in m_cache
    int m_attributeSlots = 0;
    bool m_sourceMeasures = false;
    QHash<store::Id, std::pair<QString, std::vector<float>>> m_measures;  // source, raw measures
    QHash<QString, QString> m_modalityOfSource;                          // source -> modalityKey
    model::SourceStandardiser m_standardiser;
    model::MeasureReference m_fallback;
    bool m_standardiserStale = false;
    bool m_measuresAlone = false;
};

}  // namespace medq::learn
