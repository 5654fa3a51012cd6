#include <torch/torch.h>

#include "model/internal/Network.h"

#include <cmath>

namespace medq::model::internal {

namespace F = torch::nn::functional;

namespace {

// Rotary tables for positions [offset, offset + length): angle = pos * 10000^(-2i/d).
std::pair<torch::Tensor, torch::Tensor> rotaryTables(int64_t offset, int64_t length, int64_t headDim,
                                                     const torch::Device& device) {
    const auto opts = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    const auto inverse = torch::pow(10000.0, -torch::arange(0, headDim, 2, opts) / double(headDim));
    const auto angles = torch::outer(torch::arange(offset, offset + length, opts), inverse);
    return {angles.cos(), angles.sin()};
}

// x: [B, H, L, D]; cos/sin: [L, D/2]. Pairs channel i with i + D/2 ("rotate half").
torch::Tensor applyRotary(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
    const int64_t half = x.size(-1) / 2;
    const auto x1 = x.slice(-1, 0, half);
    const auto x2 = x.slice(-1, half);
    return torch::cat({x1 * cos - x2 * sin, x1 * sin + x2 * cos}, -1);
}

// Additive mask [L, offset + L] for rows at positions offset.. : text is causal, the visual
// prefix (first `prefix` positions of a fresh sequence) sees all of itself.
torch::Tensor prefixCausalMask(int64_t prefix, int64_t length, int64_t offset, const torch::Device& device) {
    auto allowed = torch::ones({length, offset + length}, torch::TensorOptions().dtype(torch::kBool).device(device)).tril(offset);
    if (prefix > 0 && offset == 0) allowed.slice(0, 0, prefix).slice(1, 0, prefix).fill_(true);
    return torch::zeros(allowed.sizes(), torch::TensorOptions().device(device)).masked_fill(allowed.logical_not(), -INFINITY);
}

}  // namespace

bool isLoraParameter(const std::string& name) {
    return name.find(".lora.") != std::string::npos;
}

NormImpl::NormImpl(int64_t width, bool rms) : m_rms(rms) {
    m_weight = register_parameter("weight", torch::ones({width}));
    if (!rms) m_bias = register_parameter("bias", torch::zeros({width}));
}

torch::Tensor NormImpl::forward(const torch::Tensor& x) {
    if (!m_rms) return torch::layer_norm(x, {x.size(-1)}, m_weight, m_bias, 1e-5);
    return x * torch::rsqrt(x.pow(2).mean(-1, true) + 1e-6) * m_weight;
}

LoraAdapterImpl::LoraAdapterImpl(int64_t in, int64_t out, int rank) {
    // Initialisation of the reference implementation (microsoft/LoRA loralib): A like a
    // default linear layer, B zero, so the adapted layer starts equal to the base layer.
    a = register_parameter("a", torch::empty({rank, in}));
    b = register_parameter("b", torch::zeros({out, rank}));
    torch::nn::init::kaiming_uniform_(a, std::sqrt(5.0));
}

AdaptableLinearImpl::AdaptableLinearImpl(int64_t in, int64_t out, bool withBias) {
    weight = register_parameter("weight", torch::empty({out, in}).normal_(0.0, 0.02));  // GPT-2 initialisation
    if (withBias) bias = register_parameter("bias", torch::zeros({out}));
}

torch::Tensor AdaptableLinearImpl::forward(const torch::Tensor& x) {
    auto y = F::linear(x, weight, bias);
    if (!m_lora.is_empty()) y = y + m_lora->forward(x) * m_scaling;
    return y;
}

void AdaptableLinearImpl::attachLora(int rank, double scaling) {
    if (!m_lora.is_empty()) return;
    m_lora = register_module("lora", LoraAdapter(weight.size(1), weight.size(0), rank));
    m_lora->to(weight.device());
    m_scaling = scaling;
}

void AdaptableLinearImpl::mergeLora() {
    if (m_lora.is_empty()) return;
    torch::NoGradGuard noGrad;
    weight.add_(torch::matmul(m_lora->b, m_lora->a) * m_scaling);
    unregister_module("lora");
    m_lora = nullptr;
}

SelfAttentionImpl::SelfAttentionImpl(int64_t width, int64_t heads, double dropout)
    : m_heads(heads), m_dropout(dropout) {
    q = register_module("q", AdaptableLinear(width, width));
    k = register_module("k", AdaptableLinear(width, width));
    v = register_module("v", AdaptableLinear(width, width));
    o = register_module("o", AdaptableLinear(width, width));
}

torch::Tensor SelfAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                         const torch::Tensor& mask, KvCache::Layer* cache) {
    const int64_t batch = x.size(0), length = x.size(1), width = x.size(2);
    const int64_t headDim = width / m_heads;
    auto split = [&](const torch::Tensor& t) { return t.view({batch, length, m_heads, headDim}).transpose(1, 2); };
    auto queries = split(q(x)), keys = split(k(x)), values = split(v(x));
    if (cos.defined()) {
        queries = applyRotary(queries, cos, sin);
        keys = applyRotary(keys, cos, sin);
    }
    if (cache) {
        if (cache->keys.defined()) {
            keys = torch::cat({cache->keys, keys}, 2);
            values = torch::cat({cache->values, values}, 2);
        }
        cache->keys = keys;
        cache->values = values;
    }
    // Scaled dot-product attention (Vaswani et al. 2017).
    auto scores = torch::matmul(queries, keys.transpose(-2, -1)) / std::sqrt(double(headDim));
    if (mask.defined()) scores = scores + mask;
    auto weights = torch::softmax(scores, -1);
    if (m_dropout > 0) weights = F::dropout(weights, F::DropoutFuncOptions().p(m_dropout).training(is_training()));
    auto out = torch::matmul(weights, values).transpose(1, 2).reshape({batch, length, width});
    return o(out);
}

