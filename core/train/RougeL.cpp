#include "train/RougeL.h"

#include <QRegularExpression>
#include <algorithm>
#include <vector>

namespace medq::train {

QStringList rougeWords(const QString& text) {
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    return text.toLower().split(separators, Qt::SkipEmptyParts);
}

RougeScore rougeL(const QString& candidate, const QString& reference) {
    const QStringList c = rougeWords(candidate);
    const QStringList r = rougeWords(reference);
    if (c.isEmpty() || r.isEmpty()) return {};
    // Longest common subsequence by dynamic programming over two rolling rows: O(|c||r|).
    std::vector<int> previous(std::size_t(r.size()) + 1, 0), current(previous.size(), 0);
    for (const QString& word : c) {
        for (qsizetype j = 0; j < r.size(); ++j)
            current[std::size_t(j) + 1] = word == r[j] ? previous[std::size_t(j)] + 1
                                                       : std::max(previous[std::size_t(j) + 1], current[std::size_t(j)]);
        std::swap(previous, current);
    }
    const double lcs = previous.back();
    RougeScore s;
    s.precision = lcs / double(c.size());
    s.recall = lcs / double(r.size());
    s.f = lcs > 0 ? 2.0 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    return s;
}

}  // namespace medq::train
