#include <torch/torch.h>

#include "model/internal/TextGenerator.h"

#include "model/Entropy.h"
#include "model/ModalityMention.h"
#include "model/PromptFormat.h"
#include "model/RepeatedNgrams.h"
#include "model/internal/SequenceBatch.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace medq::model::internal {

namespace {
// SplitMix64 (Steele et al. 2014): a tiny, well-mixed generator whose whole state is one
// integer, so every item gets an independent, reproducible stream from (seed, index).
std::uint64_t splitMix(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
double uniform01(std::uint64_t& state) { return double(splitMix(state) >> 11) * 0x1.0p-53; }

// A row's own clinical modality when the guard holds its description to it.
std::optional<Modality> guardedModality(const GenerationOptions& options, const VisualInput& image) {
    if (!options.keepToModality) return std::nullopt;
    const auto modality = modalityFromString(image.modality);
    if (!modality || *modality == Modality::Other) return std::nullopt;
    return modality;
}

// Picks refused by the guard before a row is ended instead: each refusal removes one token,
// and a description that wants nothing but other modalities' words is better cut short.
constexpr int kGuardRefusals = 16;
}  // namespace

TextGenerator::TextGenerator(QualityModel::Impl& model, const GenerationOptions& options)
    : m_model(model), m_options(options) {
    const Tokenizer& t = model.tokenizer;
    m_banned = {t.bosId(), t.padId()};
    for (int i = 0; i < Tokenizer::kMaxOptions; ++i) m_banned.push_back(t.optionId(i));
}

std::pair<int, double> TextGenerator::pick(std::vector<double> logits, const std::vector<int>& generated,
                                           std::uint64_t& rngState) const {
    for (int id : m_banned) logits[std::size_t(id)] = -INFINITY;
    // The routing entropy is the model's own: taken before repeats are blocked.
    const double entropy = entropyNats(softmax(logits));
    for (int id : repeatingNgramTokens(generated, m_options.noRepeatNgram)) logits[std::size_t(id)] = -INFINITY;
    const std::vector<double> probs = softmax(logits);
    if (m_options.mode == GenerationOptions::Mode::Greedy)
        return {int(std::max_element(probs.begin(), probs.end()) - probs.begin()), entropy};

    // Temperature, then nucleus (top-p) truncation: keep the most likely tokens whose
    // cumulative probability first reaches p (Holtzman et al. 2020), renormalise, draw.
    std::vector<double> scaled = logits;
    for (double& v : scaled) v /= std::max(m_options.temperature, 1e-6);
    const std::vector<double> p = softmax(scaled);
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return p[std::size_t(a)] > p[std::size_t(b)]; });
    double kept = 0;
    std::size_t count = 0;
    while (count < order.size() && (count == 0 || kept < m_options.topP)) kept += p[std::size_t(order[count++])];
    double draw = uniform01(rngState) * kept;
    for (std::size_t i = 0; i < count; ++i) {
        draw -= p[std::size_t(order[i])];
        if (draw <= 0) return {order[i], entropy};
    }
    return {order[count - 1], entropy};
}

int TextGenerator::keepToModality(int token, Modality own, std::vector<double> logits, const std::vector<int>& generated,
                                  std::uint64_t& rngState) const {
    const int eos = m_model.tokenizer.eosId();
    std::vector<int> candidate = generated;
    for (int refused = 0; token != eos; ++refused) {
        candidate.push_back(token);
        if (!ModalityMention::namesOtherThan(m_model.tokenizer.decode(candidate), own)) return token;
        candidate.pop_back();
        logits[std::size_t(token)] = -INFINITY;
        token = refused + 1 < kGuardRefusals ? pick(logits, generated, rngState).first : eos;
    }
    return token;
}

std::vector<GeneratedDescription> TextGenerator::generate(const std::vector<const VisualInput*>& images,
                                                          const std::vector<std::size_t>& items) {
    const ModelConfig& config = m_model.config;
    const Tokenizer& tokenizer = m_model.tokenizer;
    auto& network = *m_model.network;
    const int64_t rows = int64_t(images.size());
    const TokenSequence prompt = PromptFormat(tokenizer, config.maxTextLength, config.modalityInPrompt)
                                     .description(images[0]->isPair(), {}, images[0]->modality);
    const int maxNew = std::clamp(m_options.maxTokens, 0, config.maxTextLength - int(prompt.ids.size()));

    std::vector<const TokenSequence*> sequences(std::size_t(rows), &prompt);
    const SequenceBatch batch = makeSequenceBatch(images, sequences, config.imageSize, tokenizer.padId(), m_model.device);
    KvCache cache = network.lm->makeCache();
    auto hidden = network.lm->forward(rowPrefix(network, batch), batch.tokens, &cache);
    auto logits = network.lm->logits(hidden.select(1, hidden.size(1) - 1));

    std::vector<GeneratedDescription> out(static_cast<std::size_t>(rows));
    std::vector<std::uint64_t> rng(static_cast<std::size_t>(rows));
    for (std::size_t r = 0; r < rng.size(); ++r) {
        rng[r] = m_options.seed ^ (0xA0761D6478BD642FULL * (items[r] + 1));
        splitMix(rng[r]);
    }
    std::vector<bool> done(static_cast<std::size_t>(rows), false);
    for (int step = 0; step < maxNew; ++step) {
        const auto cpu = logits.to(torch::kCPU, torch::kFloat64).contiguous();
        const double* data = cpu.data_ptr<double>();
        const int64_t vocab = cpu.size(1);
        std::vector<int64_t> next(std::size_t(rows), tokenizer.eosId());
        for (int64_t r = 0; r < rows; ++r) {
            if (done[std::size_t(r)]) continue;
            GeneratedDescription& d = out[std::size_t(r)];
            std::vector<double> row(data + r * vocab, data + (r + 1) * vocab);
            auto [token, entropy] = pick(row, d.tokens, rng[std::size_t(r)]);
            if (const auto own = guardedModality(m_options, *images[std::size_t(r)]))
                token = keepToModality(token, *own, std::move(row), d.tokens, rng[std::size_t(r)]);
            d.tokenEntropies.push_back(entropy);
            if (token == tokenizer.eosId()) {
                d.stoppedAtEos = true;
                done[std::size_t(r)] = true;
            } else {
                d.tokens.push_back(token);
                next[std::size_t(r)] = token;
            }
        }
        if (std::all_of(done.begin(), done.end(), [](bool b) { return b; }) || step + 1 == maxNew) break;
        const auto input = torch::tensor(next, torch::kInt64).view({rows, 1}).to(m_model.device);
        logits = network.lm->logits(network.lm->forward({}, input, &cache).select(1, 0));
    }
    for (auto& d : out) {
        d.text = tokenizer.decode(d.tokens);
        if (!d.tokenEntropies.empty())
            d.meanEntropy = std::accumulate(d.tokenEntropies.begin(), d.tokenEntropies.end(), 0.0) / double(d.tokenEntropies.size());
    }
    return out;
}

}  // namespace medq::model::internal