TransformerBlockImpl::TransformerBlockImpl(int64_t width, int64_t heads, int mlpRatio, double dropout, bool rmsNorm)
    : m_dropout(dropout) {
    m_norm1 = register_module("norm1", Norm(width, rmsNorm));
    attention = register_module("attention", SelfAttention(width, heads, dropout));
    m_norm2 = register_module("norm2", Norm(width, rmsNorm));
    fc1 = register_module("fc1", AdaptableLinear(width, width * mlpRatio));
    fc2 = register_module("fc2", AdaptableLinear(width * mlpRatio, width));
}

torch::Tensor TransformerBlockImpl::forward(torch::Tensor x, const torch::Tensor& cos, const torch::Tensor& sin,
                                            const torch::Tensor& mask, KvCache::Layer* cache) {
    const auto drop = [&](const torch::Tensor& t) {
        return m_dropout > 0 ? F::dropout(t, F::DropoutFuncOptions().p(m_dropout).training(is_training())) : t;
    };
    x = x + drop(attention(m_norm1(x), cos, sin, mask, cache));
    return x + drop(fc2(torch::gelu(fc1(m_norm2(x)))));
}

LanguageModelImpl::LanguageModelImpl(const ModelConfig& c) : m_headDim(c.lmWidth / c.lmHeads), m_dropout(c.dropout) {
    m_tokens = register_module("tokens", torch::nn::Embedding(c.vocabSize, c.lmWidth));
    torch::nn::init::normal_(m_tokens->weight, 0.0, 0.02);
    if (!c.tieEmbeddings) m_head = register_parameter("head", torch::empty({c.vocabSize, c.lmWidth}).normal_(0.0, 0.02));
    for (int i = 0; i < c.lmLayers; ++i)
        m_blocks.push_back(register_module("block" + std::to_string(i),
                                           TransformerBlock(c.lmWidth, c.lmHeads, c.mlpRatio, c.dropout, true)));
    m_norm = register_module("norm", Norm(c.lmWidth, true));
}

