#pragma once
// The multimodal image-quality model: answers multiple-choice perception questions,
// writes quality descriptions, embeds images; saved as a checkpoint folder.
#include "common/Result.h"
#include "model/CheckpointManifest.h"
#include "model/LoraConfig.h"
#include "model/ModelConfig.h"
#include "model/QualityQueries.h"
#include "model/ScriptedSpec.h"
#include "model/Tokenizer.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace medq::model {

// Mean responses of the encoder's fixed quality filters (ModelConfig::qualityFrontEnd) to
// one image: log |Laplacian|, log gradient magnitude (both scaled to about [-1, 1]) and the
// log spectrum on the outermost ring of the spectrum grid (highest frequencies).
struct QualityFilterResponse {
    double laplacian = 0;
    double gradient = 0;
    double highFrequency = 0;
};

// A ViT encoder, an MLP projector and a decoder-only transformer (see model/internal/
// Network.h), on CUDA when available, else the CPU. Images are ImagePreprocessor output
// for config().imageSize. Inference methods never throw: errors come back as values.
// Not thread-safe: one job at a time uses a model (the engine thread runs jobs in turn).
// Per image, per attribute slot: the head's {none, mild, moderate, severe} probabilities.
using AttributeReadings = std::vector<std::vector<std::array<double, 4>>>;

class QualityModel {
public:
    QualityModel();
    ~QualityModel();
    QualityModel(QualityModel&&) noexcept;
    QualityModel& operator=(QualityModel&&) noexcept;

    // Freshly initialised weights from config.seed; the vocabulary size follows the tokenizer.
    static Result<QualityModel> create(const ModelConfig& config, const Tokenizer& tokenizer);
    // Reads <dir>/manifest.json, checks every file's SHA-256 and parameter shapes. When
    // `expected` is given, a checkpoint of another architecture is refused as well.
    // Errors name the file at fault.
    static Result<QualityModel> load(const QString& checkpointDir, const ModelConfig* expected = nullptr);
    // A site's TorchScript model (docs/own-model.md), checked against the contract: the
    // error names the file and the method, attribute or shape at fault. save() writes it as
    // a checkpoint like any other; answers and descriptions are derived from its attribute
    // readings (model/ReadingAnswers.h) unless it writes its own descriptions.
    static Result<QualityModel> importTorchScript(const TorchScriptImport& import);
    // Writes weights.pt, tokenizer.model, adapter.pt + adapter.json (when adapters are
    // attached) and manifest.json into a staging folder, then renames it into place.
    Status save(const QString& checkpointDir, const CheckpointInfo& info = {}) const;

    // Option probabilities from the next-token logits of the option symbols after the
    // prompt, renormalised over the item's options. With `headReadings` (and an attribute
    // head) the head's severity probabilities of each query's (first) image come from the
    // same encoder pass: (*headReadings)[query][slot] = {none, mild, moderate, severe}.
    Result<std::vector<PerceptionAnswer>> answer(const std::vector<PerceptionQuery>& queries,
                                                 AttributeReadings* headReadings = nullptr) const;
    // Generates until EOS or the token limit (KV cache). Greedy, or temperature + top-p sampling.
    Result<std::vector<GeneratedDescription>> describe(const std::vector<VisualInput>& images,
                                                       const GenerationOptions& options) const;
    // L2-normalised image embeddings for clustering and retrieval: the mean-pooled pixel
    // tokens, or, for a model that reads measures and no pixels (embedsMeasures()), the
    // measure token of `measures` (parallel to images, standardised as for
    // attributeProbabilities; zeros when absent), so that neighbours share quality levels.
    Result<std::vector<std::vector<float>>> embed(const std::vector<std::vector<float>>& images,
                                                  const std::vector<std::vector<float>>* measures = nullptr) const;
    // Whether embed() reads the measures (ModelConfig::sourceMeasures without readsPixels()).
    bool embedsMeasures() const;
    int embeddingDimension() const;
    // The called severity (0 none, 1 mild, 2 moderate, 3 severe) of every attribute slot, per
    // image, from the auxiliary head (ModelConfig::attributeSlots; an error without it): the
    // most probable one, or by the checkpoint's presence thresholds when it has them.
    Result<std::vector<std::vector<int>>> attributeSeverities(const std::vector<std::vector<float>>& images) const;
    // The same head's severity probabilities: [image][slot][none, mild, moderate, severe].
    // measures (when given, parallel to images): each image's standardised measures for a
    // model with ModelConfig::sourceMeasures (VisualInput::firstMeasures); else zeros.
    Result<AttributeReadings> attributeProbabilities(const std::vector<std::vector<float>>& images,
                                                     const std::vector<std::vector<float>>* measures = nullptr) const;
    // What the fixed front end sees in one preprocessed image of imageSize (no model needed).
    static Result<QualityFilterResponse> qualityFilterResponse(const std::vector<float>& image, int imageSize);

    // Adds zero-initialised adapters (outputs unchanged until trained).
    Status attachLora(const LoraConfig& lora);
    // Folds the adapters into the base weights (W += alpha/r * B A) and removes them.
    void mergeLora();
    std::optional<LoraConfig> lora() const;

    const ModelConfig& config() const;
    // ModelConfig::answerTemperature (must be > 0); saved with the next save().
    void setAnswerTemperature(double t);
    // Typical measure levels of the training sources per modality (MeasureReference), for
    // images whose own source is too small to standardise; saved with the next save().
    const MeasureReference& measureReference() const;
    void setMeasureReference(MeasureReference reference);
    // Per attribute slot, the P(present) from which the head calls an attribute present
    // (model/PresenceCall.h), fitted on held-out images; empty: the most probable severity.
    // Saved with the next save().
    const std::vector<double>& presenceThresholds() const;
    void setPresenceThresholds(std::vector<double> thresholds);
    const Tokenizer& tokenizer() const;
    std::int64_t parameterCount() const;  // adapters included when attached
    QString deviceName() const;
    bool isValid() const { return m_impl != nullptr; }
    // A site's TorchScript model rather than the built-in network.
    bool isScripted() const;
    // Its contract (inputs, attributes, trainable parameters); null for the built-in model.
    const ScriptedSpec* scriptedSpec() const;
    // Whether the head reads this taxonomy slot: every slot of the built-in head, only the
    // attributes a TorchScript model names.
    bool readsAttributeSlot(int slot) const;
    // Whether it assesses this modality (modalityKey): the built-in model every one, a
    // TorchScript model those it was registered for.
    bool readsModality(const QString& modality) const;

    // Rows per forward pass in answer/describe/embed.
    void setInferenceBatchSize(int rows) { m_batchRows = rows > 0 ? rows : 32; }

    // For the torch translation units of core/train only; Impl is defined in
    // model/internal/ModelState.h and is incomplete everywhere else.
    struct Impl;
    Impl& internals() { return *m_impl; }
    const Impl& internals() const { return *m_impl; }

private:
    std::unique_ptr<Impl> m_impl;
    int m_batchRows = 32;
};

}  // namespace medq::model
