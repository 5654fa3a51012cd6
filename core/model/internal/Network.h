#pragma once
// PRIVATE to the torch translation units of core/model and core/train: the including .cpp
// includes <torch/torch.h> first, so no other code can reach torch through this header.
// The multimodal network: ViT image encoder -> MLP projector -> decoder-only transformer
// over [visual tokens, text tokens].
#ifndef TORCH_VERSION_MAJOR
#error "model/internal/Network.h needs <torch/torch.h> included first"
#endif
#include "model/LoraConfig.h"
#include "model/ModelConfig.h"

#include <vector>

namespace medq::model::internal {

// Keys and values of every decoder layer seen so far, for incremental generation.
struct KvCache {
    struct Layer {
        torch::Tensor keys, values;  // [batch, heads, length, headDim]
    };
    std::vector<Layer> layers;
    int64_t length() const { return layers.empty() || !layers[0].keys.defined() ? 0 : layers[0].keys.size(2); }
};

// LayerNorm (vision, as in ViT) or RMSNorm (decoder; Zhang & Sennrich 2019).
class NormImpl : public torch::nn::Module {
public:
    NormImpl(int64_t width, bool rms);
    torch::Tensor forward(const torch::Tensor& x);

private:
    bool m_rms;
    torch::Tensor m_weight, m_bias;
};
TORCH_MODULE(Norm);

// The low-rank pair of one adapted layer: delta W = B A (Hu et al. 2021).
class LoraAdapterImpl : public torch::nn::Module {
public:
    LoraAdapterImpl(int64_t in, int64_t out, int rank);
    torch::Tensor forward(const torch::Tensor& x) { return torch::nn::functional::linear(torch::nn::functional::linear(x, a), b); }
    torch::Tensor a, b;  // [rank, in], [out, rank]
};
TORCH_MODULE(LoraAdapter);

// A linear layer that can carry a LoRA adapter (registered as "<name>.lora.a/b").
class AdaptableLinearImpl : public torch::nn::Module {
public:
    AdaptableLinearImpl(int64_t in, int64_t out, bool bias = true);
    torch::Tensor forward(const torch::Tensor& x);
    void attachLora(int rank, double scaling);
    // W <- W + scaling * B A, then the adapter is removed.
    void mergeLora();
    bool hasLora() const { return !m_lora.is_empty(); }

    torch::Tensor weight, bias;

private:
    LoraAdapter m_lora{nullptr};
    double m_scaling = 0.0;
};
TORCH_MODULE(AdaptableLinear);

// Multi-head self-attention; the decoder's applies rotary position embeddings
// (Su et al. 2021, RoFormer, "rotate half" form) and an additive mask, and can use a cache.
class SelfAttentionImpl : public torch::nn::Module {
public:
    SelfAttentionImpl(int64_t width, int64_t heads, double dropout);
    // cos/sin: [length, headDim/2] for the new positions, or undefined for no rotary.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                          const torch::Tensor& mask, KvCache::Layer* cache);
    AdaptableLinear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};

private:
    int64_t m_heads;
    double m_dropout;
};
TORCH_MODULE(SelfAttention);

// Pre-norm transformer block: x + attn(norm(x)), then x + mlp(norm(x)).
class TransformerBlockImpl : public torch::nn::Module {
public:
    TransformerBlockImpl(int64_t width, int64_t heads, int mlpRatio, double dropout, bool rmsNorm);
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& cos, const torch::Tensor& sin,
                          const torch::Tensor& mask, KvCache::Layer* cache);
    SelfAttention attention{nullptr};
    AdaptableLinear fc1{nullptr}, fc2{nullptr};

private:
    Norm m_norm1{nullptr}, m_norm2{nullptr};
    double m_dropout;
};
TORCH_MODULE(TransformerBlock);

// Fixed (not learned) image-quality features of [B,3,S,S] images in [0, 1]: what a linear
// patch embedding on raw pixels learns only slowly (noise, blur, ringing, ghosting).
// filterChannels: [B,2,S,S], log |Laplacian| and log Sobel gradient magnitude of the grey
// image, roughly in [-1, 1]. spectrumFeatures: [B, grid*grid], the log-magnitude 2-D
// spectrum of the grey image (centred) averaged over a grid x grid tiling.
torch::Tensor qualityFilterChannels(const torch::Tensor& images);
torch::Tensor spectrumFeatures(const torch::Tensor& images, int64_t grid);
constexpr int64_t kSpectrumGrid = 16;