torch::Tensor LanguageModelImpl::forward(const torch::Tensor& prefix, const torch::Tensor& tokens, KvCache* cache) {
    auto x = m_tokens(tokens);
    const int64_t prefixLength = prefix.defined() ? prefix.size(1) : 0;
    if (prefixLength > 0) x = torch::cat({prefix, x}, 1);
    const int64_t offset = cache ? cache->length() : 0;
    const int64_t length = x.size(1);
    const auto [cos, sin] = rotaryTables(offset, length, m_headDim, x.device());
    // A single new token may attend to everything cached: no mask needed.
    const torch::Tensor mask = length > 1 ? prefixCausalMask(prefixLength, length, offset, x.device()) : torch::Tensor();
    if (m_dropout > 0) x = F::dropout(x, F::DropoutFuncOptions().p(m_dropout).training(is_training()));
    for (std::size_t i = 0; i < m_blocks.size(); ++i)
        x = m_blocks[i]->forward(x, cos, sin, mask, cache ? &cache->layers[i] : nullptr);
    return m_norm(x);
}

torch::Tensor LanguageModelImpl::logits(const torch::Tensor& hidden) {
    return F::linear(hidden, m_head.defined() ? m_head : m_tokens->weight);
}

MultimodalNetworkImpl::MultimodalNetworkImpl(const ModelConfig& c) : config(c) {
    vision = register_module("vision", VisionEncoder(c));
    projector = register_module("projector", torch::nn::Sequential(torch::nn::Linear(c.visionWidth, c.lmWidth),
                                                                   torch::nn::GELU(),
                                                                   torch::nn::Linear(c.lmWidth, c.lmWidth)));
    m_imageSegment = register_parameter("image_segment", torch::empty({2, c.lmWidth}).normal_(0.0, 0.02));
    lm = register_module("lm", LanguageModel(c));
    if (c.attributeSlots > 0) {
        attributeHead = register_module("attribute_head", torch::nn::Linear(c.visionWidth, int64_t(c.attributeSlots) * 4));
        attributeProjector = register_module("attribute_projector", torch::nn::Linear(int64_t(c.attributeSlots) * 4, c.lmWidth));
    }
    if (c.hasGuidedToken()) {
        // Keys ~N(0,1) against a query from a layer-normed summary: the attention logits
        // start with a spread of about one, uniform enough to learn from, not flat.
        guidedQuery = register_module("guided_query", torch::nn::Linear(c.lmWidth, c.lmWidth));
        guidedProjector = register_module("guided_projector", torch::nn::Linear(4, c.lmWidth));
        guidedKeys = register_parameter("guided_keys", torch::randn({int64_t(c.attributeSlots), int64_t(c.lmWidth)}));
        guidedValues = register_parameter("guided_values", torch::empty({int64_t(c.attributeSlots), int64_t(c.lmWidth)}).normal_(0.0, 0.02));
    }
    if (c.hasGuidedImageBias()) {
        // Zero at the start: the prompt alone decides until the image's part is learned.
        guidedImageBias = register_module("guided_image_bias", torch::nn::Linear(c.visionWidth, int64_t(c.attributeSlots)));
        torch::nn::init::zeros_(guidedImageBias->weight);
        torch::nn::init::zeros_(guidedImageBias->bias);
    }
}

