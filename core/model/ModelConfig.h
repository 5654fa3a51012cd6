#pragma once
// Shape and run-time settings of the multimodal quality model, with JSON round-trip.
#include "common/Result.h"
#include "model/QualityMeasures.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>

namespace medq::model {

// Everything that fixes the network's shape (stored in every checkpoint manifest), plus
// the seed and thread count used when a model is created or loaded.
struct ModelConfig {
    QString presetName = QStringLiteral("default");  // the preset it started from

    // Vision encoder (ViT): a square image cut into patchSize x patchSize patches.
    int imageSize = 128;
    int patchSize = 16;
    int visionWidth = 192;
    int visionLayers = 2;
    int visionHeads = 3;
    // Fixed quality filters ahead of the patch embedding: log |Laplacian| and log Sobel
    // magnitude channels, and one extra visual token from the log-magnitude spectrum (see
    // VisionEncoderImpl). Off for checkpoints written before it existed (no JSON key).
    bool qualityFrontEnd = true;
    // Patch tokens are average-pooled to visualTokenGrid x visualTokenGrid before the
    // projector (0: every patch is a token). Quality is mostly a global property, and the
    // decoder's cost grows with the visual prefix it attends over on every text token.
    int visualTokenGrid = 4;
    // Auxiliary head on the encoder's mean feature: a severity (none/mild/moderate/severe)
    // per taxonomy attribute slot, trained from ground truth or annotators' attribute labels
    // (TrainConfig::attributeWeight). Its distribution, projected, joins the image's visual
    // tokens as one "attribute token" the decoder can read a question's attribute from.
    // 0: no head, no token. Checkpoints without the key have none.
    int attributeSlots = 48;
    // With the attribute head: one more token per image, read out for the question at hand.
    // A bag-of-words query from the prompt's token embeddings attends over learned slot keys,
    // and the token carries the attended slots' severity distribution and identity. The
    // decoder alone did not learn to look up "the attribute this question names" in the
    // attribute token (yes/no stayed at the majority answer while the head itself was right).
    // Checkpoints without the key have none.
    bool questionGuidedToken = true;
    // With the guided token: the image's mean encoder feature adds a bias per slot to the
    // query's attention. The prompt says which attribute ("noise"), the image says which
    // modality's slot of it: "Is there noise in this image?" reads the same for every
    // modality. Checkpoints without the key have none.
    bool guidedImageBias = true;
    // Hand-made quality measures (QualityMeasures), standardised within each image's source
    // (SourceStandardiser), as one more visual token that the attribute head and the guided
    // token's image bias also read directly. Their ranking transfers to unseen sources where
    // the encoder's does not (docs/unseen-sources.md). Checkpoints without the key have none.
    bool sourceMeasures = false;
    // What reads the measures (with sourceMeasures). Token: the measure token joins the
    // visual tokens and the attribute head reads it beside the mean pixel feature. Head: the
    // attribute head and the guided token's image bias read the measure token alone, so what
    // they learnt about a training source's look cannot move them. Only: as Head, and the
    // decoder sees no pixel token either: the measure, attribute and guided tokens only.
    // Checkpoints without the key read Token.
    enum class MeasureRoute { Token, Head, Only };
    MeasureRoute measureRoute = MeasureRoute::Token;
    static std::optional<MeasureRoute> measureRouteNamed(const QString& word);  // "token", "head", "only"
    static QString measureRouteWords();                                         // for errors and help
    // How many of QualityMeasures' values the measure token reads (the first ones): a new
    // network reads them all, checkpoints without the key the first generation's 30.
    int measureCount = QualityMeasures::kCount;
    // In training, each standardised measure is dropped (zeroed, the rest scaled up) with this
    // probability, so the head cannot lean on one combination of measures that a new source
    // breaks (docs/experiments.md, "Measure dropout"). Checkpoints without the key have none.
    double measureDropout = 0.0;
    // The decoder's attribute token and the guided token read only the slots of the image's
    // own modality (VisualInput::modality; every slot when it is unknown): the other
    // modalities' slots read "none" and the guided token cannot attend to them. With the
    // other slots left out of training (TrainConfig::attributeOtherModalityWeight 0) they
    // would otherwise pass untrained readings on. No parameters: weights load either way.
    // Checkpoints without the key read every slot.
    bool ownModalitySlots = false;
    bool hasOwnModalitySlots() const { return ownModalitySlots && attributeSlots > 0; }
    bool headReadsMeasuresOnly() const { return sourceMeasures && measureRoute != MeasureRoute::Token; }
    bool prefixHasPixels() const { return !(sourceMeasures && measureRoute == MeasureRoute::Only); }
    // Whether anything trained reads the pixel encoder's tokens. Not with MeasureRoute::Only:
    // the network then skips the pixel encoder when answering and training (its weights
    // stay as initialised), and only image embeddings for retrieval still run it.
    bool readsPixels() const { return prefixHasPixels() || !headReadsMeasuresOnly(); }