// ViT (Dosovitskiy et al. 2021): patch-embedding conv, learned positions, blocks, final norm.
// With config.qualityFrontEnd the patch embedding also sees qualityFilterChannels, and a
// linear projection of spectrumFeatures joins the patches as one more token. With
// config.visualTokenGrid the patch tokens leave average-pooled to that grid.
class VisionEncoderImpl : public torch::nn::Module {
public:
    explicit VisionEncoderImpl(const ModelConfig& config);
    // [B,3,S,S] -> [B, tokensPerImage, visionWidth]. measures: [B, QualityMeasures::kCount],
    // standardised per source (config.sourceMeasures); undefined reads as zeros, the
    // source's typical values.
    // Without ModelConfig::readsPixels() only the measure token: [B, 1, visionWidth].
    torch::Tensor forward(const torch::Tensor& images, const torch::Tensor& measures = {});
    // The pixel tokens alone (patches, pooled, + spectrum token), whatever reads them.
    torch::Tensor encodePixels(const torch::Tensor& images);

private:
    torch::nn::Conv2d m_patches{nullptr};
    torch::nn::Linear m_spectrum{nullptr};  // only with the quality front end
    torch::nn::Sequential m_measures{nullptr};  // only with config.sourceMeasures: measures -> last token
    torch::Tensor m_positions;
    std::vector<TransformerBlock> m_blocks;
    Norm m_norm{nullptr};
    int64_t m_patchSide = 0, m_gridSide = 0;
    bool m_readsPixels = true;
    int64_t m_measureCount = QualityMeasures::kCount;
    double m_measureDropout = 0.0;
};
TORCH_MODULE(VisionEncoder);

// Decoder-only LM. The visual prefix attends to itself bidirectionally and text attends
// causally to everything before it (the prefix-LM layout of PaliGemma, Beyer et al. 2024):
// an image is seen whole, and generation still only looks back.
class LanguageModelImpl : public torch::nn::Module {
public:
    explicit LanguageModelImpl(const ModelConfig& config);
    // prefix [B,P,W] (undefined when continuing from a cache), tokens [B,T] -> hidden [B,P+T,W].
    torch::Tensor forward(const torch::Tensor& prefix, const torch::Tensor& tokens, KvCache* cache);
    torch::Tensor logits(const torch::Tensor& hidden);  // [..., W] -> [..., vocab]
    KvCache makeCache() const { return KvCache{std::vector<KvCache::Layer>(m_blocks.size())}; }
    torch::Tensor embedTokens(const torch::Tensor& ids) { return m_tokens(ids); }  // [B,T] -> [B,T,W]
    std::vector<TransformerBlock>& blocks() { return m_blocks; }

private:
    torch::nn::Embedding m_tokens{nullptr};
    torch::Tensor m_head;  // untied output head (undefined when tied)
    std::vector<TransformerBlock> m_blocks;
    Norm m_norm{nullptr};
    int64_t m_headDim;
    double m_dropout;
};
TORCH_MODULE(LanguageModel);