std::pair<torch::Tensor, torch::Tensor> MultimodalNetworkImpl::encode(const torch::Tensor& first, const torch::Tensor& second,
                                                                      const torch::Tensor& firstMeasures,
                                                                      const torch::Tensor& secondMeasures) {
    if (!second.defined()) return {vision(first, firstMeasures), torch::Tensor()};
    torch::Tensor measures;
    if (firstMeasures.defined() || secondMeasures.defined()) {
        const auto zerosFor = [](const torch::Tensor& images, const torch::Tensor& other) {
            return torch::zeros({images.size(0), other.size(1)}, other.options());
        };
        measures = torch::cat({firstMeasures.defined() ? firstMeasures : zerosFor(first, secondMeasures),
                               secondMeasures.defined() ? secondMeasures : zerosFor(second, firstMeasures)}, 0);
    }
    const auto both = vision(torch::cat({first, second}, 0), measures);
    const int64_t batch = first.size(0);
    return {both.slice(0, 0, batch), both.slice(0, batch)};
}

torch::Tensor MultimodalNetworkImpl::ownSlots(const torch::Tensor& slotMask) const {
    if (!config.hasOwnModalitySlots() || !slotMask.defined()) return {};
    const int64_t slotCount = config.attributeSlots, given = slotMask.size(1);
    // Slots beyond the taxonomy's belong to no modality.
    return given >= slotCount ? slotMask.slice(1, 0, slotCount)
                              : F::pad(slotMask, F::PadFuncOptions(std::vector<int64_t>{0, slotCount - given}));
}

torch::Tensor MultimodalNetworkImpl::prefixFromFeatures(const torch::Tensor& first, const torch::Tensor& second,
                                                        const torch::Tensor& slotMask) {
    const auto own = ownSlots(slotMask);
    auto tokens = [&](const torch::Tensor& features, int segment) {
        // Without pixel tokens in the prefix only the measure token (last) is projected.
        auto out = projector->forward(config.prefixHasPixels() ? features : features.slice(1, features.size(1) - 1));
        if (!attributeHead.is_empty()) {
            auto distribution = torch::softmax(attributeLogits(features), -1);  // [B, slots, 4]
            if (own.defined()) {
                // Another modality's slot reads "none" for certain, whatever the head says there.
                const auto none = torch::tensor({1.0, 0.0, 0.0, 0.0}, distribution.options());
                const auto m = own.unsqueeze(-1).to(distribution.scalar_type());
                distribution = distribution * m + none * (1 - m);
            }
            out = torch::cat({out, attributeProjector->forward(distribution.flatten(1)).unsqueeze(1)}, 1);
        }
        return out + m_imageSegment[segment];
    };
    if (!second.defined()) return tokens(first, 0);
    return torch::cat({tokens(first, 0), tokens(second, 1)}, 1);
}

torch::Tensor MultimodalNetworkImpl::guidedQueryLogits(const torch::Tensor& tokens, const torch::Tensor& promptLengths) {
    // A bag of words over each row's prompt (never its answer): which attribute is asked about.
    const auto positions = torch::arange(tokens.size(1), tokens.options()).unsqueeze(0);  // [1,T]
    const auto embedded = lm->embedTokens(tokens);
    const auto inPrompt = positions.lt(promptLengths.unsqueeze(1)).to(embedded.scalar_type()).unsqueeze(-1);  // [B,T,1]
    const auto summary = (embedded * inPrompt).sum(1) / inPrompt.sum(1).clamp_min(1.0);                  // [B,W]
    const auto query = guidedQuery(F::layer_norm(summary, F::LayerNormFuncOptions({summary.size(-1)})));
    return query.matmul(guidedKeys.t()) / std::sqrt(double(config.lmWidth));  // [B,slots]
}

torch::Tensor MultimodalNetworkImpl::withImageBias(const torch::Tensor& queryLogits, const torch::Tensor& features,
                                                   const torch::Tensor& rowImage, const torch::Tensor& own) {
    auto logits = guidedImageBias.is_empty() ? queryLogits
                                             : queryLogits + guidedImageBias(imageSummary(features)).index_select(0, rowImage);
    // Large and finite: a row's softmax stays defined, other modalities' slots get no weight.
    if (own.defined()) logits = logits.masked_fill(own.index_select(0, rowImage).eq(0), -1e4);
    return logits;
}

