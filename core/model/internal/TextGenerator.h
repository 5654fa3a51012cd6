#pragma once
// PRIVATE to the torch translation units of core/model (include <torch/torch.h> first).
// Autoregressive decoding of descriptions with a KV cache.
#ifndef TORCH_VERSION_MAJOR
#error "model/internal/TextGenerator.h needs <torch/torch.h> included first"
#endif
#include "io/Modality.h"
#include "model/QualityQueries.h"
#include "model/internal/ModelState.h"

#include <vector>

namespace medq::model::internal {

class TextGenerator {
public:
    TextGenerator(QualityModel::Impl& model, const GenerationOptions& options);
    // images: one layout (all single or all pairs) and, for a model whose prompt names the
    // modality, one modality: the rows share one prompt. items[r] is row r's index in the
    // caller's list: it seeds the row's random stream, so batching does not change draws.
    std::vector<GeneratedDescription> generate(const std::vector<const VisualInput*>& images,
                                               const std::vector<std::size_t>& items);

private:
    // Picks the next token of one row from its logits; returns the id and the entropy of
    // the untempered distribution.
    // `generated` is the row's description so far (for GenerationOptions::noRepeatNgram).
    std::pair<int, double> pick(std::vector<double> logits, const std::vector<int>& generated,
                                std::uint64_t& rngState) const;
    // `token`, or while it would make the description name a modality other than `own`
    // (GenerationOptions::keepToModality) the next pick from `logits` without it; EOS after
    // a few refusals.
    int keepToModality(int token, Modality own, std::vector<double> logits, const std::vector<int>& generated,
                       std::uint64_t& rngState) const;

    QualityModel::Impl& m_model;
    GenerationOptions m_options;
    std::vector<int> m_banned;  // bos, pad and option symbols never appear in descriptions
};

}  // namespace medq::model::internal
