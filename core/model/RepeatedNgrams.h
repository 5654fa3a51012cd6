#pragma once
// No-repeat n-gram blocking for text generation (GenerationOptions::noRepeatNgram).
#include <vector>

namespace medq::model {

// The tokens that, picked next, would repeat an n-gram already in `generated` (its last
// n - 1 tokens followed by the token), and the last token itself (no token twice in a row:
// "faint faint" is never a finding); none for n < 2.
std::vector<int> repeatingNgramTokens(const std::vector<int>& generated, int n);

}  // namespace medq::model