// Images to visual prefix, text to next-token logits; the whole model in one module so
// named_parameters() gives the checkpoint's keys.
class MultimodalNetworkImpl : public torch::nn::Module {
public:
    explicit MultimodalNetworkImpl(const ModelConfig& config);
    // Encoder features of [U,3,S,S] images; for pairs (second defined) one encoder pass over
    // both images, split again: {first features, second features or undefined}.
    // With config.sourceMeasures the images' standardised measures come along ([U, kCount] or
    // undefined: zeros).
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& first, const torch::Tensor& second,
                                                   const torch::Tensor& firstMeasures = {},
                                                   const torch::Tensor& secondMeasures = {});
    // The visual tokens of U images (or pairs) from encoder features -> [U, P0, lmWidth]. With
    // an attribute head every image's tokens end with its attribute token. slotMask: the
    // images' SequenceBatch::slotMask (with config.hasOwnModalitySlots(); undefined: every slot).
    torch::Tensor prefixFromFeatures(const torch::Tensor& first, const torch::Tensor& second,
                                     const torch::Tensor& slotMask = {});
    // The decoder's prefix of B rows: rowImage [B] picks each row's image among the U whose
    // features are given, and with config.hasGuidedToken() one question-guided token per image
    // follows, read for the row's prompt (the first promptLengths[b] of tokens[b]) -> [B, P, lmWidth].
    torch::Tensor rowPrefix(const torch::Tensor& firstFeatures, const torch::Tensor& secondFeatures,
                            const torch::Tensor& rowImage, const torch::Tensor& tokens, const torch::Tensor& promptLengths,
                            const torch::Tensor& slotMask = {});
    // The guided token's attention logits over the attribute slots for B rows: from the row's
    // prompt (the first promptLengths[b] of tokens[b]), plus, with config.hasGuidedImageBias(),
    // the bias of the row's image (rowImage [B] indexes the U images of features [U,T,Wv]),
    // and with config.hasOwnModalitySlots() a large negative one on the slots of other
    // modalities -> [B, slots]. Only with config.hasGuidedToken().
    torch::Tensor guidedSlotLogits(const torch::Tensor& features, const torch::Tensor& rowImage, const torch::Tensor& tokens,
                                   const torch::Tensor& promptLengths, const torch::Tensor& slotMask = {});
    // Severity logits of every attribute slot from encoder features: [B,T,Wv] -> [B, slots, 4].
    // Only when config.attributeSlots > 0.
    torch::Tensor attributeLogits(const torch::Tensor& features);
    // One vector per image from its encoder features [B,T,Wv] -> [B,Wv]: the mean token, plus,
    // with config.sourceMeasures, the measure token (last) at full weight, so the head and the
    // guided token's image bias read the measures directly; with config.headReadsMeasuresOnly()
    // the measure token alone.
    torch::Tensor imageSummary(const torch::Tensor& features) const;
    // Mean of the encoder's patch features, L2-normalised: [B,3,S,S] -> [B, visionWidth].
    // Without the measure token: retrieval compares what images look like.
    // Unit-length embeddings: mean pixel tokens, or the measure token (measures [B, kCount],
    // undefined reads as zeros) when the model reads no pixels and has measures.
    torch::Tensor embed(const torch::Tensor& images, const torch::Tensor& measures = {});

    void attachLora(const LoraConfig& lora);
    void mergeLora();
    bool hasLora() const;

    ModelConfig config;
    VisionEncoder vision{nullptr};
    torch::nn::Sequential projector{nullptr};
    LanguageModel lm{nullptr};
    torch::nn::Linear attributeHead{nullptr};       // only with config.attributeSlots > 0
    torch::nn::Linear attributeProjector{nullptr};  // head distribution -> the attribute token
    // Question-guided token (config.hasGuidedToken()): prompt summary -> query over the slot
    // keys; the attended severity distribution (4 values) -> token; slot values: which slots.
    torch::nn::Linear guidedQuery{nullptr}, guidedProjector{nullptr};
    torch::Tensor guidedKeys, guidedValues;  // [slots, lmWidth]
    torch::nn::Linear guidedImageBias{nullptr};  // config.hasGuidedImageBias(): mean feature -> slot bias

private:
    // The prompt's part of guidedSlotLogits: [B,T] tokens -> [B, slots].
    torch::Tensor guidedQueryLogits(const torch::Tensor& tokens, const torch::Tensor& promptLengths);
    // slotMask as [U, config.attributeSlots] when the model reads only its own modality's
    // slots and the mask is given; else undefined.
    torch::Tensor ownSlots(const torch::Tensor& slotMask) const;
    // queryLogits plus the bias of each row's image (when the model has one), and a large
    // negative one where `own` (ownSlots(), [U, slots]) is 0.
    torch::Tensor withImageBias(const torch::Tensor& queryLogits, const torch::Tensor& features, const torch::Tensor& rowImage,
                                const torch::Tensor& own);

    torch::Tensor m_imageSegment;  // [2, lmWidth]: tells the first image of a pair from the second
};
TORCH_MODULE(MultimodalNetwork);

// True for parameter names that belong to LoRA adapters ("....lora.a" / "....lora.b").
bool isLoraParameter(const std::string& name);

}  // namespace medq::model::internal
