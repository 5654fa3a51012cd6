#pragma once
// ROUGE-L between a generated and a reference description (Lin 2004, "ROUGE: A Package
// for Automatic Evaluation of Summaries", section 3.1).
#include <QString>
#include <QStringList>

namespace medq::train {

struct RougeScore {
    double precision = 0;  // LCS / candidate words
    double recall = 0;     // LCS / reference words
    double f = 0;          // harmonic mean (beta = 1, as Google's rouge-score package reports)
};

// Words: lower-cased runs of letters and digits (rouge-score's default tokenizer without
// stemming). Two empty texts score 0.
QStringList rougeWords(const QString& text);
RougeScore rougeL(const QString& candidate, const QString& reference);

}  // namespace medq::train
