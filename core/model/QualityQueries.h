#pragma once
// What QualityModel takes and returns: plain C++ values, no torch types.
#include "model/Pixels.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <limits>
#include <vector>

namespace medq::model {

// Preprocessed pixels (ImagePreprocessor output) of one item: one image, or two for a
// pairwise comparison ("which image has better quality?").
struct VisualInput {
    Pixels first;
    Pixels second;  // empty unless the item is a pair
    // QualityMeasures of first and second standardised within their source, for a model with
    // ModelConfig::sourceMeasures; empty: the source's typical values (zeros).
    std::vector<float> firstMeasures, secondMeasures;
    // modalityKey of the image(s) when known: a TorchScript model finds the attribute a
    // question names, and writes descriptions, within this modality's attributes.
    QString modality;
    bool isPair() const { return !second.empty(); }
};

// A multiple-choice perception question with two to four options (A-D).
struct PerceptionQuery {
    VisualInput image;
    QString question;
    QStringList options;
};

struct PerceptionAnswer {
    std::vector<double> probabilities;  // one per option, summing to 1
    int choice = -1;                    // argmax
    double entropy = 0.0;               // of `probabilities`, in nats (ln k at most)
    // The attribute slot the question-guided token reads most for this question (single
    // images of a model with the token), else -1: tells whether the model found the
    // attribute the question names.
    int guidedSlot = -1;
};

struct GenerationOptions {
    enum class Mode { Greedy, Sample };
    Mode mode = Mode::Greedy;
    double temperature = 1.0;  // Sample only
    double topP = 1.0;         // nucleus sampling (Holtzman et al. 2020); Sample only
    // At most this many tokens; by default as many as the config's maxTextLength leaves after
    // the prompt, the room training gave the reference descriptions. A cap of 64 cut 683 of
    // the base300 benchmark's 1,645 reference descriptions (mean 60 tokens) before their
    // closing overall rating, so a model that learned them was marked as never finishing.
    int maxTokens = std::numeric_limits<int>::max();
    std::uint64_t seed = 0;    // Sample only; item i uses its own stream derived from seed and i
    // No n-gram of this many tokens appears twice in a description, and no token twice in a
    // row (the token that would do either is never picked; 0 turns both off). A small or undertrained decoder otherwise
    // loops ("faint faint faint", a sentence over and over) until the token limit; blocking
    // repeated trigrams is the usual cure (Paulus et al. 2018).
    int noRepeatNgram = 3;
    // A description of an image whose modality is known never names another modality
    // (ModalityMention's words): the token that would is never picked. base300 opened 77% of
    // its validation descriptions with the wrong one ("This fundus image shows" for an MRI);
    // off only to measure what the decoder writes unguarded (`medq model eval --unguarded`).
    bool keepToModality = true;
};

struct GeneratedDescription {
    QString text;
    std::vector<int> tokens;            // generated ids, EOS excluded
    // Entropy (nats) of the model's untempered next-token distribution at each generated
    // step, the EOS step included: the per-token uncertainty used for routing.
    std::vector<double> tokenEntropies;
    double meanEntropy = 0.0;
    bool stoppedAtEos = false;          // false when it ran into the token limit
};

}  // namespace medq::model
