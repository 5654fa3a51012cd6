#include "loop/DegenerateDraft.h"

#include <algorithm>
#include <map>

namespace medq::loop {
namespace {

bool hasWord(const QString& text) {
    int run = 0;
    for (const QChar c : text) {
        run = c.isLetter() ? run + 1 : 0;
        if (run >= DegenerateDraft::kMinWordLetters) return true;
    }
    return false;
}

bool repeatsOneToken(const std::vector<int>& tokens) {
    const int n = int(tokens.size());
    if (n < DegenerateDraft::kMinRepeatTokens) return false;
    std::map<int, int> counts;
    int most = 0, run = 0, longestRun = 0;
    for (int i = 0; i < n; ++i) {
        most = std::max(most, ++counts[tokens[std::size_t(i)]]);
        run = i > 0 && tokens[std::size_t(i)] == tokens[std::size_t(i) - 1] ? run + 1 : 1;
        longestRun = std::max(longestRun, run);
    }
    return 2 * most > n || longestRun >= DegenerateDraft::kMinRepeatTokens;
}

}  // namespace

std::optional<DraftProblem> DegenerateDraft::problem(const QString& text, const std::vector<int>& tokens,
                                                     bool stoppedAtEos) {
    if (!hasWord(text)) return DraftProblem::NoWords;
    if (repeatsOneToken(tokens)) return DraftProblem::RepeatedToken;
    if (!stoppedAtEos) return DraftProblem::NoEnd;
    return std::nullopt;
}

QString DegenerateDraft::reason(DraftProblem problem) {
    switch (problem) {
    case DraftProblem::NoWords: return QStringLiteral("it wrote no words");
    case DraftProblem::RepeatedToken: return QStringLiteral("it repeated one word over and over");
    case DraftProblem::NoEnd: return QStringLiteral("it never finished the description");
    }
    return {};
}

}  // namespace medq::loop