torch::Tensor MultimodalNetworkImpl::guidedSlotLogits(const torch::Tensor& features, const torch::Tensor& rowImage,
                                                      const torch::Tensor& tokens, const torch::Tensor& promptLengths,
                                                      const torch::Tensor& slotMask) {
    return withImageBias(guidedQueryLogits(tokens, promptLengths), features, rowImage, ownSlots(slotMask));
}

torch::Tensor MultimodalNetworkImpl::rowPrefix(const torch::Tensor& firstFeatures, const torch::Tensor& secondFeatures,
                                               const torch::Tensor& rowImage, const torch::Tensor& tokens,
                                               const torch::Tensor& promptLengths, const torch::Tensor& slotMask) {
    const auto prefix = prefixFromFeatures(firstFeatures, secondFeatures, slotMask).index_select(0, rowImage);
    if (!config.hasGuidedToken()) return prefix;
    const auto queryLogits = guidedQueryLogits(tokens, promptLengths);
    const auto own = ownSlots(slotMask);
    auto guided = [&](const torch::Tensor& features, int segment) {
        const auto attention = torch::softmax(withImageBias(queryLogits, features, rowImage, own), -1);  // [B,slots]
        const auto severity = torch::softmax(attributeLogits(features), -1).index_select(0, rowImage);  // [B,slots,4]
        const auto read = (attention.unsqueeze(-1) * severity).sum(1);                                  // [B,4]
        return (guidedProjector(read) + attention.matmul(guidedValues) + m_imageSegment[segment]).unsqueeze(1);
    };
    std::vector<torch::Tensor> parts{prefix, guided(firstFeatures, 0)};
    if (secondFeatures.defined()) parts.push_back(guided(secondFeatures, 1));
    return torch::cat(parts, 1);
}

torch::Tensor MultimodalNetworkImpl::attributeLogits(const torch::Tensor& features) {
    return attributeHead->forward(imageSummary(features)).view({features.size(0), int64_t(config.attributeSlots), 4});
}

torch::Tensor MultimodalNetworkImpl::imageSummary(const torch::Tensor& features) const {
    if (!config.sourceMeasures) return features.mean(1);
    const int64_t last = features.size(1) - 1;
    if (config.headReadsMeasuresOnly()) return features.select(1, last);
    return features.slice(1, 0, last).mean(1) + features.select(1, last);
}

torch::Tensor MultimodalNetworkImpl::embed(const torch::Tensor& images, const torch::Tensor& measures) {
    // Measures as the only image input: the pixel encoder is untrained, a random projection
    // of the pixels; the measure token is what the model reads quality from.
    const auto features = config.sourceMeasures && !config.readsPixels() ? vision(images, measures).select(1, 0)
                                                                          : vision->encodePixels(images).mean(1);
    return F::normalize(features, F::NormalizeFuncOptions().p(2).dim(-1));
}

void MultimodalNetworkImpl::attachLora(const LoraConfig& lora) {
    for (auto& block : lm->blocks()) {
        std::pair<const char*, AdaptableLinear> layers[] = {
            {"q", block->attention->q}, {"k", block->attention->k}, {"v", block->attention->v},
            {"o", block->attention->o}, {"fc1", block->fc1}, {"fc2", block->fc2}};
        for (auto& [name, layer] : layers)
            if (lora.targets.contains(QLatin1String(name))) layer->attachLora(lora.rank, lora.scaling());
    }
}

void MultimodalNetworkImpl::mergeLora() {
    for (auto& block : lm->blocks())
        for (auto layer : {block->attention->q, block->attention->k, block->attention->v, block->attention->o,
                           block->fc1, block->fc2})
            layer->mergeLora();
}

bool MultimodalNetworkImpl::hasLora() const {
    for (const auto& item : named_parameters())
        if (isLoraParameter(item.key())) return true;
    return false;
}

}  // namespace medq::model::internal