    // Decoder-only language model over [visual tokens, text tokens].
    int lmWidth = 256;
    int lmLayers = 4;
    int lmHeads = 4;
    int mlpRatio = 4;        // hidden width of every MLP = mlpRatio x width
    int maxTextLength = 96;  // text tokens per item (prompt + answer or description)
    int vocabSize = 2000;    // follows the tokenizer: create() adopts the tokenizer's size
    bool tieEmbeddings = true;  // output head shares the token embedding matrix

    // Perception answers' option logits are divided by it (temperature scaling, fitted on
    // held-out questions when training ends: train::AnswerTemperature). Confidences and
    // entropies change, the chosen option never. Checkpoints without the key read 1.
    double answerTemperature = 1.0;

    // The description prompt names the item's modality (PromptFormat). Checkpoints without
    // the key were trained on the prompt without it.
    bool modalityInPrompt = true;

    double dropout = 0.0;
    std::uint64_t seed = 1234;
    int threads = 2;  // torch intra-op threads on CPU

    // "tiny" (tests: trains in seconds), "default" (2 CPU cores), "base" (CUDA).
    static Result<ModelConfig> fromPreset(const QString& name);
    static QStringList presetNames();
    // The preset word of a site's TorchScript model (docs/own-model.md): only imageSize,
    // visionWidth (its embedding width) and attributeSlots mean anything then.
    static QString scriptedPresetName() { return QStringLiteral("torchscript"); }
    bool isScripted() const { return presetName == scriptedPresetName(); }

    int patchesPerImage() const { return (imageSize / patchSize) * (imageSize / patchSize); }
    // Side of the patch-token grid after pooling (the patch grid when not pooled).
    int visualGridSide() const {
        const int side = imageSize / patchSize;
        return visualTokenGrid > 0 && visualTokenGrid < side ? visualTokenGrid : side;
    }
    bool hasGuidedToken() const { return questionGuidedToken && attributeSlots > 0; }
    bool hasGuidedImageBias() const { return hasGuidedToken() && guidedImageBias; }
    // Visual tokens one image adds to the decoder's prefix: its (pooled) patches, plus the
    // spectrum token, the measure token, the attribute token and the question-guided token when the model has them.
    int tokensPerImage() const {
        const int pixels = prefixHasPixels() ? visualGridSide() * visualGridSide() + (qualityFrontEnd ? 1 : 0) : 0;
        return pixels + (sourceMeasures ? 1 : 0) + (attributeSlots > 0 ? 1 : 0) +
               (hasGuidedToken() ? 1 : 0);
    }
    // Longest sequence the decoder sees: two images (a comparison pair) plus text.
    int maxSequenceLength() const { return 2 * tokensPerImage() + maxTextLength; }
    // Floats in one preprocessed image (3 x imageSize x imageSize, CHW).
    int imageFloats() const { return 3 * imageSize * imageSize; }

    // Checks divisibility and ranges; the error names the offending field.
    Status validate() const;
    // True when both configs build networks with identical parameter shapes.
    bool sameArchitecture(const ModelConfig& other) const;
    // "lm 256x4, vision 192x2, image 128/16, vocab 2000" for logs and errors.
    QString summary() const;

    QJsonObject toJson() const;
    // Missing keys keep their defaults; wrong types or invalid values give an Error.
    static Result<ModelConfig> fromJson(const QJsonObject& json);
};

}  // namespace medq::model
