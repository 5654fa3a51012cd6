#pragma once
// Whether a generated description is a draft at all. A small or undertrained model can write
// a row of periods, one word over and over, or run into the token limit without ending; none
// of that is worth a reader's time, so such a draft is not shown as the model's draft, its
// item is routed as having none (to the expert), and rounds count them (docs/loop.md).
#include "common/Vocabulary.h"

#include <QString>
#include <optional>
#include <vector>

namespace medq::loop {

class DegenerateDraft {
public:
    // A run of this many letters makes a word.
    static constexpr int kMinWordLetters = 2;
    // One token making up more than half of at least this many tokens is a repetition, as is
    // one token repeated this many times in a row.
    static constexpr int kMinRepeatTokens = 6;

    // What is wrong with a description (text, generated token ids without EOS, whether EOS
    // was generated); nullopt when it is a draft worth reading. The first problem found of
    // no words, a repeated token, no end.
    static std::optional<DraftProblem> problem(const QString& text, const std::vector<int>& tokens, bool stoppedAtEos);
    // The reason in words, after "the model could not draft this image": "it wrote no words".
    static QString reason(DraftProblem problem);
};

}  // namespace medq::loop
